/** `orders report [--since 24h]`: outcomes, success rate, durations, error patterns, retries, compensations, DLQ. */
import { parseSince } from '../args';
import { buildReport, type CloudWatchSums } from '../core/report';
import { renderReport } from '../render/report-text';
import { toJson, type CommandContext } from './context';

export const DEFAULT_REPORT_WINDOW = '24h';

export const reportCommand = async (context: CommandContext, values: { since?: string }): Promise<number> => {
  const until = context.now();
  const since = parseSince(values.since, until, DEFAULT_REPORT_WINDOW) ?? until;
  const { source, progress } = context;
  const executions = await source.listExecutions({ since }, progress);
  const histories = await source.histories(executions, progress);
  const [dlq, cloudWatch] = await Promise.all([source.dlqDepths(), optional(() => source.cloudWatchSums({ since, until }), context)]);
  const report = buildReport(histories, { source: source.description, since, until, dlq, cloudWatch });
  context.stdout.write(context.json ? toJson(report) : renderReport(report, context.style));
  return 0;
};

/** CloudWatch figures complete the report; without them (no permission, throttled) the histories still answer. */
const optional = async (read: () => Promise<CloudWatchSums[]>, context: CommandContext): Promise<CloudWatchSums[]> => {
  try {
    return await read();
  } catch (error) {
    context.progress.note(`CloudWatch metrics unavailable: ${(error as Error).message}`);
    return [];
  }
};

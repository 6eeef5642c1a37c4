/**
 * `orders list [--status S] [--since 1h] [--limit N]`: recent executions, newest first, with the failed state and
 * error of each one that did not succeed. `--status` takes an execution status (RUNNING, SUCCEEDED, FAILED,
 * TIMED_OUT, ABORTED) or an outcome (COMPLETED, REJECTED); FAILED includes rejections, as Step Functions counts them.
 */
import { integerOption } from '../../shared/option-values';
import { parseSince } from '../args';
import { findFailurePoint, type FailurePoint } from '../core/failure-point';
import { isExecutionStatus, type ExecutionStatus, type ExecutionSummary } from '../core/history';
import { outcomeOf, type Outcome } from '../core/report';
import { UsageError } from '../errors';
import { formatDuration, formatTimestamp, oneLine } from '../render/format';
import { renderTable } from '../render/table';
import { FAIL_MARK } from '../render/timeline-text';
import { toJson, type CommandContext } from './context';

const DEFAULT_LIMIT = 50;

interface StatusFilter {
  status?: ExecutionStatus;
  outcome?: Outcome;
}

export const statusFilter = (text: string | undefined): StatusFilter => {
  if (text === undefined) return {};
  const value = text.toUpperCase();
  if (value === 'COMPLETED') return { status: 'SUCCEEDED' };
  if (value === 'REJECTED') return { status: 'FAILED', outcome: 'REJECTED' };
  if (isExecutionStatus(value)) return { status: value };
  throw new UsageError(`--status must be RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED, COMPLETED or REJECTED, got "${text}"`);
};

export interface ListedExecution extends ExecutionSummary {
  outcome: Outcome;
  durationMs?: number;
  failure?: FailurePoint;
}

export const listCommand = async (context: CommandContext, values: { status?: string; since?: string; limit?: string }): Promise<number> => {
  const filter = statusFilter(values.status);
  const limit = integerOption('limit', values.limit, DEFAULT_LIMIT);
  const since = parseSince(values.since, context.now());
  // One more than shown tells whether there are more; an outcome filter needs every history, so it reads them all.
  const max = filter.outcome ? undefined : limit + 1;
  const query = { ...(filter.status && { status: filter.status }), ...(since !== undefined && { since }), ...(max !== undefined && { max }) };
  const summaries = await context.source.listExecutions(query, context.progress);
  const listed = (await withFailures(context, summaries.slice(0, filter.outcome ? undefined : limit))).filter(
    (execution) => !filter.outcome || execution.outcome === filter.outcome,
  );
  const shown = listed.slice(0, limit);
  if (summaries.length > limit || listed.length > shown.length) context.progress.note(`Showing the ${shown.length} newest executions (--limit ${limit})`);
  context.stdout.write(context.json ? toJson(shown) : renderList(shown, context));
  return 0;
};

/** Only executions that did not succeed need their history: it names the failed state. */
const withFailures = async (context: CommandContext, summaries: readonly ExecutionSummary[]): Promise<ListedExecution[]> => {
  const unsuccessful = summaries.filter((summary) => summary.status !== 'SUCCEEDED' && summary.status !== 'RUNNING');
  const histories = await context.source.histories(unsuccessful, context.progress);
  const byArn = new Map(histories.map((history) => [history.executionArn, history]));
  return summaries.map((summary) => {
    const history = byArn.get(summary.executionArn);
    const failure = history && findFailurePoint(history);
    return {
      ...summary,
      outcome: history ? outcomeOf(history) : summary.status === 'SUCCEEDED' ? 'COMPLETED' : summary.status === 'RUNNING' ? 'RUNNING' : summary.status,
      ...(summary.stoppedAt !== undefined && { durationMs: summary.stoppedAt - summary.startedAt }),
      ...(failure && { failure }),
    } as ListedExecution;
  });
};

const renderList = (executions: readonly ListedExecution[], { style }: CommandContext): string => {
  if (executions.length === 0) return 'No executions\n';
  const rows = executions.map((execution) => {
    const failed = execution.failure !== undefined;
    return [
      failed ? style.red(FAIL_MARK) : '',
      execution.orderId,
      failed ? style.red(execution.outcome) : execution.outcome === 'COMPLETED' ? style.green(execution.outcome) : execution.outcome,
      formatTimestamp(execution.startedAt),
      formatDuration(execution.durationMs),
      execution.failure?.state ?? '',
      execution.failure ? `${execution.failure.error}: ${oneLine(execution.failure.cause, 70)}` : '',
    ];
  });
  const table = renderTable(
    [{ header: '' }, { header: 'ORDER' }, { header: 'OUTCOME' }, { header: 'STARTED' }, { header: 'DURATION', align: 'right' }, { header: 'FAILED STATE' }, { header: 'ERROR' }],
    rows,
  );
  return `${table.join('\n')}\n`;
};

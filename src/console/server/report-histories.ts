/**
 * The histories the dashboard's report is computed from, kept between requests. A finished execution's history
 * never changes, so it is read from the source once; only new and running executions are read again. What is kept
 * is the part of each history that `buildReport` reads — states, kinds, times, errors and causes, and the two
 * pieces of data the failure point comes from (`caught` and `outcome`) — not every state's whole input and output,
 * which would hold hundreds of megabytes for 10,000 executions. tests/unit/console/report-histories.test.ts checks
 * that the report over the kept part equals the report over whole histories.
 */
import type { ExecutionHistory, ExecutionSummary, StateEvent } from '../../cli/core/history';
import { silentProgress } from '../../shared/progress';
import type { OrdersSource } from '../../cli/sources/source';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Only the keys src/cli/core/failure-point.ts reads from a state's data. */
const reportData = (data: unknown): Record<string, unknown> | undefined => {
  if (!isRecord(data)) return undefined;
  const kept: Record<string, unknown> = {};
  if ('caught' in data) kept.caught = data.caught;
  if ('outcome' in data) kept.outcome = data.outcome;
  return Object.keys(kept).length > 0 ? kept : undefined;
};

export const forReport = (history: ExecutionHistory): ExecutionHistory => {
  const { input: _input, output: _output, events, ...rest } = history;
  return {
    ...rest,
    events: events.map((event): StateEvent => {
      const { input, output, ...kept } = event;
      const inputKept = reportData(input);
      const outputKept = reportData(output);
      return { ...kept, ...(inputKept && { input: inputKept }), ...(outputKept && { output: outputKept }) };
    }),
  };
};

export class ReportHistories {
  private readonly finished = new Map<string, ExecutionHistory>();

  constructor(private readonly source: OrdersSource) {}

  async of(executions: readonly ExecutionSummary[]): Promise<ExecutionHistory[]> {
    const missing = executions.filter((e) => e.status === 'RUNNING' || !this.finished.has(e.executionArn));
    const read = new Map((await this.source.histories(missing, silentProgress)).map((h) => [h.executionArn, forReport(h)]));
    for (const [arn, history] of read) if (history.status !== 'RUNNING') this.finished.set(arn, history);
    return executions.flatMap((e) => read.get(e.executionArn) ?? this.finished.get(e.executionArn) ?? []);
  }
}

/**
 * The histories the dashboard's report is computed from. A finished execution's history never changes, so what
 * `buildReport` reads of it — states, kinds, times, errors and causes, and the two pieces of data the failure point
 * comes from (`caught` and `outcome`), not every state's whole input and output — is computed once and kept in a
 * `ReportFactStore`: locally a table of the stack's SQLite file (sqlite-report-facts.ts), so a restart needs no
 * history replay; for a deployed stack a bounded in-memory store. Only new and running executions are read from
 * the source again. tests/unit/console/report-histories.test.ts checks that the report over the kept part equals
 * the report over whole histories, across a restart too.
 */
import { isFinished, type ExecutionHistory, type ExecutionSummary, type StateEvent } from '../../cli/core/history';
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

/** Where the kept part of finished histories lives between dashboard loads. */
export interface ReportFactStore {
  /** The kept histories of those of `executionArns` that have one. */
  read(executionArns: readonly string[]): Map<string, ExecutionHistory>;
  /** Keeps these (finished, already `forReport`) histories. */
  write(histories: readonly ExecutionHistory[]): void;
}

/** Holds at most `capacity` histories, dropping the least recently read: memory stays bounded on any store. */
export class BoundedReportFacts implements ReportFactStore {
  private readonly kept = new Map<string, ExecutionHistory>();

  constructor(private readonly capacity: number) {}

  read(executionArns: readonly string[]): Map<string, ExecutionHistory> {
    const found = new Map<string, ExecutionHistory>();
    for (const arn of executionArns) {
      const history = this.kept.get(arn);
      if (!history) continue;
      this.kept.delete(arn);
      this.kept.set(arn, history);
      found.set(arn, history);
    }
    return found;
  }

  write(histories: readonly ExecutionHistory[]): void {
    for (const history of histories) {
      this.kept.delete(history.executionArn);
      this.kept.set(history.executionArn, history);
    }
    for (const arn of this.kept.keys()) {
      if (this.kept.size <= this.capacity) break;
      this.kept.delete(arn);
    }
  }
}

/**
 * Histories read from the source at a time when facts are missing (a store that has never had a dashboard): each
 * batch is kept before the next is read, so a whole history of the window is never held at once, and the event
 * loop gets a turn between batches.
 */
const READ_BATCH = 500;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class ReportHistories {
  constructor(
    private readonly source: OrdersSource,
    private readonly facts: ReportFactStore,
  ) {}

  async of(executions: readonly ExecutionSummary[]): Promise<ExecutionHistory[]> {
    const kept = this.facts.read(executions.filter(isFinished).map((e) => e.executionArn));
    const missing = executions.filter((e) => !kept.has(e.executionArn));
    const fresh = new Map<string, ExecutionHistory>();
    for (let i = 0; i < missing.length; i += READ_BATCH) {
      if (i > 0) await nextTurn();
      const read = (await this.source.histories(missing.slice(i, i + READ_BATCH), silentProgress)).map(forReport);
      this.facts.write(read.filter(isFinished));
      for (const history of read) fresh.set(history.executionArn, history);
    }
    return executions.flatMap((e) => fresh.get(e.executionArn) ?? kept.get(e.executionArn) ?? []);
  }
}

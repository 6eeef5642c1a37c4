/**
 * The console's data from a deployed stack, read-only, through the CLI's AwsSource (Step Functions histories,
 * SQS depths, CloudWatch sums and logs). The graph is drawn from this checkout's template and ASL: the deployed
 * definition is the same file with ARNs substituted, so its states and transitions are the same.
 */
import { isFinished, type ExecutionHistory, type ExecutionSummary } from '../../cli/core/history';
import { findFailurePoint } from '../../cli/core/failure-point';
import { outcomeOf } from '../../cli/core/report';
import { silentProgress } from '../../shared/progress';
import type { OrdersSource } from '../../cli/sources/source';
import type { LocalStateMachine } from '../../local/emulator/template/local-model';
import type { ConsoleMeta, ExecutionPage, ExecutionRow, FunctionFigures } from '../shared/api';
import { ConsoleQueryError, type ConsoleBackend, type ExecutionQuery, type OrderExtras } from './backend';
import { definitionOf } from './definitions';
import { BoundedReportFacts, forReport } from './report-histories';

export interface AwsBackendOptions {
  source: OrdersSource;
  /** The state machines of this checkout's template (the deployed stack's order machine is the Standard one). */
  stateMachines: readonly LocalStateMachine[];
  now?: () => number;
}

/** How long a version (one ListExecutions call) is reused: Step Functions' list API is throttled per account. */
const VERSION_TTL_MS = 5000;
/** Executions listed per page request at most; the rest of a long range is reached with a narrower one. */
const MAX_SCANNED = 1000;
const MAX_HISTORIES = 200;
const LOG_LOOKBACK_MS = 60_000;
/** Finished histories kept in memory (their report part only); the least recently read go first. */
const KEPT_HISTORIES = 20_000;

export class AwsBackend implements ConsoleBackend {
  readonly source: OrdersSource;
  private readonly now: () => number;
  /** The report's part of finished histories (the executions view reads its outcome and failure point from it too). */
  readonly reportFacts = new BoundedReportFacts(KEPT_HISTORIES);
  private cachedVersion: { at: number; value: Promise<string> } | undefined;

  constructor(private readonly options: AwsBackendOptions) {
    this.source = options.source;
    this.now = options.now ?? Date.now;
  }

  async meta(): Promise<ConsoleMeta> {
    return {
      mode: 'aws',
      readOnly: true,
      source: this.source.description,
      stateMachines: this.options.stateMachines.map((m) => ({ name: m.name, type: m.type, definition: definitionOf(m.definition) })),
    };
  }

  async executions(query: ExecutionQuery): Promise<ExecutionPage> {
    const status = query.status === 'COMPLETED' ? 'SUCCEEDED' : query.status === 'REJECTED' ? 'FAILED' : query.status;
    const offset = query.cursor ? Number(query.cursor) : 0;
    if (!Number.isInteger(offset) || offset < 0) throw new ConsoleQueryError('cursor is not one this console handed out', 'cursor');
    const listed = await this.source.listExecutions({ ...(status && { status }), ...(query.from !== undefined && { since: query.from }), max: MAX_SCANNED }, silentProgress);
    let candidates = listed.filter((e) => (query.to === undefined || e.startedAt < query.to) && (!query.q || e.name.includes(query.q)));
    const needsHistory = query.failedState !== undefined || query.error !== undefined || query.status === 'REJECTED' || query.status === 'FAILED';
    if (needsHistory) {
      const histories = await this.historiesOf(candidates.filter((e) => e.status !== 'SUCCEEDED' && e.status !== 'RUNNING').slice(0, MAX_HISTORIES));
      const byArn = new Map(histories.map((h) => [h.executionArn, h]));
      candidates = candidates.filter((e) => {
        const h = byArn.get(e.executionArn);
        if (!h) return false;
        const failure = findFailurePoint(h);
        const outcome = outcomeOf(h);
        return (
          (query.status !== 'REJECTED' || outcome === 'REJECTED') &&
          (query.status !== 'FAILED' || outcome === 'FAILED') &&
          (query.failedState === undefined || failure?.state === query.failedState) &&
          (query.error === undefined || failure?.error === query.error)
        );
      });
    }
    const page = candidates.slice(offset, offset + query.limit);
    const histories = new Map((await this.historiesOf(page.filter((e) => e.status !== 'RUNNING' && e.status !== 'SUCCEEDED'))).map((h) => [h.executionArn, h]));
    const items = page.map((e) => this.toRow(e, histories.get(e.executionArn)));
    return { items, ...(offset + query.limit < candidates.length && { nextCursor: String(offset + query.limit) }) };
  }

  version(): Promise<string> {
    const now = this.now();
    if (this.cachedVersion && now - this.cachedVersion.at < VERSION_TTL_MS) return this.cachedVersion.value;
    const value = this.source.listExecutions({ max: 20 }, silentProgress).then((list) => list.map((e) => `${e.name}:${e.status}`).join(','));
    this.cachedVersion = { at: now, value };
    return value;
  }

  stateMachineOf(): string | undefined {
    return this.options.stateMachines.find((m) => m.type === 'STANDARD')?.name;
  }

  async orderExtras(orderId: string, around: { startedAt?: number }): Promise<OrderExtras> {
    const since = (around.startedAt ?? this.now() - 86_400_000) - LOG_LOOKBACK_MS;
    const lines = await this.source.readLogs({ functions: [], since, filter: orderId });
    return { logs: lines.map((l) => ({ timestamp: l.timestamp, source: l.source, message: l.message })) };
  }

  async functionFigures(): Promise<FunctionFigures[]> {
    // CloudWatch's sums come with the report (report.cloudWatch); per-function Lambda metrics are not read here.
    return [];
  }

  close(): void {}

  /** Finished histories never change: they are read once while kept. */
  private async historiesOf(executions: readonly ExecutionSummary[]): Promise<ExecutionHistory[]> {
    const finished = executions.filter(isFinished);
    const kept = this.reportFacts.read(finished);
    const read = (await this.source.histories(finished.filter((e) => !kept.has(e.executionArn)), silentProgress)).map(forReport).filter(isFinished);
    this.reportFacts.write(read);
    const fresh = new Map(read.map((h) => [h.executionArn, h]));
    return finished.flatMap((e) => kept.get(e.executionArn) ?? fresh.get(e.executionArn) ?? []);
  }

  private toRow(e: ExecutionSummary, history: ExecutionHistory | undefined): ExecutionRow {
    const failure = history && findFailurePoint(history);
    return {
      ...e,
      stateMachine: this.stateMachineOf() ?? '',
      ...(history && { outcome: outcomeOf(history) }),
      ...(e.status === 'SUCCEEDED' && { outcome: 'COMPLETED' }),
      ...(failure && { failedState: failure.state, error: failure.error }),
    };
  }
}

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
import { buildReport } from '../../cli/core/report';
import { WorkflowStates } from '../../cli/core/workflow-states';
import { silentProgress } from '../../shared/progress';
import type { OrdersSource } from '../../cli/sources/source';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const pick = (record: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> =>
  Object.fromEntries(keys.filter((key) => key in record).map((key) => [key, record[key]]));

/**
 * What src/cli/core/failure-point.ts reads of a state's data, and nothing else (the rest of every state's input
 * and output would be most of the bytes):
 * - `caught`: only its `Error` and `Cause` (fromTaggedCatch), and only the first time a given pair appears in the
 *   history — the catch is read first to last and a pair that did not answer once cannot answer later (the same
 *   tagged Cause, stack trace included, is handed down through a dozen states);
 * - `outcome`: only `outcome.failure`'s state, error and cause, and only on `exited` events' output
 *   (fromRecordedOutcome reads nothing else; the rest of the outcome is the whole order record).
 */
const reportData = (data: unknown, event: StateEvent, seenCaught: Set<string>, isOutput: boolean): Record<string, unknown> | undefined => {
  if (!isRecord(data)) return undefined;
  const kept: Record<string, unknown> = {};
  if (isRecord(data.caught)) {
    const caught = pick(data.caught, ['Error', 'Cause']);
    const key = JSON.stringify([caught.Error, caught.Cause]);
    if (!seenCaught.has(key)) {
      seenCaught.add(key);
      kept.caught = caught;
    }
  }
  if (isOutput && event.kind === 'exited' && isRecord(data.outcome) && isRecord(data.outcome.failure)) {
    kept.outcome = { failure: pick(data.outcome.failure, ['state', 'error', 'cause']) };
  }
  return Object.keys(kept).length > 0 ? kept : undefined;
};

/** The data `buildReport` can read of each event (and no `stateType`, which it never looks at). */
const keptData = (history: ExecutionHistory): ExecutionHistory => {
  const { input: _input, output: _output, events, ...rest } = history;
  const seenCaught = new Set<string>();
  return {
    ...rest,
    events: events.map((event): StateEvent => {
      const { input, output, stateType: _stateType, ...kept } = event;
      // The order fromTaggedCatch reads them in: each event's output, then its input.
      const outputKept = reportData(output, event, seenCaught, true);
      const inputKept = reportData(input, event, seenCaught, false);
      return { ...kept, ...(inputKept && { input: inputKept }), ...(outputKept && { output: outputKept }) };
    }),
  };
};

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

/**
 * A Cause as the failure point reads it: a tagged `["state","error",cause]` keeps its tag, an error object its
 * `errorMessage` (what readableCause shows) — not its stack trace, which is most of a failed history's bytes.
 */
const shortCause = (cause: unknown): unknown => {
  if (typeof cause !== 'string') return cause;
  const parsed = parseJson(cause);
  if (Array.isArray(parsed) && parsed.length === 3 && typeof parsed[0] === 'string') return JSON.stringify([parsed[0], parsed[1], shortCause(parsed[2])]);
  if (isRecord(parsed) && typeof parsed.errorMessage === 'string') return JSON.stringify({ errorMessage: parsed.errorMessage });
  return cause;
};

const shortData = (data: unknown): unknown => {
  if (!isRecord(data) || !isRecord(data.caught)) return data;
  return { ...data, caught: { ...data.caught, ...('Cause' in data.caught && { Cause: shortCause(data.caught.Cause) }) } };
};

/**
 * Fewer events and shorter causes: a state's `entered`/`exited` pair is dropped when nothing else happened to that
 * state and it carries no data (except the last `entered`, and the states the report looks for by name), a recorded
 * outcome handed on unchanged is kept once, and causes lose their stack traces.
 */
const compact = (history: ExecutionHistory): ExecutionHistory => {
  const eventful = new Set(history.events.filter((e) => e.kind !== 'entered' && e.kind !== 'exited').map((e) => e.state));
  for (const name of Object.values(WorkflowStates)) eventful.add(name);
  const lastEntered = history.events.findLastIndex((e) => e.kind === 'entered');
  // The recorded outcome is read last first, so of several states handing on the same one only the last counts.
  const outcomeOf = (e: StateEvent): string | undefined => (e.kind === 'exited' && isRecord(e.output) && 'outcome' in e.output ? JSON.stringify(e.output) : undefined);
  const lastWithOutcome = new Map<string, number>();
  history.events.forEach((e, index) => {
    const key = outcomeOf(e);
    if (key !== undefined) lastWithOutcome.set(key, index);
  });
  const keptOutput = (e: StateEvent, index: number): boolean => {
    if (e.output === undefined) return false;
    const key = outcomeOf(e);
    return key === undefined || lastWithOutcome.get(key) === index;
  };
  return {
    ...history,
    ...(history.cause !== undefined && { cause: shortCause(history.cause) as string }),
    events: history.events
      .filter((e, index) => index === lastEntered || eventful.has(e.state) || e.input !== undefined || keptOutput(e, index))
      .map((e) => ({
        ...e,
        ...(e.cause !== undefined && { cause: shortCause(e.cause) as string }),
        ...(e.input !== undefined && { input: shortData(e.input) }),
        ...(e.output !== undefined && { output: shortData(e.output) }),
      })),
  };
};

/**
 * Only the events the report counts: the states it looks for by name (entered), retries with the failures before
 * them (their error names the retry), and the last recorded outcome (where the failure point is read first).
 * Enough for every execution whose failure the workflow recorded; others keep the compact form.
 */
const minimal = (history: ExecutionHistory): ExecutionHistory => {
  const named = new Set<string>(Object.values(WorkflowStates));
  const retried = new Set(history.events.filter((e) => e.kind === 'retried').map((e) => e.state));
  const lastOutcome = history.events.findLastIndex((e) => e.kind === 'exited' && isRecord(e.output) && 'outcome' in e.output);
  return {
    ...history,
    events: history.events.filter(
      (e, index) => index === lastOutcome || e.kind === 'retried' || (e.kind === 'failed' && retried.has(e.state)) || (e.kind === 'entered' && named.has(e.state)),
    ),
  };
};

const VERIFY_EXTRAS = { source: '', until: 0 };
const reportOf = (history: ExecutionHistory): string => JSON.stringify(buildReport([history], VERIFY_EXTRAS));

/**
 * The part of a history `buildReport` reads, as small as it can be while giving the same report: the smallest of
 * the minimal, compact and data-trimmed forms for which `buildReport` over it alone equals `buildReport` over the
 * whole history (the report is a fold over executions — counts, per-execution failure points, retries and
 * compensations in event order — so equal per execution is equal over any set of them); the whole history if none. Checked with the report's own code,
 * so a change to what `buildReport` reads cannot make the dashboard disagree with `orders report`.
 */
export const forReport = (history: ExecutionHistory): ExecutionHistory => {
  const expected = reportOf(history);
  const trimmed = keptData(history);
  const compacted = compact(trimmed);
  return [minimal(compacted), compacted, trimmed].find((candidate) => reportOf(candidate) === expected) ?? history;
};

/** Where the kept part of finished histories lives between dashboard loads. */
export interface ReportFactStore {
  /** The kept histories of those of `executions` that have one, by ARN. */
  read(executions: readonly ExecutionSummary[]): Map<string, ExecutionHistory>;
  /** Keeps these (finished, already `forReport`) histories. */
  write(histories: readonly ExecutionHistory[]): void;
}

/** Holds at most `capacity` histories, dropping the least recently read: memory stays bounded on any store. */
export class BoundedReportFacts implements ReportFactStore {
  private readonly kept = new Map<string, ExecutionHistory>();

  constructor(private readonly capacity: number) {}

  read(executions: readonly ExecutionSummary[]): Map<string, ExecutionHistory> {
    const found = new Map<string, ExecutionHistory>();
    for (const { executionArn: arn } of executions) {
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
 * A bounded store in front of a persistent one: what the front holds is answered from memory (a dashboard
 * recomputed without parsing), the rest is read from the back and kept in front; writes go to both.
 */
export class LayeredReportFacts implements ReportFactStore {
  constructor(
    private readonly front: BoundedReportFacts,
    private readonly back: ReportFactStore,
  ) {}

  read(executions: readonly ExecutionSummary[]): Map<string, ExecutionHistory> {
    const found = this.front.read(executions);
    const rest = this.back.read(executions.filter((e) => !found.has(e.executionArn)));
    this.front.write([...rest.values()]);
    for (const [arn, history] of rest) found.set(arn, history);
    return found;
  }

  write(histories: readonly ExecutionHistory[]): void {
    this.back.write(histories);
    this.front.write(histories);
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
    const kept = this.facts.read(executions.filter(isFinished));
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

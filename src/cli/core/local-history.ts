/**
 * The local stack's execution record and event log (GET /_local/executions/{id}) → the normalized history.
 * The local stack records the `aws-local-stepfunctions` events per state — StateEntered, StateFailed (every
 * failed attempt), StateRetried, StateCaught, StateExited — plus Parallel branch events; Lambda and task events
 * repeat what those say and are skipped. A branch that is aborted (its sibling failed) leaves its running state
 * without an end, so that state is marked aborted here.
 */
import { orderIdOf, parseData, isExecutionStatus, type ExecutionHistory, type StateEvent } from './history';

/** One event as the local stack serves it: `{ id, timestamp, type, stateName?, ...details }`. */
export interface LocalHistoryEvent {
  id?: number;
  timestamp: string | number;
  type: string;
  stateName?: string;
  [detail: string]: unknown;
}

/** The execution record the local stack serves alongside its events. */
export interface LocalExecutionRecord {
  executionArn: string;
  name: string;
  status: string;
  input?: unknown;
  output?: unknown;
  error?: string;
  cause?: string;
  startDate: string | number;
  stopDate?: string | number;
}

const toMs = (value: string | number | undefined): number | undefined =>
  value === undefined ? undefined : typeof value === 'number' ? value : new Date(value).getTime();

const text = (value: unknown): string | undefined =>
  value === undefined || value === null ? undefined : typeof value === 'string' ? value : JSON.stringify(value);

const stringField = (event: LocalHistoryEvent, key: string): string | undefined => {
  const value = event[key];
  return typeof value === 'string' ? value : undefined;
};

const branchKey = (event: LocalHistoryEvent): string | undefined =>
  event.parallel !== undefined && event.branch !== undefined ? `${String(event.parallel)}#${String(event.branch)}` : undefined;

/**
 * The local stack consumes the event log of each Parallel branch separately, so within one millisecond a branch's
 * events can be stored before the Parallel state's own StateEntered. This puts them back in causal order: each
 * event belongs to a scope (the top level, or the Parallel state its branch runs in); every scope keeps its own
 * order, and a Parallel's branch events follow its StateEntered.
 */
export const causalOrder = (events: readonly LocalHistoryEvent[]): LocalHistoryEvent[] => {
  const parentOf = new Map<string, string>();
  for (const event of events) {
    if (event.type === 'StateEntered' && event.stateName && typeof event.parallel === 'string') parentOf.set(event.stateName, event.parallel);
  }
  const scopeOf = (event: LocalHistoryEvent): string =>
    event.type.startsWith('ParallelBranch') ? (event.stateName ?? '') : (parentOf.get(event.stateName ?? '') ?? '');
  const byScope = new Map<string, LocalHistoryEvent[]>();
  for (const event of events) {
    const scope = scopeOf(event);
    byScope.set(scope, [...(byScope.get(scope) ?? []), event]);
  }
  const ordered: LocalHistoryEvent[] = [];
  const emit = (scope: string): void => {
    const queue = byScope.get(scope) ?? [];
    byScope.delete(scope);
    for (const event of queue) {
      ordered.push(event);
      if (event.type === 'StateEntered' && event.stateName && byScope.has(event.stateName)) emit(event.stateName);
    }
  };
  emit('');
  // Anything whose scope never opened (a history cut short) keeps its place at the end.
  for (const scope of [...byScope.keys()]) emit(scope);
  return ordered;
};

export const normalizeLocalHistory = (record: LocalExecutionRecord, events: readonly LocalHistoryEvent[]): ExecutionHistory => {
  const out: StateEvent[] = [];
  /** States entered in each Parallel branch and not finished yet. */
  const openInBranch = new Map<string, Set<string>>();
  const branchOf = new Map<string, string>();
  const finish = (state: string): void => {
    const key = branchOf.get(state);
    if (key) openInBranch.get(key)?.delete(state);
  };

  for (const event of causalOrder(events)) {
    const timestamp = toMs(event.timestamp) ?? 0;
    const state = event.stateName;
    const stateType = stringField(event, 'stateType');
    const base = { timestamp, ...(stateType && { stateType }) };
    switch (event.type) {
      case 'StateEntered': {
        if (!state) break;
        const key = branchKey(event);
        if (key) {
          branchOf.set(state, key);
          openInBranch.set(key, (openInBranch.get(key) ?? new Set()).add(state));
        }
        out.push({ kind: 'entered', state, ...base, input: parseData(event.input) });
        break;
      }
      case 'StateExited':
        if (!state) break;
        finish(state);
        out.push({ kind: 'exited', state, ...base, output: parseData(event.output) });
        break;
      case 'StateFailed': {
        if (!state) break;
        const error = stringField(event, 'error');
        const cause = text(event.cause);
        out.push({ kind: 'failed', state, ...base, ...(error && { error }), ...(cause && { cause }) });
        break;
      }
      case 'StateRetried':
        if (!state) break;
        // The library counts retries from 1; an attempt number counts the first try too.
        out.push({ kind: 'retried', state, ...base, ...(typeof event.attempt === 'number' && { attempt: event.attempt + 1 }) });
        break;
      case 'StateCaught': {
        if (!state) break;
        const next = stringField(event, 'next');
        out.push({ kind: 'caught', state, ...base, ...(next && { next }) });
        break;
      }
      case 'TaskCancelled':
      case 'TaskNotStarted':
        if (state) out.push({ kind: 'aborted', state, timestamp });
        break;
      case 'ParallelBranchAborted': {
        const key = `${state ?? ''}#${String(event.branch)}`;
        for (const open of openInBranch.get(key) ?? []) out.push({ kind: 'aborted', state: open, timestamp });
        openInBranch.delete(key);
        break;
      }
      default:
        break;
    }
  }

  const input = parseData(record.input);
  const stoppedAt = toMs(record.stopDate);
  return {
    executionArn: record.executionArn,
    name: record.name,
    orderId: orderIdOf(input, record.name),
    status: isExecutionStatus(record.status) ? record.status : 'FAILED',
    startedAt: toMs(record.startDate) ?? 0,
    ...(stoppedAt !== undefined && { stoppedAt }),
    ...(input !== undefined && { input }),
    ...(record.output !== undefined && { output: parseData(record.output) }),
    ...(record.error !== undefined && { error: record.error }),
    ...(record.cause !== undefined && { cause: record.cause }),
    events: out,
  };
};

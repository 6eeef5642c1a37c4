/**
 * Where an execution went wrong, read from its history. The workflow records it in several places; the first
 * that answers wins, from the most to the least precise:
 * 1. RecordOutcome's output `outcome.failure` ({ state, error, cause }), which it also writes on the order;
 * 2. a tagged `caught` object (the ASL's Pass states make its Cause `["<state>", "<error>", "<cause>"]`);
 * 3. the last attempt of a state that failed and was not retried;
 * 4. the execution's own error and cause.
 */
import { failureFromCaught, readableCause } from '../../domain/failure';
import { attemptsOfLastVisit } from '../../domain/state-attempts';
import type { ExecutionHistory, StateEvent } from './history';

export interface FailurePoint {
  state: string;
  error: string;
  cause: string;
  /** Attempts the failed state made on its last visit (1 + retries). */
  attempts: number;
}

const UNKNOWN_STATE = 'Unknown';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The tag without JSON.parse, for a Cause whose inner quotes lost their escaping: `aws-local-stepfunctions` strips
 * every backslash from an intrinsic's string result, so histories that local stacks stored before the fix
 * (patches/aws-local-stepfunctions+3.0.0.patch) read `["State","Error","{"errorType":…}"]`; their orders were
 * recorded with the state `Unknown`. State names and error names never contain quotes.
 */
const TAGGED_PREFIX = /^\["([^"]+)","([^"]*)","([\s\S]*)"\]$/;

export const parseTaggedLeniently = (cause: unknown): Omit<FailurePoint, 'attempts'> | undefined => {
  if (typeof cause !== 'string') return undefined;
  const match = TAGGED_PREFIX.exec(cause.trim());
  if (!match) return undefined;
  const [, state = UNKNOWN_STATE, error = '', original = ''] = match;
  const readable = readableCause(original);
  const message = readable === original ? /"errorMessage":"([^"]*)"/.exec(original)?.[1] : undefined;
  return { state, error, cause: message ?? readable };
};

const fromRecordedOutcome = (events: readonly StateEvent[]): Omit<FailurePoint, 'attempts'> | undefined => {
  for (const event of [...events].reverse()) {
    if (event.kind !== 'exited' || !isRecord(event.output)) continue;
    const outcome = event.output.outcome;
    const failure = isRecord(outcome) ? outcome.failure : undefined;
    // 'Unknown' means RecordOutcome could not read the tag either; the tag itself may still be readable below.
    if (isRecord(failure) && typeof failure.state === 'string' && failure.state !== UNKNOWN_STATE && typeof failure.error === 'string') {
      return { state: failure.state, error: failure.error, cause: typeof failure.cause === 'string' ? failure.cause : readableCause(failure.cause) };
    }
  }
  return undefined;
};

const fromTaggedCatch = (events: readonly StateEvent[]): Omit<FailurePoint, 'attempts'> | undefined => {
  for (const event of events) {
    for (const data of [event.output, event.input]) {
      const caught = isRecord(data) ? data.caught : undefined;
      if (!isRecord(caught)) continue;
      const failure = failureFromCaught({ Error: typeof caught.Error === 'string' ? caught.Error : undefined, Cause: caught.Cause });
      if (failure.state !== UNKNOWN_STATE) return failure;
      const lenient = parseTaggedLeniently(caught.Cause);
      if (lenient) return lenient;
    }
  }
  return undefined;
};

const fromUnretriedFailure = (events: readonly StateEvent[]): Omit<FailurePoint, 'attempts'> | undefined => {
  const failed = events.filter((event, index) => event.kind === 'failed' && event.error && !retriedAfter(events, index));
  const first = failed[0];
  return first ? { state: first.state, error: first.error ?? '', cause: readableCause(first.cause) } : undefined;
};

const retriedAfter = (events: readonly StateEvent[], index: number): boolean => {
  const state = events[index]?.state;
  for (const event of events.slice(index + 1)) {
    if (event.state !== state) continue;
    return event.kind === 'retried';
  }
  return false;
};

/** What Step Functions reports when an execution stops without an error of its own. */
const STOPPED_ERRORS: Partial<Record<ExecutionHistory['status'], string>> = { TIMED_OUT: 'States.Timeout', ABORTED: 'ExecutionAborted' };

const fromExecution = (history: ExecutionHistory): Omit<FailurePoint, 'attempts'> | undefined => {
  const error = history.error ?? STOPPED_ERRORS[history.status];
  if (!error && !history.cause) return undefined;
  const failure = failureFromCaught({ Error: error, Cause: history.cause });
  if (failure.state !== UNKNOWN_STATE) return failure;
  const lastEntered = [...history.events].reverse().find((event) => event.kind === 'entered');
  return { ...failure, state: lastEntered?.state ?? UNKNOWN_STATE };
};

/** Attempts made by `state` on its last visit (0 when it was never entered); counted as RecordFailure counts them. */
export const attemptsOf = (events: readonly StateEvent[], state: string): number => attemptsOfLastVisit(events, state) ?? 0;

/** The failure of an execution that did not succeed; undefined for successful runs and runs with nothing failed yet. */
export const findFailurePoint = (history: ExecutionHistory): FailurePoint | undefined => {
  if (history.status === 'SUCCEEDED') return undefined;
  const found =
    fromRecordedOutcome(history.events) ??
    fromTaggedCatch(history.events) ??
    fromUnretriedFailure(history.events) ??
    fromExecution(history);
  return found && { ...found, attempts: attemptsOf(history.events, found.state) };
};

/**
 * Step Functions' GetExecutionHistory events → the normalized history. Task events (LambdaFunctionScheduled,
 * TaskFailed, …) do not name their state; they chain to its `*StateEntered` event through `previousEventId`.
 * A retry shows as another `*Scheduled` after a failure; a Catch as the next state's `*StateEntered` pointing
 * back at the failure (or at the failed state's `*StateExited`, if the service writes one).
 */
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { orderIdOf, parseData, type ExecutionHistory, type ExecutionStatus, type StateEvent } from './history';

interface Identity {
  executionArn: string;
  name: string;
}

interface ErrorDetails {
  error?: string;
  cause?: string;
}

const STATE_ENTERED = /^(\w+)StateEntered$/;
const STATE_EXITED = /^(\w+)StateExited$/;
const STATE_ABORTED = /^(\w+)StateAborted$/;
const ATTEMPT_STARTED = new Set(['LambdaFunctionScheduled', 'TaskScheduled', 'ActivityScheduled']);
const ATTEMPT_SUCCEEDED = new Set(['LambdaFunctionSucceeded', 'TaskSucceeded', 'ActivitySucceeded']);
const TERMINAL_EXECUTION: Record<string, ExecutionStatus> = {
  ExecutionSucceeded: 'SUCCEEDED',
  ExecutionFailed: 'FAILED',
  ExecutionTimedOut: 'TIMED_OUT',
  ExecutionAborted: 'ABORTED',
};

/** The error and cause of a failure event, whichever `*EventDetails` field carries them. */
const failureDetails = (event: HistoryEvent): ErrorDetails | undefined => {
  const details =
    event.lambdaFunctionFailedEventDetails ??
    event.lambdaFunctionTimedOutEventDetails ??
    event.lambdaFunctionStartFailedEventDetails ??
    event.lambdaFunctionScheduleFailedEventDetails ??
    event.taskFailedEventDetails ??
    event.taskTimedOutEventDetails ??
    event.taskStartFailedEventDetails ??
    event.taskSubmitFailedEventDetails ??
    event.activityFailedEventDetails ??
    event.activityTimedOutEventDetails ??
    event.activityScheduleFailedEventDetails;
  if (details) return { error: details.error, cause: details.cause };
  return event.type === 'ParallelStateFailed' || event.type === 'MapStateFailed' ? {} : undefined;
};

const time = (event: HistoryEvent): number => (event.timestamp ? new Date(event.timestamp).getTime() : 0);

const withoutUndefined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

export const normalizeAwsHistory = (identity: Identity, events: readonly HistoryEvent[]): ExecutionHistory => {
  const sorted = [...events].sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
  const stateOfEvent = new Map<number, string>();
  const openContainers: string[] = [];
  const attempts = new Map<string, number>();
  const failedLastAttempt = new Set<string>();
  /** Failure events (and exits of failed states) by event id, to recognise a Catch by what the next state points at. */
  const failures = new Map<number, StateEvent>();
  const out: StateEvent[] = [];
  const history: ExecutionHistory = { ...identity, orderId: identity.name, status: 'RUNNING', startedAt: 0, events: out };

  for (const event of sorted) {
    const id = event.id ?? 0;
    const previous = event.previousEventId ?? 0;
    const type = event.type ?? '';
    const timestamp = time(event);
    const ownerOfPrevious = stateOfEvent.get(previous);

    if (type === 'ExecutionStarted') {
      const input = parseData(event.executionStartedEventDetails?.input);
      Object.assign(history, { input, startedAt: timestamp, orderId: orderIdOf(input, identity.name) });
      continue;
    }
    const terminal = TERMINAL_EXECUTION[type];
    if (terminal) {
      const details = event.executionFailedEventDetails ?? event.executionTimedOutEventDetails ?? event.executionAbortedEventDetails;
      Object.assign(
        history,
        withoutUndefined({
          status: terminal,
          stoppedAt: timestamp,
          output: parseData(event.executionSucceededEventDetails?.output),
          error: details?.error,
          cause: details?.cause,
        }),
      );
      continue;
    }

    const entered = STATE_ENTERED.exec(type);
    if (entered) {
      const name = event.stateEnteredEventDetails?.name ?? 'Unknown';
      const caughtFrom = failures.get(previous);
      if (caughtFrom) out.push({ kind: 'caught', state: caughtFrom.state, timestamp, next: name });
      stateOfEvent.set(id, name);
      attempts.set(name, 0);
      failedLastAttempt.delete(name);
      if (type === 'ParallelStateEntered' || type === 'MapStateEntered') openContainers.push(name);
      out.push({ kind: 'entered', state: name, stateType: entered[1], timestamp, input: parseData(event.stateEnteredEventDetails?.input) });
      continue;
    }

    // Parallel/Map lifecycle events chain to their branches' events, so they are attributed to the innermost open container.
    const isContainerEvent = /^(Parallel|Map)State/.test(type);
    const state = isContainerEvent ? (openContainers.at(-1) ?? ownerOfPrevious) : ownerOfPrevious;
    if (state === undefined) continue;
    stateOfEvent.set(id, state);

    const exited = STATE_EXITED.exec(type);
    if (exited) {
      const name = event.stateExitedEventDetails?.name ?? state;
      if (isContainerEvent) openContainers.pop();
      if (failedLastAttempt.has(name)) {
        // The state failed and still exited: its Catcher took the error; the next state will point at this event.
        failures.set(id, { kind: 'caught', state: name, timestamp });
        continue;
      }
      out.push({ kind: 'exited', state: name, stateType: exited[1], timestamp, output: parseData(event.stateExitedEventDetails?.output) });
      continue;
    }
    if (STATE_ABORTED.test(type)) {
      if (isContainerEvent) openContainers.pop();
      out.push({ kind: 'aborted', state, timestamp });
      continue;
    }
    if (ATTEMPT_STARTED.has(type)) {
      const attempt = (attempts.get(state) ?? 0) + 1;
      attempts.set(state, attempt);
      if (attempt > 1) out.push({ kind: 'retried', state, timestamp, attempt });
      failedLastAttempt.delete(state);
      continue;
    }
    if (ATTEMPT_SUCCEEDED.has(type)) {
      failedLastAttempt.delete(state);
      continue;
    }
    const failure = failureDetails(event);
    if (failure) {
      if (type === 'ParallelStateFailed' || type === 'MapStateFailed') openContainers.pop();
      const failed: StateEvent = withoutUndefined({ kind: 'failed', state, timestamp, error: failure.error, cause: failure.cause });
      out.push(failed);
      failures.set(id, failed);
      failedLastAttempt.add(state);
    }
  }
  return history;
};

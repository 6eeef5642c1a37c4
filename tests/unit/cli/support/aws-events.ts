/**
 * Writes a normalized history the way Step Functions' GetExecutionHistory reports it, so that a test can serve
 * the same runs through aws-sdk-client-mock and check that the AWS path reads them back to the same answers.
 * It follows the service's conventions: task events chain to their state's `*StateEntered` through
 * `previousEventId`; retries are new `*Scheduled` events; a Catch shows only as the next state's entered event
 * pointing at the failure; Fail states have no exit; timeouts are `TaskTimedOut`.
 */
import type { ExecutionListItem, HistoryEvent, HistoryEventType } from '@aws-sdk/client-sfn';
import type { ExecutionHistory } from '../../../../src/cli/core/history';

const TIMEOUT_ERRORS = new Set(['States.Timeout', 'States.HeartbeatTimeout']);

export const toAwsEvents = (history: ExecutionHistory): HistoryEvent[] => {
  const events: HistoryEvent[] = [];
  const lastOfState = new Map<string, number>();
  const typeOfState = new Map<string, string>();
  const caughtFailure = new Map<string, number>();
  const pendingCatch = new Map<string, number>();
  let lastFailureOf: { state: string; id: number } | undefined;
  let previous = 0;

  const push = (type: string, timestamp: number, details: Partial<HistoryEvent>, previousEventId = previous): number => {
    const id = events.length + 1;
    events.push({ id, previousEventId, type: type as HistoryEventType, timestamp: new Date(timestamp), ...details });
    previous = id;
    return id;
  };
  const json = (value: unknown): string | undefined => (value === undefined ? undefined : JSON.stringify(value));

  push('ExecutionStarted', history.startedAt, { executionStartedEventDetails: { input: json(history.input) } }, 0);
  for (const event of history.events) {
    const stateType = event.stateType ?? typeOfState.get(event.state) ?? 'Task';
    const owner = lastOfState.get(event.state) ?? previous;
    const isTask = stateType === 'Task';
    switch (event.kind) {
      case 'entered': {
        typeOfState.set(event.state, stateType);
        const from = pendingCatch.get(event.state);
        pendingCatch.delete(event.state);
        const id = push(`${stateType}StateEntered`, event.timestamp, { stateEnteredEventDetails: { name: event.state, input: json(event.input) } }, from ?? previous);
        lastOfState.set(event.state, id);
        if (isTask) lastOfState.set(event.state, push('LambdaFunctionScheduled', event.timestamp, {}, id));
        if (stateType === 'Parallel') lastOfState.set(event.state, push('ParallelStateStarted', event.timestamp, {}, id));
        break;
      }
      case 'exited': {
        if (caughtFailure.has(event.state)) break; // the service writes no exit for a state whose error was caught
        if (isTask) lastOfState.set(event.state, push('LambdaFunctionSucceeded', event.timestamp, {}, owner));
        if (stateType === 'Parallel') lastOfState.set(event.state, push('ParallelStateSucceeded', event.timestamp, {}, owner));
        const id = push(`${stateType}StateExited`, event.timestamp, { stateExitedEventDetails: { name: event.state, output: json(event.output) } }, lastOfState.get(event.state) ?? owner);
        lastOfState.set(event.state, id);
        break;
      }
      case 'failed': {
        if (stateType === 'Fail') break; // a Fail state has no failure event of its own
        const details = { error: event.error, cause: event.cause };
        const id =
          stateType === 'Parallel'
            ? push('ParallelStateFailed', event.timestamp, {}, owner)
            : event.error && TIMEOUT_ERRORS.has(event.error)
              ? push('TaskTimedOut', event.timestamp, { taskTimedOutEventDetails: { resourceType: 'sqs', resource: 'sendMessage.waitForTaskToken', ...details } }, owner)
              : push('LambdaFunctionFailed', event.timestamp, { lambdaFunctionFailedEventDetails: details }, owner);
        lastOfState.set(event.state, id);
        lastFailureOf = { state: event.state, id };
        break;
      }
      case 'retried':
        lastOfState.set(event.state, push('LambdaFunctionScheduled', event.timestamp, {}, owner));
        break;
      case 'caught': {
        const failureId = lastFailureOf?.state === event.state ? lastFailureOf.id : owner;
        caughtFailure.set(event.state, failureId);
        if (event.next) pendingCatch.set(event.next, failureId);
        break;
      }
      case 'aborted':
        lastOfState.set(event.state, push(`${stateType}StateAborted`, event.timestamp, {}, owner));
        break;
    }
  }
  const stop = history.stoppedAt ?? history.startedAt;
  const failure = { error: history.error, cause: history.cause };
  if (history.status === 'SUCCEEDED') push('ExecutionSucceeded', stop, { executionSucceededEventDetails: { output: json(history.output) } });
  if (history.status === 'FAILED') push('ExecutionFailed', stop, { executionFailedEventDetails: failure });
  if (history.status === 'TIMED_OUT') push('ExecutionTimedOut', stop, { executionTimedOutEventDetails: failure });
  if (history.status === 'ABORTED') push('ExecutionAborted', stop, { executionAbortedEventDetails: failure });
  return events;
};

export const toListItem = (history: ExecutionHistory, stateMachineArn: string): ExecutionListItem => ({
  executionArn: history.executionArn,
  stateMachineArn,
  name: history.name,
  status: history.status,
  startDate: new Date(history.startedAt),
  ...(history.stoppedAt !== undefined && { stopDate: new Date(history.stoppedAt) }),
});

/**
 * Hand-made normalized histories shaped like the order workflow's runs, for arithmetic the tests can check by
 * hand. Each run starts at `startedAt` and takes exactly `durationMs`; state events are spread inside it.
 */
import type { ExecutionHistory, ExecutionStatus, StateEvent } from '../../../../src/cli/core/history';

export const T0 = Date.parse('2025-11-20T10:00:00.000Z');
const ARN_PREFIX = 'arn:aws:states:eu-west-1:123456789012:execution:OrderStateMachine';

const tagged = (state: string, error: string, cause: string) => ({ Error: error, Cause: JSON.stringify([state, error, cause]) });

const run = (orderId: string, status: ExecutionStatus, startedAt: number, durationMs: number | undefined, events: StateEvent[], extra: Partial<ExecutionHistory> = {}): ExecutionHistory => ({
  executionArn: `${ARN_PREFIX}:${orderId}`,
  name: orderId,
  orderId,
  status,
  startedAt,
  ...(durationMs !== undefined && { stoppedAt: startedAt + durationMs }),
  input: { orderId, order: { amount: 10 } },
  events,
  ...extra,
});

/** Sequential timestamps 1 ms apart from the run's start. */
const clock = (start: number) => {
  let t = start;
  return () => (t += 1);
};

const task = (tick: () => number, state: string, output: unknown = {}): StateEvent[] => [
  { kind: 'entered', state, stateType: 'Task', timestamp: tick(), input: {} },
  { kind: 'exited', state, stateType: 'Task', timestamp: tick(), output },
];

export interface RetrySpec {
  state: string;
  error: string;
  times: number;
}

export const completedRun = (orderId: string, startedAt: number, durationMs: number, retries: RetrySpec[] = []): ExecutionHistory => {
  const tick = clock(startedAt);
  const withRetries = (state: string): StateEvent[] => {
    const spec = retries.find((r) => r.state === state);
    const events: StateEvent[] = [{ kind: 'entered', state, stateType: 'Task', timestamp: tick(), input: {} }];
    for (let attempt = 2; attempt <= (spec?.times ?? 0) + 1; attempt += 1) {
      events.push({ kind: 'failed', state, timestamp: tick(), error: spec?.error ?? '', cause: 'service hiccup' });
      events.push({ kind: 'retried', state, timestamp: tick(), attempt });
    }
    events.push({ kind: 'exited', state, stateType: 'Task', timestamp: tick(), output: {} });
    return events;
  };
  return run(orderId, 'SUCCEEDED', startedAt, durationMs, [
    ...withRetries('ValidateOrder'),
    { kind: 'entered', state: 'ProcessInParallel', stateType: 'Parallel', timestamp: tick() },
    ...withRetries('ReserveInventory'),
    ...task(tick, 'ProcessPayment'),
    { kind: 'exited', state: 'ProcessInParallel', stateType: 'Parallel', timestamp: tick() },
    ...task(tick, 'FulfillOrder'),
    ...task(tick, 'NotifyCompletion'),
    { kind: 'entered', state: 'OrderCompleted', stateType: 'Succeed', timestamp: tick() },
  ]);
};

export const rejectedRun = (orderId: string, startedAt: number, durationMs: number, cause = 'UNKNOWN_PRODUCT at items[0].productId: Unknown product x'): ExecutionHistory => {
  const tick = clock(startedAt);
  const failure = { state: 'ValidateOrder', error: 'ValidationError', cause };
  return run(
    orderId,
    'FAILED',
    startedAt,
    durationMs,
    [
      ...task(tick, 'ValidateOrder', { validation: { valid: false } }),
      ...task(tick, 'RecordRejection', { outcome: { failure } }),
      ...task(tick, 'NotifyRejection'),
      { kind: 'entered', state: 'OrderRejected', stateType: 'Fail', timestamp: tick() },
    ],
    { error: 'ValidationError', cause },
  );
};

export interface FailureSpec {
  /** ReserveInventory or ProcessPayment (inside the Parallel state), or FulfillOrder. */
  state: string;
  error: string;
  cause: string;
  /** The compensation itself fails (the execution ends in CompensationFailed). */
  compensationFails?: boolean;
}

export const failedRun = (orderId: string, startedAt: number, durationMs: number, spec: FailureSpec): ExecutionHistory => {
  const tick = clock(startedAt);
  const inParallel = spec.state !== 'FulfillOrder';
  const caught = tagged(spec.state, spec.error, spec.cause);
  const failing: StateEvent[] = [
    { kind: 'entered', state: spec.state, stateType: 'Task', timestamp: tick(), input: {} },
    { kind: 'failed', state: spec.state, timestamp: tick(), error: spec.error, cause: JSON.stringify({ errorType: spec.error, errorMessage: spec.cause }) },
    { kind: 'caught', state: spec.state, timestamp: tick(), next: `${spec.state}Failed` },
    { kind: 'entered', state: `${spec.state}Failed`, stateType: 'Pass', timestamp: tick(), input: {} },
    { kind: 'exited', state: `${spec.state}Failed`, stateType: 'Pass', timestamp: tick(), output: { caught } },
  ];
  const events: StateEvent[] = [...task(tick, 'ValidateOrder')];
  if (inParallel) {
    events.push({ kind: 'entered', state: 'ProcessInParallel', stateType: 'Parallel', timestamp: tick() }, ...failing);
    events.push({ kind: 'failed', state: 'ProcessInParallel', timestamp: tick(), error: spec.error, cause: caught.Cause });
    events.push({ kind: 'caught', state: 'ProcessInParallel', timestamp: tick(), next: 'Compensate' });
  } else {
    events.push({ kind: 'entered', state: 'ProcessInParallel', stateType: 'Parallel', timestamp: tick() }, { kind: 'exited', state: 'ProcessInParallel', timestamp: tick() }, ...failing);
  }
  events.push({ kind: 'entered', state: 'Compensate', stateType: 'Parallel', timestamp: tick(), input: { caught } });
  if (spec.compensationFails) {
    events.push({ kind: 'entered', state: 'RefundPayment', stateType: 'Task', timestamp: tick() });
    events.push({ kind: 'failed', state: 'RefundPayment', timestamp: tick(), error: 'Lambda.ServiceException', cause: 'down' });
    events.push({ kind: 'failed', state: 'Compensate', timestamp: tick(), error: 'Lambda.ServiceException' });
    events.push({ kind: 'caught', state: 'Compensate', timestamp: tick(), next: 'CompensationFailed' });
    events.push({ kind: 'entered', state: 'CompensationFailed', stateType: 'Fail', timestamp: tick() });
    return run(orderId, 'FAILED', startedAt, durationMs, events, { error: 'CompensationFailedError', cause: 'down' });
  }
  events.push(...task(tick, 'RefundPayment'), ...task(tick, 'ReleaseInventory'), { kind: 'exited', state: 'Compensate', stateType: 'Parallel', timestamp: tick() });
  events.push(...task(tick, 'RecordFailure', { outcome: { failure: { state: spec.state, error: spec.error, cause: spec.cause } } }));
  events.push(...task(tick, 'NotifyFailure'), { kind: 'entered', state: 'OrderFailed', stateType: 'Fail', timestamp: tick() });
  return run(orderId, 'FAILED', startedAt, durationMs, events, { error: spec.error, cause: spec.cause });
};

export const runningRun = (orderId: string, startedAt: number): ExecutionHistory => {
  const tick = clock(startedAt);
  return run(orderId, 'RUNNING', startedAt, undefined, [
    ...task(tick, 'ValidateOrder'),
    { kind: 'entered', state: 'ProcessInParallel', stateType: 'Parallel', timestamp: tick() },
    { kind: 'entered', state: 'ProcessPayment', stateType: 'Task', timestamp: tick() },
  ]);
};

export const stoppedRun = (orderId: string, status: 'TIMED_OUT' | 'ABORTED', startedAt: number, durationMs: number): ExecutionHistory => {
  const tick = clock(startedAt);
  return run(orderId, status, startedAt, durationMs, [
    ...task(tick, 'ValidateOrder'),
    { kind: 'entered', state: 'ProcessInParallel', stateType: 'Parallel', timestamp: tick() },
    { kind: 'entered', state: 'ProcessPayment', stateType: 'Task', timestamp: tick() },
  ]);
};

/** buildTimeline and the failure point it highlights. */
import { findFailurePoint, parseTaggedLeniently } from '../../../src/cli/core/failure-point';
import type { ExecutionHistory } from '../../../src/cli/core/history';
import { buildTimeline } from '../../../src/cli/core/timeline';
import { renderTimeline } from '../../../src/cli/render/timeline-text';
import { completedRun, failedRun, rejectedRun, runningRun, stoppedRun, T0 } from './support/histories';

describe('buildTimeline', () => {
  test('one step per state visit, with offsets and durations from the events', () => {
    const timeline = buildTimeline(completedRun('c', T0, 500));
    expect(timeline.execution).toMatchObject({ orderId: 'c', status: 'SUCCEEDED', durationMs: 500 });
    expect(timeline.steps.map((s) => [s.state, s.depth, s.offsetMs, s.durationMs, s.result])).toEqual([
      ['ValidateOrder', 0, 1, 1, 'succeeded'],
      ['ProcessInParallel', 0, 3, 5, 'succeeded'],
      ['ReserveInventory', 1, 4, 1, 'succeeded'],
      ['ProcessPayment', 1, 6, 1, 'succeeded'],
      ['FulfillOrder', 0, 9, 1, 'succeeded'],
      ['NotifyCompletion', 0, 11, 1, 'succeeded'],
      ['OrderCompleted', 0, 13, 0, 'ended'],
    ]);
    expect(timeline.failure).toBeUndefined();
  });

  test('retries: attempts counted, each retry with the error before it, the step ends when its last attempt does', () => {
    const timeline = buildTimeline(completedRun('c', T0, 500, [{ state: 'ReserveInventory', error: 'Lambda.ServiceException', times: 2 }]));
    const reserve = timeline.steps.find((s) => s.state === 'ReserveInventory');
    expect(reserve).toMatchObject({ attempts: 3, result: 'succeeded', durationMs: 5 });
    expect(reserve?.retries).toEqual([
      { attempt: 2, at: T0 + 6, error: 'Lambda.ServiceException' },
      { attempt: 3, at: T0 + 8, error: 'Lambda.ServiceException' },
    ]);
    expect(reserve?.error).toBeUndefined();
  });

  test('a caught failure: the failed state is marked, with its error, readable cause and where the Catch went', () => {
    const timeline = buildTimeline(failedRun('f', T0, 900, { state: 'ProcessPayment', error: 'PaymentDeclinedError', cause: 'Card expired' }));
    const payment = timeline.steps.find((s) => s.state === 'ProcessPayment');
    expect(payment).toMatchObject({ result: 'caught', error: 'PaymentDeclinedError', cause: 'Card expired', next: 'ProcessPaymentFailed', failurePoint: true, depth: 1 });
    expect(timeline.steps.filter((s) => s.failurePoint)).toHaveLength(1);
    expect(timeline.failure).toEqual({ state: 'ProcessPayment', error: 'PaymentDeclinedError', cause: 'Card expired', attempts: 1 });
  });

  test('a rejection marks ValidateOrder, which ran fine but rejected the order', () => {
    const timeline = buildTimeline(rejectedRun('r', T0, 50));
    expect(timeline.steps.find((s) => s.failurePoint)).toMatchObject({ state: 'ValidateOrder', result: 'succeeded' });
    expect(timeline.steps.at(-1)).toMatchObject({ state: 'OrderRejected', result: 'ended' });
  });

  test('states still open when the execution stopped were aborted with it', () => {
    const timeline = buildTimeline(stoppedRun('t', 'TIMED_OUT', T0, 1000));
    expect(timeline.steps.find((s) => s.state === 'ProcessPayment')).toMatchObject({ result: 'aborted', durationMs: 996 }); // entered at +4 ms, stopped at +1000 ms
    expect(timeline.failure).toMatchObject({ state: 'ProcessPayment', error: 'States.Timeout' });
  });

  test('a running execution keeps its open states running and has no failure', () => {
    const timeline = buildTimeline(runningRun('x', T0));
    expect(timeline.steps.at(-1)).toMatchObject({ state: 'ProcessPayment', result: 'running' });
    expect(timeline.steps.at(-1)?.durationMs).toBeUndefined();
    expect(timeline.failure).toBeUndefined();
  });

  test('input and output only on request', () => {
    const history = completedRun('c', T0, 100);
    expect(buildTimeline(history).steps[0]).not.toHaveProperty('input');
    expect(buildTimeline(history, { includeData: true }).steps[0]).toMatchObject({ input: {}, output: {} });
  });
});

describe('findFailurePoint', () => {
  const base = (overrides: Partial<ExecutionHistory>): ExecutionHistory => ({
    executionArn: 'arn:x',
    name: 'o',
    orderId: 'o',
    status: 'FAILED',
    startedAt: T0,
    stoppedAt: T0 + 10,
    events: [],
    ...overrides,
  });

  test('prefers what RecordOutcome recorded, then the tagged catch, then the last unretried failure, then the execution', () => {
    expect(findFailurePoint(failedRun('f', T0, 10, { state: 'ReserveInventory', error: 'OutOfStockError', cause: 'none left' }))).toMatchObject({
      state: 'ReserveInventory',
      error: 'OutOfStockError',
      cause: 'none left',
    });
    const untagged = base({
      events: [
        { kind: 'entered', state: 'FulfillOrder', timestamp: T0 + 1 },
        { kind: 'failed', state: 'FulfillOrder', timestamp: T0 + 2, error: 'Lambda.ServiceException', cause: 'x' },
        { kind: 'retried', state: 'FulfillOrder', timestamp: T0 + 3, attempt: 2 },
        { kind: 'failed', state: 'FulfillOrder', timestamp: T0 + 4, error: 'Sandbox.Timedout', cause: '{"errorMessage":"Task timed out"}' },
      ],
      error: 'States.Runtime',
      cause: 'something else',
    });
    expect(findFailurePoint(untagged)).toEqual({ state: 'FulfillOrder', error: 'Sandbox.Timedout', cause: 'Task timed out', attempts: 2 });
    const onlyExecution = base({ events: [{ kind: 'entered', state: 'OrderFailed', timestamp: T0 + 1 }], error: 'Boom', cause: 'bad' });
    expect(findFailurePoint(onlyExecution)).toEqual({ state: 'OrderFailed', error: 'Boom', cause: 'bad', attempts: 1 });
  });

  test('reads a tagged cause whose inner quotes lost their escaping (the local interpreter strips backslashes)', () => {
    const broken = '["ReserveInventory","OutOfStockError","{"errorType":"OutOfStockError","errorMessage":"Product lamp is out of stock: 1 requested, 0 available","trace":["a"]}"]';
    expect(parseTaggedLeniently(broken)).toEqual({ state: 'ReserveInventory', error: 'OutOfStockError', cause: 'Product lamp is out of stock: 1 requested, 0 available' });
    const history = base({
      events: [
        { kind: 'exited', state: 'RecordFailure', timestamp: T0 + 2, output: { outcome: { failure: { state: 'Unknown', error: 'OutOfStockError', cause: broken } } } },
        { kind: 'exited', state: 'ReserveInventoryFailed', timestamp: T0 + 1, output: { caught: { Error: 'OutOfStockError', Cause: broken } } },
      ],
    });
    expect(findFailurePoint(history)).toMatchObject({ state: 'ReserveInventory', error: 'OutOfStockError' });
  });

  test('none for a success', () => {
    expect(findFailurePoint(completedRun('c', T0, 1))).toBeUndefined();
  });
});

describe('renderTimeline', () => {
  test('marks the failed state with ✗ and spells out error and cause', () => {
    const text = renderTimeline(buildTimeline(failedRun('f1', T0, 900, { state: 'ProcessPayment', error: 'PaymentDeclinedError', cause: 'Card expired' })));
    expect(text).toContain('Status     ✗ FAILED   started 2025-11-20 10:00:00.000Z   took 900 ms');
    expect(text).toContain('Failed at  ✗ ProcessPayment: PaymentDeclinedError');
    expect(text).toMatch(/^✗ +10:00:00\.00\d +\+\d+ ms +\d+ ms +ProcessPayment +1 +✗ caught PaymentDeclinedError → ProcessPaymentFailed$/m);
    expect(text).toContain('✗ Failed state  ProcessPayment (1 attempt)\n  Error         PaymentDeclinedError\n  Cause         Card expired');
  });

  test('columns line up: every row starts its STATE column at the same place', () => {
    const text = renderTimeline(buildTimeline(completedRun('c', T0, 100)));
    const lines = text.split('\n');
    const header = lines.find((line) => line.includes('STATE')) ?? '';
    const column = header.indexOf('STATE');
    for (const name of ['ValidateOrder', 'FulfillOrder', 'OrderCompleted']) {
      expect(lines.find((line) => line.includes(name))?.indexOf(name)).toBe(column);
    }
    expect(lines.find((line) => line.includes('ReserveInventory'))?.indexOf('ReserveInventory')).toBe(column + 2);
  });
});

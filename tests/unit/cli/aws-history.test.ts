/** GetExecutionHistory events, written as the service writes them, → the normalized history. */
import type { HistoryEvent, HistoryEventType } from '@aws-sdk/client-sfn';
import { normalizeAwsHistory } from '../../../src/cli/core/aws-history';
import { buildTimeline } from '../../../src/cli/core/timeline';

const ARN = 'arn:aws:states:eu-west-1:123456789012:execution:OrderStateMachine:order-1';
const T0 = Date.parse('2025-11-20T10:00:00.000Z');

/** [id, previousEventId, type, details] rows; one millisecond apart. */
type Row = [number, number, string, Partial<HistoryEvent>?];
const events = (rows: Row[]): HistoryEvent[] =>
  rows.map(([id, previousEventId, type, details]) => ({ id, previousEventId, type: type as HistoryEventType, timestamp: new Date(T0 + id), ...details }));

const entered = (name: string, input: unknown = {}) => ({ stateEnteredEventDetails: { name, input: JSON.stringify(input) } });
const exited = (name: string, output: unknown = {}) => ({ stateExitedEventDetails: { name, output: JSON.stringify(output) } });
const lambdaFailed = (error: string, cause: string) => ({ lambdaFunctionFailedEventDetails: { error, cause } });

const tagged = JSON.stringify(['ReserveInventory', 'OutOfStockError', JSON.stringify({ errorType: 'OutOfStockError', errorMessage: 'Product lamp is out of stock: 1 requested, 0 available' })]);

// An order out of stock: ReserveInventory fails once with a service error (retried), then with OutOfStockError
// (caught and tagged); the Parallel fails, ProcessPayment (waiting for its callback) is aborted, Compensate runs.
const outOfStock = events([
  [1, 0, 'ExecutionStarted', { executionStartedEventDetails: { input: JSON.stringify({ orderId: 'order-1', order: {} }) } }],
  [2, 1, 'TaskStateEntered', entered('ValidateOrder')],
  [3, 2, 'LambdaFunctionScheduled'],
  [4, 3, 'LambdaFunctionStarted'],
  [5, 4, 'LambdaFunctionSucceeded'],
  [6, 5, 'TaskStateExited', exited('ValidateOrder')],
  [7, 6, 'ChoiceStateEntered', entered('IsOrderValid')],
  [8, 7, 'ChoiceStateExited', exited('IsOrderValid')],
  [9, 8, 'ParallelStateEntered', entered('ProcessInParallel')],
  [10, 9, 'ParallelStateStarted'],
  [11, 10, 'TaskStateEntered', entered('ReserveInventory')],
  [12, 10, 'TaskStateEntered', entered('ProcessPayment')],
  [13, 11, 'LambdaFunctionScheduled'],
  [14, 12, 'TaskScheduled'],
  [15, 13, 'LambdaFunctionStarted'],
  [16, 14, 'TaskStarted'],
  [17, 15, 'LambdaFunctionFailed', lambdaFailed('Lambda.ServiceException', 'Service unavailable')],
  [18, 16, 'TaskSubmitted'],
  [19, 17, 'LambdaFunctionScheduled'],
  [20, 19, 'LambdaFunctionStarted'],
  [21, 20, 'LambdaFunctionFailed', lambdaFailed('OutOfStockError', '{"errorType":"OutOfStockError","errorMessage":"Product lamp is out of stock"}')],
  [22, 21, 'PassStateEntered', entered('ReserveInventoryFailed')],
  [23, 22, 'PassStateExited', exited('ReserveInventoryFailed', { caught: { Error: 'OutOfStockError', Cause: tagged } })],
  [24, 23, 'FailStateEntered', entered('InventoryBranchFailed')],
  [25, 24, 'ParallelStateFailed'],
  [26, 18, 'TaskStateAborted'],
  [27, 25, 'ParallelStateEntered', entered('Compensate')],
  [28, 27, 'ParallelStateStarted'],
  [29, 28, 'TaskStateEntered', entered('RefundPayment')],
  [30, 29, 'LambdaFunctionScheduled'],
  [31, 30, 'LambdaFunctionSucceeded'],
  [32, 31, 'TaskStateExited', exited('RefundPayment')],
  [33, 32, 'ParallelStateSucceeded'],
  [34, 33, 'ParallelStateExited', exited('Compensate')],
  [35, 34, 'TaskStateEntered', entered('RecordFailure')],
  [36, 35, 'LambdaFunctionScheduled'],
  [37, 36, 'LambdaFunctionSucceeded'],
  [38, 37, 'TaskStateExited', exited('RecordFailure', { outcome: { failure: { state: 'ReserveInventory', error: 'OutOfStockError', cause: 'Product lamp is out of stock' } } })],
  [39, 38, 'FailStateEntered', entered('OrderFailed')],
  [40, 39, 'ExecutionFailed', { executionFailedEventDetails: { error: 'OutOfStockError', cause: 'Product lamp is out of stock' } }],
]);

describe('normalizeAwsHistory', () => {
  const history = normalizeAwsHistory({ executionArn: ARN, name: 'order-1' }, [...outOfStock].reverse());

  test('reads the execution: order id from the input, status, start and stop, error and cause', () => {
    expect(history).toMatchObject({
      executionArn: ARN,
      orderId: 'order-1',
      status: 'FAILED',
      startedAt: T0 + 1,
      stoppedAt: T0 + 40,
      error: 'OutOfStockError',
      cause: 'Product lamp is out of stock',
      input: { orderId: 'order-1', order: {} },
    });
  });

  test('attributes task events to their state through previousEventId, and finds retries, catches and aborts', () => {
    const of = (state: string) => history.events.filter((e) => e.state === state).map((e) => [e.kind, e.error ?? e.next ?? e.attempt ?? '']);
    expect(of('ReserveInventory')).toEqual([
      ['entered', ''],
      ['failed', 'Lambda.ServiceException'],
      ['retried', 2],
      ['failed', 'OutOfStockError'],
      ['caught', 'ReserveInventoryFailed'],
    ]);
    expect(of('ProcessPayment')).toEqual([['entered', ''], ['aborted', '']]);
    expect(of('ProcessInParallel')).toEqual([['entered', ''], ['failed', ''], ['caught', 'Compensate']]);
    expect(of('Compensate')).toEqual([['entered', ''], ['exited', '']]);
    expect(history.events.find((e) => e.kind === 'entered' && e.state === 'IsOrderValid')?.stateType).toBe('Choice');
  });

  test('gives the same timeline the console shows', () => {
    const timeline = buildTimeline(history);
    expect(timeline.failure).toEqual({ state: 'ReserveInventory', error: 'OutOfStockError', cause: 'Product lamp is out of stock', attempts: 2 });
    expect(timeline.steps.map((s) => [s.state, s.depth, s.result])).toEqual([
      ['ValidateOrder', 0, 'succeeded'],
      ['IsOrderValid', 0, 'succeeded'],
      ['ProcessInParallel', 0, 'caught'],
      ['ReserveInventory', 1, 'caught'],
      ['ProcessPayment', 1, 'aborted'],
      ['ReserveInventoryFailed', 1, 'succeeded'],
      ['InventoryBranchFailed', 1, 'ended'],
      ['Compensate', 0, 'succeeded'],
      ['RefundPayment', 1, 'succeeded'],
      ['RecordFailure', 0, 'succeeded'],
      ['OrderFailed', 0, 'ended'],
    ]);
    expect(timeline.steps.find((s) => s.state === 'ReserveInventory')?.retries).toEqual([{ attempt: 2, at: T0 + 19, error: 'Lambda.ServiceException' }]);
  });

  test('a failed state that still writes an exit counts as caught, not as succeeded', () => {
    const withExit = normalizeAwsHistory(
      { executionArn: ARN, name: 'order-1' },
      events([
        [1, 0, 'ExecutionStarted', { executionStartedEventDetails: { input: '{}' } }],
        [2, 1, 'TaskStateEntered', entered('FulfillOrder')],
        [3, 2, 'LambdaFunctionScheduled'],
        [4, 3, 'LambdaFunctionTimedOut', { lambdaFunctionTimedOutEventDetails: { error: 'States.Timeout', cause: 'timed out' } }],
        [5, 4, 'TaskStateExited', exited('FulfillOrder', { caught: {} })],
        [6, 5, 'PassStateEntered', entered('FulfillOrderFailed')],
      ]),
    );
    expect(withExit.events.map((e) => [e.kind, e.state, e.next])).toEqual([
      ['entered', 'FulfillOrder', undefined],
      ['failed', 'FulfillOrder', undefined],
      ['caught', 'FulfillOrder', 'FulfillOrderFailed'],
      ['entered', 'FulfillOrderFailed', undefined],
    ]);
    expect(withExit).toMatchObject({ status: 'RUNNING', orderId: 'order-1' });
  });

  test('a task timeout is a failure with the States error', () => {
    const timedOut = normalizeAwsHistory(
      { executionArn: ARN, name: 'order-1' },
      events([
        [1, 0, 'ExecutionStarted', { executionStartedEventDetails: { input: '{"orderId":"order-1"}' } }],
        [2, 1, 'TaskStateEntered', entered('ProcessPayment')],
        [3, 2, 'TaskScheduled'],
        [4, 3, 'TaskStarted'],
        [5, 4, 'TaskSubmitted'],
        [6, 5, 'TaskTimedOut', { taskTimedOutEventDetails: { resourceType: 'sqs', resource: 'sendMessage.waitForTaskToken', error: 'States.HeartbeatTimeout' } }],
        [7, 6, 'PassStateEntered', entered('PaymentTimedOut')],
        [8, 7, 'ExecutionTimedOut', { executionTimedOutEventDetails: { error: 'States.Timeout' } }],
      ]),
    );
    expect(timedOut.events.filter((e) => e.state === 'ProcessPayment').map((e) => [e.kind, e.error ?? e.next])).toEqual([
      ['entered', undefined],
      ['failed', 'States.HeartbeatTimeout'],
      ['caught', 'PaymentTimedOut'],
    ]);
    expect(timedOut).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout', stoppedAt: T0 + 8 });
  });
});

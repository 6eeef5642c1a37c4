/**
 * SfnExecutionHistory against GetExecutionHistory answered from histories written as the service writes them
 * (ids, previousEventId chains, Parallel branches interleaved), served newest first in pages.
 */
import { GetExecutionHistoryCommand, SFNClient, type GetExecutionHistoryCommandInput, type HistoryEvent, type HistoryEventType } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { SfnExecutionHistory } from '../../../src/adapters/aws/sfn-execution-history';

const sfn = mockClient(SFNClient);
const client = new SFNClient({ region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
const ARN = 'arn:aws:states:eu-west-1:123456789012:execution:sam-order-workflow-orders:order-1';
const T0 = Date.parse('2026-05-25T09:00:00.000Z');

/** [id, previousEventId, type, state entered] rows; one millisecond apart. */
type Row = [number, number, string, string?];
const history = (rows: Row[]): HistoryEvent[] =>
  rows.map(([id, previousEventId, type, name]) => ({
    id,
    previousEventId,
    type: type as HistoryEventType,
    timestamp: new Date(T0 + id),
    ...(name !== undefined && { stateEnteredEventDetails: { name } }),
  }));

const UNTIL_THE_PARALLEL: Row[] = [
  [1, 0, 'ExecutionStarted'],
  [2, 1, 'TaskStateEntered', 'ValidateOrder'],
  [3, 2, 'LambdaFunctionScheduled'],
  [4, 3, 'LambdaFunctionStarted'],
  [5, 4, 'LambdaFunctionSucceeded'],
  [6, 5, 'TaskStateExited'],
  [7, 6, 'ChoiceStateEntered', 'IsOrderValid'],
  [8, 7, 'ChoiceStateExited'],
  [9, 8, 'ParallelStateEntered', 'ProcessInParallel'],
  [10, 9, 'ParallelStateStarted'],
  [11, 10, 'TaskStateEntered', 'ReserveInventory'],
  [12, 10, 'TaskStateEntered', 'ProcessPayment'],
];

/** From the failed Parallel to RecordFailure running (when it reads the history), with ids from `first`. */
const compensationThenRecordFailure = (first: number, parallelFailed: number): Row[] => {
  const at = (offset: number) => first + offset;
  return [
    [at(0), parallelFailed, 'ParallelStateEntered', 'Compensate'],
    [at(1), at(0), 'ParallelStateStarted'],
    [at(2), at(1), 'TaskStateEntered', 'RefundPayment'],
    [at(3), at(1), 'TaskStateEntered', 'ReleaseInventory'],
    [at(4), at(2), 'LambdaFunctionScheduled'],
    [at(5), at(3), 'LambdaFunctionScheduled'],
    [at(6), at(4), 'LambdaFunctionSucceeded'],
    [at(7), at(5), 'LambdaFunctionSucceeded'],
    [at(8), at(6), 'TaskStateExited'],
    [at(9), at(7), 'TaskStateExited'],
    [at(10), at(9), 'ParallelStateSucceeded'],
    [at(11), at(10), 'ParallelStateExited'],
    [at(12), at(11), 'TaskStateEntered', 'RecordFailure'],
    [at(13), at(12), 'LambdaFunctionScheduled'],
    [at(14), at(13), 'LambdaFunctionStarted'],
  ];
};

// ReserveInventory fails with Lambda.ServiceException, is retried twice, fails for good and is caught; meanwhile
// ProcessPayment has sent its message (one TaskScheduled) and waits, until the failed branch aborts it.
const reserveRetriedTwiceThenFailed = history([
  ...UNTIL_THE_PARALLEL,
  [13, 11, 'LambdaFunctionScheduled'],
  [14, 12, 'TaskScheduled'],
  [15, 13, 'LambdaFunctionStarted'],
  [16, 14, 'TaskStarted'],
  [17, 15, 'LambdaFunctionFailed'],
  [18, 16, 'TaskSubmitted'],
  [19, 17, 'LambdaFunctionScheduled'],
  [20, 19, 'LambdaFunctionStarted'],
  [21, 20, 'LambdaFunctionFailed'],
  [22, 21, 'LambdaFunctionScheduled'],
  [23, 22, 'LambdaFunctionStarted'],
  [24, 23, 'LambdaFunctionFailed'],
  [25, 24, 'PassStateEntered', 'ReserveInventoryFailed'],
  [26, 25, 'PassStateExited'],
  [27, 26, 'FailStateEntered', 'InventoryBranchFailed'],
  [28, 27, 'ParallelStateFailed'],
  [29, 18, 'TaskStateAborted'],
  ...compensationThenRecordFailure(30, 28),
]);

// ProcessPayment's sqs:sendMessage fails once (retried by its SQS retrier), then the consumer declines the card;
// ReserveInventory in the other branch had one Lambda retry of its own, which is not ProcessPayment's.
const paymentSendRetriedThenDeclined = history([
  ...UNTIL_THE_PARALLEL,
  [13, 11, 'LambdaFunctionScheduled'],
  [14, 12, 'TaskScheduled'],
  [15, 13, 'LambdaFunctionStarted'],
  [16, 14, 'TaskStarted'],
  [17, 16, 'TaskFailed'],
  [18, 15, 'LambdaFunctionFailed'],
  [19, 17, 'TaskScheduled'],
  [20, 18, 'LambdaFunctionScheduled'],
  [21, 19, 'TaskStarted'],
  [22, 20, 'LambdaFunctionStarted'],
  [23, 21, 'TaskSubmitted'],
  [24, 22, 'LambdaFunctionSucceeded'],
  [25, 24, 'TaskStateExited'],
  [26, 23, 'TaskFailed'],
  [27, 26, 'PassStateEntered', 'ProcessPaymentFailed'],
  [28, 27, 'PassStateExited'],
  [29, 28, 'FailStateEntered', 'PaymentBranchFailed'],
  [30, 29, 'ParallelStateFailed'],
  ...compensationThenRecordFailure(31, 30),
]);

/** Answers GetExecutionHistory as the service does: pages of `maxResults`, newest first when asked. Returns the tokens asked for. */
const serve = (events: readonly HistoryEvent[]): (string | undefined)[] => {
  const tokens: (string | undefined)[] = [];
  sfn.on(GetExecutionHistoryCommand).callsFake((input: GetExecutionHistoryCommandInput) => {
    tokens.push(input.nextToken);
    const ordered = input.reverseOrder ? [...events].reverse() : [...events];
    const start = Number(input.nextToken ?? 0);
    const end = start + (input.maxResults || 100);
    return { events: ordered.slice(start, end), ...(end < ordered.length && { nextToken: String(end) }) };
  });
  return tokens;
};

beforeEach(() => sfn.reset());

describe('SfnExecutionHistory.attemptsOf', () => {
  it('counts a Lambda task retried twice then failed as 3 attempts, reading newest first without execution data', async () => {
    serve(reserveRetriedTwiceThenFailed);

    const attempts = await new SfnExecutionHistory({ client }).attemptsOf(ARN, 'ReserveInventory');

    expect(attempts).toBe(3);
    expect(sfn).toHaveReceivedCommandTimes(GetExecutionHistoryCommand, 1);
    expect(sfn).toHaveReceivedCommandWith(GetExecutionHistoryCommand, { executionArn: ARN, reverseOrder: true, includeExecutionData: false });
  });

  it('keeps the two Parallel branches apart: the task beside a retried one made its own attempts', async () => {
    serve(reserveRetriedTwiceThenFailed);
    const history = new SfnExecutionHistory({ client });

    expect(await history.attemptsOf(ARN, 'ProcessPayment')).toBe(1);
    expect(await history.attemptsOf(ARN, 'ValidateOrder')).toBe(1);
  });

  it('counts ProcessPayment by its sqs:sendMessage attempts, not by the Lambda retries of the other branch', async () => {
    serve(paymentSendRetriedThenDeclined);
    const history = new SfnExecutionHistory({ client });

    expect(await history.attemptsOf(ARN, 'ProcessPayment')).toBe(2);
    expect(await history.attemptsOf(ARN, 'ReserveInventory')).toBe(2);
  });

  it('pages back only as far as the last entry of the state', async () => {
    const tokens = serve(reserveRetriedTwiceThenFailed);

    const attempts = await new SfnExecutionHistory({ client, pageSize: 10 }).attemptsOf(ARN, 'ReserveInventory');

    // 44 events, newest first in pages of 10: ReserveInventory's entry (id 11) is on the 4th page (ids 14 to 5).
    expect(attempts).toBe(3);
    expect(tokens).toEqual([undefined, '10', '20', '30']);
  });

  it('is undefined when the state was never entered, after reading the whole history', async () => {
    serve(reserveRetriedTwiceThenFailed);

    const attempts = await new SfnExecutionHistory({ client, pageSize: 20 }).attemptsOf(ARN, 'FulfillOrder');

    expect(attempts).toBeUndefined();
    expect(sfn).toHaveReceivedCommandTimes(GetExecutionHistoryCommand, 3);
  });

  it('lets errors through (RecordFailure decides what a missing history costs)', async () => {
    const denied = Object.assign(new Error('not authorized to perform states:GetExecutionHistory'), { name: 'AccessDeniedException' });
    sfn.on(GetExecutionHistoryCommand).rejects(denied);

    await expect(new SfnExecutionHistory({ client }).attemptsOf(ARN, 'ReserveInventory')).rejects.toThrow('not authorized');
  });
});

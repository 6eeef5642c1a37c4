/**
 * The AWS paths of `orders`, with aws-sdk-client-mock: stack outputs through CloudFormation, ListExecutions and
 * GetExecutionHistory pagination, GetMetricData in the report, the DLQ (ReceiveMessage, StartMessageMoveTask)
 * and the logs (FilterLogEvents, tailing).
 */
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { FilterLogEventsCommand, ResourceNotFoundException } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetExecutionHistoryCommand, ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { ListMessageMoveTasksCommand, ReceiveMessageCommand, StartMessageMoveTaskCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import 'aws-sdk-client-mock-jest';
import type { Report } from '../../../src/cli/core/report';
import type { Timeline } from '../../../src/cli/core/timeline';
import { buildReport } from '../../../src/cli/core/report';
import { resolveStack } from '../../../src/cli/sources/aws/stack';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { cli, cliJson } from '../../cli/support/run-cli';
import { completedRun, failedRun, rejectedRun, T0 } from './support/histories';
import {
  DLQ_ARN,
  mocks,
  mockStack,
  PAYMENT_DLQ_URL,
  PAYMENT_QUEUE_URL,
  QUEUE_ARN,
  REGION,
  resetMocks,
  serveHistories,
  STACK_NAME,
  STATE_MACHINE_ARN,
} from './support/aws-mocks';

const aws = ['--stack-name', STACK_NAME, '--region', REGION];
const NOW = T0 + 3_600_000;
const now = () => NOW;

// Inside the last hour: three runs; and one from two hours before, outside `--since 1h`.
const recent = [
  completedRun('o-1', T0 + 600_000, 400, [{ state: 'ReserveInventory', error: 'Lambda.ServiceException', times: 1 }]),
  failedRun('o-2', T0 + 1_200_000, 900, { state: 'ProcessPayment', error: 'PaymentDeclinedError', cause: 'Insufficient funds' }),
  rejectedRun('o-3', T0 + 1_800_000, 100),
];
const old = completedRun('o-0', T0 - 3_600_000, 200);

beforeEach(() => {
  resetMocks();
  mockStack();
});

describe('stack resolution', () => {
  test('reads the outputs, the MetricsNamespace parameter and each function\'s log group', async () => {
    const info = await resolveStack(new CloudFormationClient({ region: REGION }), STACK_NAME);
    expect(info).toEqual({
      stackName: STACK_NAME,
      stateMachineArn: STATE_MACHINE_ARN,
      paymentQueueUrl: PAYMENT_QUEUE_URL,
      paymentDlqUrl: PAYMENT_DLQ_URL,
      metricsNamespace: 'OrderWorkflow',
      serviceName: STACK_NAME,
      logSources: [
        { name: 'Notify', logGroupName: '/aws/lambda/orders-test-NotifyFunction-X3', isFunction: true },
        { name: 'ProcessPayment', logGroupName: '/aws/lambda/orders-test/ProcessPayment', isFunction: true },
        { name: 'ReserveInventory', logGroupName: '/aws/lambda/orders-test/ReserveInventory', isFunction: true },
        { name: 'StateMachine', logGroupName: '/aws/vendedlogs/states/orders-test', isFunction: false },
      ],
    });
  });

  test('a missing stack is an error (exit 1) that names it', async () => {
    mocks.cloudFormation.on(DescribeStacksCommand).rejects(Object.assign(new Error('Stack with id nope does not exist'), { name: 'ValidationError' }));
    const { code, stderr } = await cli(['report', '--stack-name', 'nope']);
    expect(code).toBe(1);
    expect(stderr).toContain('Cannot read stack nope: Stack with id nope does not exist');
  });
});

describe('report on AWS', () => {
  test('pages ListExecutions until it passes the window, pages every history, and reports as the core computes', async () => {
    serveHistories([...recent, old], { pageSize: 2, eventsPerPage: 5 });
    const { code, stdout, stderr } = await cli([...aws, 'report', '--since', '1h', '--json'], { now });
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Report;
    const expected = buildReport(recent, { source: '', until: NOW });
    expect(report.executions).toEqual(expected.executions);
    expect(report.successRate).toBe(expected.successRate);
    expect(report.durationMs).toEqual(expected.durationMs);
    expect(report.failures).toEqual(expected.failures);
    expect(report.retries).toEqual(expected.retries);
    expect(report.compensations).toEqual(expected.compensations);
    // Newest first: page 1 (o-3, o-2), page 2 (o-1, o-0) reaches past the window, so there is no third request.
    expect(mocks.sfn).toHaveReceivedCommandTimes(ListExecutionsCommand, 2);
    expect(mocks.sfn).toHaveReceivedCommandWith(ListExecutionsCommand, { stateMachineArn: STATE_MACHINE_ARN, maxResults: 100 });
    const historyCalls = mocks.sfn.commandCalls(GetExecutionHistoryCommand);
    expect(new Set(historyCalls.map((call) => call.args[0].input.executionArn)).size).toBe(3);
    expect(historyCalls.length).toBeGreaterThan(3 * 2); // several pages each
    expect(historyCalls.every((call) => call.args[0].input.includeExecutionData === true)).toBe(true);
    expect(stderr).toContain('Reading execution histories: 3/3');
  });

  test('adds the CloudWatch sums: AWS/States by state machine, business metrics by service', async () => {
    serveHistories(recent);
    mocks.cloudWatch.on(GetMetricDataCommand).callsFake((input: { MetricDataQueries: { Id: string; MetricStat: { Metric: { MetricName: string } } }[] }) => ({
      MetricDataResults: input.MetricDataQueries.map((query) => ({
        Id: query.Id,
        Values: query.MetricStat.Metric.MetricName === 'ExecutionsSucceeded' ? [1] : query.MetricStat.Metric.MetricName === 'PaymentDeclined' ? [2, 3] : [],
      })),
    }));
    const report = await cliJson<Report>([...aws, 'report', '--since', '1h'], { now });
    expect(report.cloudWatch).toEqual([
      { namespace: 'AWS/States', sums: { ExecutionsStarted: 0, ExecutionsSucceeded: 1, ExecutionsFailed: 0, ExecutionsTimedOut: 0, ExecutionsAborted: 0 } },
      {
        namespace: 'OrderWorkflow',
        sums: { OrderCreated: 0, OrderCompleted: 0, OrderRejected: 0, PaymentDeclined: 5, OutOfStock: 0, CompensationRun: 0, LateChargeRefunded: 0 },
      },
    ]);
    const calls = mocks.cloudWatch.commandCalls(GetMetricDataCommand).map((call) => call.args[0].input);
    expect(calls[0]).toMatchObject({ StartTime: new Date(NOW - 3_600_000), EndTime: new Date(NOW) });
    expect(calls[0]?.MetricDataQueries?.[0]?.MetricStat).toMatchObject({
      Metric: { Namespace: 'AWS/States', MetricName: 'ExecutionsStarted', Dimensions: [{ Name: 'StateMachineArn', Value: STATE_MACHINE_ARN }] },
      Period: 3600,
      Stat: 'Sum',
    });
    expect(calls[1]?.MetricDataQueries?.[0]?.MetricStat?.Metric?.Dimensions).toEqual([{ Name: 'service', Value: STACK_NAME }]);
    expect(report.dlq).toEqual([{ queue: PAYMENT_DLQ_URL, depth: 0 }]);
  });

  test('without CloudWatch access the report still comes, with a note', async () => {
    serveHistories(recent);
    mocks.cloudWatch.on(GetMetricDataCommand).rejects(Object.assign(new Error('not authorized to perform cloudwatch:GetMetricData'), { name: 'AccessDenied' }));
    const { code, stdout, stderr } = await cli([...aws, 'report', '--since', '1h'], { now });
    expect(code).toBe(0);
    expect(stdout).toContain('Success rate  33.3% (1 of 3 finished executions succeeded)');
    expect(stderr).toContain('CloudWatch metrics unavailable: not authorized');
  });
});

describe('history and list on AWS', () => {
  test('history by order id asks for the execution named after the order', async () => {
    const { arnOf } = serveHistories(recent);
    const timeline = await cliJson<Timeline>([...aws, 'history', 'o-2']);
    expect(timeline.failure).toEqual({ state: 'ProcessPayment', error: 'PaymentDeclinedError', cause: 'Insufficient funds', attempts: 1 });
    expect(mocks.sfn).toHaveReceivedCommandWith(GetExecutionHistoryCommand, { executionArn: arnOf.get('o-2') });
  });

  test('an unknown order exits 1', async () => {
    serveHistories(recent);
    const { code, stderr } = await cli([...aws, 'history', 'o-404']);
    expect(code).toBe(1);
    expect(stderr).toContain('no execution found for o-404');
  });

  test('list --status FAILED filters on the service side and names the failed state', async () => {
    serveHistories(recent);
    const listed = await cliJson<{ orderId: string; outcome: string; failure?: { state: string } }[]>([...aws, 'list', '--status', 'FAILED']);
    expect(listed.map((e) => [e.orderId, e.outcome, e.failure?.state])).toEqual([
      ['o-3', 'REJECTED', 'ValidateOrder'],
      ['o-2', 'FAILED', 'ProcessPayment'],
    ]);
    expect(mocks.sfn).toHaveReceivedCommandWith(ListExecutionsCommand, { statusFilter: 'FAILED' });
  });
});

describe('dlq on AWS', () => {
  test('list receives without deleting and shows depth, bodies and receive counts', async () => {
    mocks.sqs.on(ReceiveMessageCommand).resolvesOnce({
      Messages: [{ MessageId: 'm-1', Body: '{"orderId":"o-9"', Attributes: { ApproximateReceiveCount: '6', SentTimestamp: String(T0) } }],
    }).resolves({ Messages: [] });
    mocks.sqs.on(GetQueueAttributesCommand, { QueueUrl: PAYMENT_DLQ_URL, AttributeNames: ['ApproximateNumberOfMessages'] }).resolves({ Attributes: { ApproximateNumberOfMessages: '1' } });
    const { code, stdout } = await cli([...aws, 'dlq', 'list']);
    expect(code).toBe(0);
    expect(stdout).toContain(`${PAYMENT_DLQ_URL}: 1 message (redrive returns them to ${PAYMENT_QUEUE_URL})`);
    expect(stdout).toMatch(/m-1 +2025-11-20T10:00:00\.000Z +6 +\{"orderId":"o-9"/);
    expect(mocks.sqs).toHaveReceivedCommandWith(ReceiveMessageCommand, { QueueUrl: PAYMENT_DLQ_URL });
  });

  test('redrive starts a message move task from the DLQ to the payment queue', async () => {
    mocks.sqs.on(StartMessageMoveTaskCommand).resolves({ TaskHandle: 'task-1' });
    const { code, stdout } = await cli([...aws, 'dlq', 'redrive']);
    expect(code).toBe(0);
    expect(mocks.sqs).toHaveReceivedCommandWith(StartMessageMoveTaskCommand, { SourceArn: DLQ_ARN, DestinationArn: QUEUE_ARN });
    expect(stdout).toContain('(task task-1); --wait to follow it');
  });

  test('redrive --wait follows the task until it completes', async () => {
    mocks.sqs.on(StartMessageMoveTaskCommand).resolves({ TaskHandle: 'task-1' });
    mocks.sqs
      .on(ListMessageMoveTasksCommand)
      .resolvesOnce({ Results: [{ TaskHandle: 'task-1', Status: 'RUNNING', ApproximateNumberOfMessagesToMove: 3, ApproximateNumberOfMessagesMoved: 1 }] })
      .resolves({ Results: [{ Status: 'COMPLETED', ApproximateNumberOfMessagesMoved: 3 }] });
    const { code, stdout, stderr } = await cli([...aws, 'dlq', 'redrive', '--wait'], { env: { } });
    expect(code).toBe(0);
    expect(stdout).toContain(`COMPLETED: moved 3 messages from ${PAYMENT_DLQ_URL} back to their source queue`);
    expect(stderr).toContain('Moving messages: 3/3');
    expect(mocks.sqs).toHaveReceivedCommandWith(ListMessageMoveTasksCommand, { SourceArn: DLQ_ARN });
  }, 10_000);

  test('a failed move task is an error', async () => {
    mocks.sqs.on(StartMessageMoveTaskCommand).resolves({ TaskHandle: 'task-1' });
    mocks.sqs.on(ListMessageMoveTasksCommand).resolves({ Results: [{ Status: 'FAILED', FailureReason: 'AccessDenied on the destination' }] });
    const { code, stderr } = await cli([...aws, 'dlq', 'redrive', '--wait']);
    expect(code).toBe(1);
    expect(stderr).toContain('AccessDenied on the destination');
  });
});

describe('logs on AWS', () => {
  const line = (message: Record<string, unknown>) => JSON.stringify({ level: 'INFO', timestamp: 'x', service: STACK_NAME, ...message });

  test('reads each function\'s log group from the start time, pages, merges by time, and skips groups not created yet', async () => {
    mocks.logs
      .on(FilterLogEventsCommand, { logGroupName: '/aws/lambda/orders-test/ProcessPayment', nextToken: undefined })
      .resolves({ events: [{ eventId: 'p1', timestamp: T0 + 30, message: line({ message: 'Payment message settled', orderId: 'o-1' }) }], nextToken: 'page-2' })
      .on(FilterLogEventsCommand, { logGroupName: '/aws/lambda/orders-test/ProcessPayment', nextToken: 'page-2' })
      .resolves({ events: [{ eventId: 'p2', timestamp: T0 + 50, message: line({ level: 'ERROR', message: 'Charge failed', error: { name: 'TransientPaymentError', message: 'gateway' } }) }] })
      .on(FilterLogEventsCommand, { logGroupName: '/aws/lambda/orders-test/ReserveInventory' })
      .resolves({ events: [{ eventId: 'r1', timestamp: T0 + 40, message: 'START RequestId: 1 Version: $LATEST' }] })
      .on(FilterLogEventsCommand, { logGroupName: '/aws/lambda/orders-test-NotifyFunction-X3' })
      .rejects(new ResourceNotFoundException({ message: 'The specified log group does not exist.', $metadata: {} }));
    const { code, stdout } = await cli([...aws, 'logs', '--since', '10m'], { now: () => T0 + 60_000 });
    expect(code).toBe(0);
    expect(stdout.trimEnd().split('\n')).toEqual([
      '10:00:00.030  ProcessPayment    INFO   Payment message settled  orderId=o-1',
      '10:00:00.040  ReserveInventory         START RequestId: 1 Version: $LATEST',
      '10:00:00.050  ProcessPayment    ERROR  Charge failed  error=TransientPaymentError: gateway',
    ]);
    expect(mocks.logs).toHaveReceivedCommandWith(FilterLogEventsCommand, { logGroupName: '/aws/lambda/orders-test/ProcessPayment', startTime: T0 + 60_000 - 600_000 });
  });

  test('--function accepts the kebab-case entry name and --filter becomes a quoted pattern', async () => {
    mocks.logs.on(FilterLogEventsCommand).resolves({ events: [] });
    const { code } = await cli([...aws, 'logs', '--function', 'process-payment', '--filter', 'o-1']);
    expect(code).toBe(0);
    expect(mocks.logs).toHaveReceivedCommandTimes(FilterLogEventsCommand, 1);
    expect(mocks.logs).toHaveReceivedCommandWith(FilterLogEventsCommand, { logGroupName: '/aws/lambda/orders-test/ProcessPayment', filterPattern: '"o-1"' });
  });

  test('an unknown --function is a usage error listing the names', async () => {
    const { code, stderr } = await cli([...aws, 'logs', '--function', 'Nope']);
    expect(code).toBe(2);
    expect(stderr).toContain('try one of: Notify, ProcessPayment, ReserveInventory, StateMachine');
  });

  test('--tail polls from the newest line seen, prints each line once, and stops on Ctrl-C', async () => {
    const first = { eventId: 'a', timestamp: T0 + 10, message: line({ message: 'first' }) };
    const second = { eventId: 'b', timestamp: T0 + 20, message: line({ message: 'second' }) };
    mocks.logs
      .on(FilterLogEventsCommand)
      .resolvesOnce({ events: [first] })
      .resolvesOnce({ events: [first, second] })
      .resolves({ events: [second] });
    const controller = new AbortController();
    let output = '';
    const stdout = {
      write: (text: string) => {
        output += text;
        if (output.includes('second')) setTimeout(() => controller.abort(), 30);
        return true;
      },
    };
    const { runCli } = await import('../../../src/cli/main');
    const code = await runCli([...aws, 'logs', '--function', 'ProcessPayment', '--tail', '--interval', '0.01s'], {
      stdout,
      stderr: { write: () => true },
      env: {},
      signal: controller.signal,
      now: () => T0,
    });
    expect(code).toBe(0);
    expect(output.match(/first/g)).toHaveLength(1);
    expect(output.match(/second/g)).toHaveLength(1);
    const starts = mocks.logs.commandCalls(FilterLogEventsCommand).map((call) => call.args[0].input.startTime);
    expect(starts[1]).toBe(T0 + 10);
    expect(starts.at(-1)).toBe(T0 + 20);
  });
});

describe('list --limit on AWS', () => {
  test('stops paging once it has one more than it shows, and says there are more', async () => {
    serveHistories([...recent, old], { pageSize: 1 });
    const { code, stdout, stderr } = await cli([...aws, 'list', '--limit', '2']);
    expect(code).toBe(0);
    expect(stdout.trimEnd().split('\n')).toHaveLength(3); // header and two rows
    expect(stdout).toContain('o-3');
    expect(stdout).toContain('o-2');
    expect(stdout).not.toContain('o-1');
    expect(mocks.sfn).toHaveReceivedCommandTimes(ListExecutionsCommand, 3);
    expect(stderr).toContain('Showing the 2 newest executions (--limit 2)');
  });
});

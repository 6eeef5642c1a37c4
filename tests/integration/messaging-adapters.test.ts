/**
 * The Step Functions, SNS, SQS and CloudWatch adapters against a real moto server. moto runs the state machines
 * here (`execute_state_machine`), so task tokens are real: a `waitForTaskToken` task puts one on an SQS queue.
 */
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SFNClient,
  type DescribeExecutionCommandOutput,
} from '@aws-sdk/client-sfn';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { makeCloudWatchClient, makeSfnClient, makeSnsClient, makeSqsClient } from '../../src/adapters/aws/clients';
import { CloudWatchMetrics } from '../../src/adapters/aws/cloudwatch-metrics';
import { SfnTaskCallbacks } from '../../src/adapters/aws/sfn-task-callbacks';
import { SfnWorkflowStarter } from '../../src/adapters/aws/sfn-workflow-starter';
import { SnsNotifier } from '../../src/adapters/aws/sns-notifier';
import { SqsDeadLetterQueue } from '../../src/adapters/aws/sqs-dlq';
import { TaskNoLongerActiveError } from '../../src/domain/errors';
import { describeWithMoto, MOTO_CLIENT, MOTO_SETUP_TIMEOUT_MS, startMotoServer, type MotoServer } from '../support/moto-server';

const ROLE_ARN = 'arn:aws:iam::123456789012:role/OrderWorkflowRole';

/** A one-task workflow that hands its task token to a queue and waits, like ProcessPayment in order.asl.json. */
const callbackDefinition = (queueUrl: string, timeoutSeconds = 300): string =>
  JSON.stringify({
    StartAt: 'ProcessPayment',
    States: {
      ProcessPayment: {
        Type: 'Task',
        Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
        Parameters: {
          QueueUrl: queueUrl,
          MessageBody: { 'taskToken.$': '$$.Task.Token', 'orderId.$': '$.orderId' },
        },
        TimeoutSeconds: timeoutSeconds,
        ...(timeoutSeconds > 120 && { HeartbeatSeconds: 120 }),
        End: true,
      },
    },
  });

/** A workflow that just waits, so its execution stays RUNNING for the duplicate-start checks. */
const WAITING_DEFINITION = JSON.stringify({ StartAt: 'Wait', States: { Wait: { Type: 'Wait', Seconds: 600, End: true } } });

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// moto keeps running an execution's thread after a reset; unique names stop a late message from an earlier test
// landing in a later test's queue.
let uniqueSuffix = 0;
const unique = (name: string): string => `${name}-${(uniqueSuffix += 1)}`;

describeWithMoto('Messaging adapters on moto', () => {
  let moto: MotoServer;
  let sfn: SFNClient;
  let sns: SNSClient;
  let sqs: SQSClient;
  let cloudWatch: CloudWatchClient;

  beforeAll(async () => {
    moto = await startMotoServer();
    await moto.configure({ stepfunctions: { execute_state_machine: true } });
    const options = { ...MOTO_CLIENT, endpoint: moto.endpoint };
    sfn = makeSfnClient(options);
    sns = makeSnsClient(options);
    sqs = makeSqsClient(options);
    cloudWatch = makeCloudWatchClient(options);
  }, MOTO_SETUP_TIMEOUT_MS);

  afterAll(async () => {
    for (const client of [sfn, sns, sqs, cloudWatch]) client?.destroy();
    await moto?.stop();
  });

  beforeEach(() => moto.reset());

  const createQueue = async (name: string, attributes: Record<string, string> = {}): Promise<{ url: string; arn: string }> => {
    const { QueueUrl: url = '' } = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
    return { url, arn: Attributes?.QueueArn ?? '' };
  };

  const receiveOne = async (queueUrl: string): Promise<string> => {
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 5 }));
    const body = Messages?.[0]?.Body;
    if (body === undefined) throw new Error(`no message on ${queueUrl}`);
    return body;
  };

  const createCallbackMachine = async (timeoutSeconds?: number): Promise<{ stateMachineArn: string; queueUrl: string }> => {
    const { url } = await createQueue(unique('PaymentQueue'));
    const { stateMachineArn = '' } = await sfn.send(
      new CreateStateMachineCommand({ name: unique('OrderWorkflow'), definition: callbackDefinition(url, timeoutSeconds), roleArn: ROLE_ARN }),
    );
    return { stateMachineArn, queueUrl: url };
  };

  const finished = async (executionArn: string, polls = 100): Promise<DescribeExecutionCommandOutput> => {
    for (let attempt = 0; attempt < polls; attempt += 1) {
      const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      if (execution.status !== 'RUNNING') return execution;
      await sleep(100);
    }
    throw new Error(`${executionArn} still running`);
  };

  /**
   * moto sends the SQS message before it sets up the task's heartbeat listener (`_eval_integration_pattern` in
   * moto/stepfunctions/parser/.../state_task_service_callback.py), so a heartbeat sent the instant the message
   * arrives could be refused; wait for TaskSubmitted in the history plus a moment.
   */
  const waitingForCallback = async (executionArn: string): Promise<void> => {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const { events = [] } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
      if (events.some((event) => event.type === 'TaskSubmitted')) return sleep(200);
      await sleep(100);
    }
    throw new Error(`${executionArn} never submitted its task`);
  };

  describe('SfnWorkflowStarter', () => {
    it('starts an execution named after the order, and a duplicate name starts nothing', async () => {
      const { stateMachineArn = '' } = await sfn.send(
        new CreateStateMachineCommand({ name: unique('OrderWorkflow'), definition: WAITING_DEFINITION, roleArn: ROLE_ARN }),
      );
      const starter = new SfnWorkflowStarter({ client: sfn, stateMachineArn });

      const first = await starter.start('order-1', { orderId: 'order-1' });
      const sameInput = await starter.start('order-1', { orderId: 'order-1' });
      const otherInput = starter.start('order-1', { orderId: 'order-1', retried: true });

      expect(first).toEqual({ executionArn: `${stateMachineArn.replace(':stateMachine:', ':execution:')}:order-1` });
      // Step Functions answers a repeat with the same input with the running execution itself.
      expect(sameInput).toEqual(first);
      await expect(otherInput).rejects.toMatchObject({ name: 'ExecutionAlreadyExistsError', executionArn: first.executionArn });
    });
  });

  describe('SfnTaskCallbacks', () => {
    const callbacks = (): SfnTaskCallbacks => new SfnTaskCallbacks({ client: sfn });

    const startAndTakeToken = async (): Promise<{ executionArn: string; taskToken: string }> => {
      const { stateMachineArn, queueUrl } = await createCallbackMachine();
      const { executionArn } = await new SfnWorkflowStarter({ client: sfn, stateMachineArn }).start('order-1', { orderId: 'order-1' });
      const { taskToken } = JSON.parse(await receiveOne(queueUrl)) as { taskToken: string };
      await waitingForCallback(executionArn);
      return { executionArn, taskToken };
    };

    it('completes the waiting task with its output, after which the token is dead', async () => {
      const { executionArn, taskToken } = await startAndTakeToken();

      await callbacks().heartbeat(taskToken);
      await callbacks().succeed(taskToken, { paymentId: 'pay-1' });

      const execution = await finished(executionArn);
      expect(execution.status).toBe('SUCCEEDED');
      expect(JSON.parse(execution.output ?? '{}')).toEqual({ paymentId: 'pay-1' });
      await expect(callbacks().succeed(taskToken, { paymentId: 'pay-2' })).rejects.toThrow(TaskNoLongerActiveError);
    });

    it('fails the waiting task with the error and cause given', async () => {
      const { executionArn, taskToken } = await startAndTakeToken();

      await callbacks().fail(taskToken, 'PaymentDeclinedError', 'card declined');

      const execution = await finished(executionArn);
      // moto 5.2 passes only `error` on from SendTaskFailure (moto/stepfunctions/responses.py drops `cause`), so
      // the cause is not checked here; tests/unit/adapters/sfn-task-callbacks.test.ts asserts it is sent.
      expect(execution).toMatchObject({ status: 'FAILED', error: 'PaymentDeclinedError' });
    });

    it('refuses a late callback once the task has timed out', async () => {
      const { stateMachineArn, queueUrl } = await createCallbackMachine(1);
      const { executionArn } = await new SfnWorkflowStarter({ client: sfn, stateMachineArn }).start('order-1', { orderId: 'order-1' });
      const { taskToken } = JSON.parse(await receiveOne(queueUrl)) as { taskToken: string };

      const execution = await finished(executionArn, 50);

      expect(execution).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
      await expect(callbacks().succeed(taskToken, { paymentId: 'pay-1' })).rejects.toThrow(TaskNoLongerActiveError);
    });

    it('maps an unknown token to TaskNoLongerActiveError for every callback', async () => {
      await expect(callbacks().succeed('not-a-token', {})).rejects.toThrow(TaskNoLongerActiveError);
      await expect(callbacks().fail('not-a-token', 'E', 'c')).rejects.toThrow(TaskNoLongerActiveError);
      await expect(callbacks().heartbeat('not-a-token')).rejects.toThrow(TaskNoLongerActiveError);
    });
  });

  describe('SnsNotifier', () => {
    it('publishes with filterable attributes: a subscription filtering on eventType gets only its events', async () => {
      const { TopicArn: topicArn = '' } = await sns.send(new CreateTopicCommand({ Name: 'OrderNotifications' }));
      const failures = await createQueue('FailureAlerts');
      await sns.send(
        new SubscribeCommand({
          TopicArn: topicArn,
          Protocol: 'sqs',
          Endpoint: failures.arn,
          Attributes: { FilterPolicy: JSON.stringify({ eventType: ['OrderFailed'] }) },
        }),
      );
      const notifier = new SnsNotifier({ client: sns, topicArn });

      const completed = await notifier.publish({
        eventType: 'OrderCompleted',
        orderStatus: 'COMPLETED',
        subject: 'Order order-1 completed',
        message: { orderId: 'order-1' },
      });
      const failed = await notifier.publish({
        eventType: 'OrderFailed',
        orderStatus: 'FAILED',
        subject: 'Order order-2 failed\n(payment)',
        message: { orderId: 'order-2', failure: { state: 'ProcessPayment' } },
      });

      expect(completed.messageId).toEqual(expect.any(String));
      const envelope = JSON.parse(await receiveOne(failures.url)) as Record<string, unknown>;
      expect(envelope).toMatchObject({
        MessageId: failed.messageId,
        Subject: 'Order order-2 failed (payment)',
        MessageAttributes: { eventType: { Type: 'String', Value: 'OrderFailed' }, orderStatus: { Type: 'String', Value: 'FAILED' } },
      });
      expect(JSON.parse(String(envelope.Message))).toEqual({ orderId: 'order-2', failure: { state: 'ProcessPayment' } });
      const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: failures.url }));
      expect(Messages ?? []).toEqual([]);
    });
  });

  describe('SqsDeadLetterQueue', () => {
    const poisonInDlq = async (): Promise<{ dlq: SqsDeadLetterQueue; dlqUrl: string }> => {
      const deadLetters = await createQueue('PaymentDLQ');
      const source = await createQueue('PaymentQueue', {
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: deadLetters.arn, maxReceiveCount: 2 }),
        VisibilityTimeout: '0',
      });
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: source.url,
          MessageBody: '{not json',
          MessageAttributes: { orderId: { DataType: 'String', StringValue: 'order-1' } },
        }),
      );
      // Two failed receives, then SQS moves the message to the DLQ on the next receive.
      for (let receive = 0; receive < 3; receive += 1) await sqs.send(new ReceiveMessageCommand({ QueueUrl: source.url }));
      const dlq = new SqsDeadLetterQueue({ client: sqs, queueUrl: deadLetters.url, sourceQueueUrl: source.url, waitTimeSeconds: 0, visibilityTimeoutSeconds: 0 });
      return { dlq, dlqUrl: deadLetters.url };
    };

    it('lists dead letters with their attributes and receive count, without removing them', async () => {
      const { dlq } = await poisonInDlq();

      const first = await dlq.list();
      const second = await dlq.list();

      expect(first).toEqual([
        {
          messageId: expect.any(String),
          body: '{not json',
          receiveCount: expect.any(Number),
          sentAt: expect.any(String),
          attributes: { orderId: 'order-1' },
        },
      ]);
      expect(first[0]?.receiveCount).toBeGreaterThanOrEqual(2);
      expect(second.map((letter) => letter.messageId)).toEqual(first.map((letter) => letter.messageId));
      expect(await dlq.depth()).toBe(1);
    });

    // moto 5.2 does not implement StartMessageMoveTask (no such action in moto/sqs/responses.py), so `redrive`
    // cannot run here; tests/unit/adapters/sqs-dlq.test.ts asserts the exact request instead.
    it.skip('redrives dead letters to the source queue (StartMessageMoveTask: not in moto)', () => undefined);
  });

  describe('CloudWatchMetrics', () => {
    it('sums each metric over the window, for the given dimensions', async () => {
      const end = new Date();
      const start = new Date(end.getTime() - 10 * 60_000);
      const dimensions = [{ Name: 'service', Value: 'orders' }];
      await cloudWatch.send(
        new PutMetricDataCommand({
          Namespace: 'OrderWorkflow',
          MetricData: [
            { MetricName: 'OrdersCreated', Dimensions: dimensions, Value: 3, Timestamp: new Date(end.getTime() - 5 * 60_000) },
            { MetricName: 'OrdersCreated', Dimensions: dimensions, Value: 2, Timestamp: new Date(end.getTime() - 60_000) },
            { MetricName: 'OrdersFailed', Dimensions: dimensions, Value: 1, Timestamp: new Date(end.getTime() - 60_000) },
            // Outside the window, and another service: neither counts.
            { MetricName: 'OrdersCreated', Dimensions: dimensions, Value: 100, Timestamp: new Date(start.getTime() - 60_000) },
            { MetricName: 'OrdersCreated', Dimensions: [{ Name: 'service', Value: 'other' }], Value: 50, Timestamp: new Date(end.getTime() - 60_000) },
          ],
        }),
      );
      const metrics = new CloudWatchMetrics({ client: cloudWatch, namespace: 'OrderWorkflow' });

      const sums = await metrics.sums({
        metricNames: ['OrdersCreated', 'OrdersFailed', 'OrdersCompleted'],
        start,
        end,
        dimensions: { service: 'orders' },
      });

      expect(Object.fromEntries(sums)).toEqual({ OrdersCreated: 5, OrdersFailed: 1, OrdersCompleted: 0 });
    });
  });
});

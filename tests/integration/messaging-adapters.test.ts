/**
 * The SNS, SQS and CloudWatch adapters against a real moto server, for what the port contracts do not cover: SNS
 * filter policies on the attributes the notifier sets, and the CLI's DLQ and metrics readers. The Step Functions
 * adapters run their contracts on moto in tests/contracts/aws-on-moto.contract.test.ts.
 */
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { makeCloudWatchClient, makeSnsClient, makeSqsClient } from '../../src/adapters/aws/clients';
import { CloudWatchMetrics } from '../../src/adapters/aws/cloudwatch-metrics';
import { SnsNotifier } from '../../src/adapters/aws/sns-notifier';
import { SqsDeadLetterQueue } from '../../src/adapters/aws/sqs-dlq';
import { describeWithMoto, MOTO_CLIENT, MOTO_SETUP_TIMEOUT_MS, startMotoServer, type MotoServer } from '../support/moto-server';

describeWithMoto('Messaging adapters on moto', () => {
  let moto: MotoServer;
  let sns: SNSClient;
  let sqs: SQSClient;
  let cloudWatch: CloudWatchClient;

  beforeAll(async () => {
    moto = await startMotoServer();
    const options = { ...MOTO_CLIENT, endpoint: moto.endpoint };
    sns = makeSnsClient(options);
    sqs = makeSqsClient(options);
    cloudWatch = makeCloudWatchClient(options);
  }, MOTO_SETUP_TIMEOUT_MS);

  afterAll(async () => {
    for (const client of [sns, sqs, cloudWatch]) client?.destroy();
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

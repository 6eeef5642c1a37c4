import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { SnsNotifier } from '../../../src/adapters/aws/sns-notifier';

const sns = mockClient(SNSClient);
const TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:OrderNotifications';
const notifier = new SnsNotifier({ client: new SNSClient({ region: 'us-east-1' }), topicArn: TOPIC_ARN });

beforeEach(() => sns.reset());

describe('SnsNotifier.publish', () => {
  it('publishes the message as JSON with eventType and orderStatus as String attributes', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'message-1' });

    const result = await notifier.publish({
      eventType: 'OrderFailed',
      orderStatus: 'FAILED',
      subject: 'Order order-1 failed',
      message: { orderId: 'order-1' },
    });

    expect(result).toEqual({ messageId: 'message-1' });
    expect(sns).toHaveReceivedCommandWith(PublishCommand, {
      TopicArn: TOPIC_ARN,
      Subject: 'Order order-1 failed',
      Message: '{"orderId":"order-1"}',
      MessageAttributes: {
        eventType: { DataType: 'String', StringValue: 'OrderFailed' },
        orderStatus: { DataType: 'String', StringValue: 'FAILED' },
      },
    });
  });

  it('makes the subject one printable ASCII line of at most 100 characters', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'message-1' });

    await notifier.publish({ eventType: 'OrderCompleted', orderStatus: 'COMPLETED', subject: `Order\n“ok” ${'x'.repeat(200)}`, message: {} });

    const subject = sns.commandCalls(PublishCommand)[0]?.args[0].input.Subject ?? '';
    expect(subject).toMatch(/^Order ok x+$/);
    expect(subject).toHaveLength(100);
  });

  it('fails when SNS returns no message id', async () => {
    sns.on(PublishCommand).resolves({});

    await expect(notifier.publish({ eventType: 'OrderRejected', orderStatus: 'REJECTED', subject: 's', message: {} })).rejects.toThrow(
      'SNS returned no MessageId for OrderRejected',
    );
  });
});

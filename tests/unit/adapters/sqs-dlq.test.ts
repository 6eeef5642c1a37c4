import { GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient, StartMessageMoveTaskCommand } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { SqsDeadLetterQueue } from '../../../src/adapters/aws/sqs-dlq';

const sqs = mockClient(SQSClient);
const DLQ_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/PaymentDLQ';
const SOURCE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/PaymentQueue';
const dlq = new SqsDeadLetterQueue({ client: new SQSClient({ region: 'us-east-1' }), queueUrl: DLQ_URL, sourceQueueUrl: SOURCE_URL });

const message = (id: string) => ({
  MessageId: id,
  Body: `{"orderId":"${id}"}`,
  Attributes: { ApproximateReceiveCount: '5', SentTimestamp: '1750000000000' },
  MessageAttributes: { orderId: { DataType: 'String', StringValue: id } },
});

beforeEach(() => sqs.reset());

describe('SqsDeadLetterQueue.list', () => {
  it('receives with a short visibility timeout and the receive count, and deletes nothing', async () => {
    sqs.on(ReceiveMessageCommand).resolvesOnce({ Messages: [message('m1'), message('m2')] }).resolves({ Messages: [] });

    const letters = await dlq.list(5);

    expect(letters).toEqual([
      { messageId: 'm1', body: '{"orderId":"m1"}', receiveCount: 5, sentAt: '2025-06-15T15:06:40.000Z', attributes: { orderId: 'm1' } },
      expect.objectContaining({ messageId: 'm2' }),
    ]);
    expect(sqs).toHaveReceivedNthSpecificCommandWith(1, ReceiveMessageCommand, {
      QueueUrl: DLQ_URL,
      MaxNumberOfMessages: 5,
      VisibilityTimeout: 5,
      WaitTimeSeconds: 1,
      MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'],
      MessageAttributeNames: ['All'],
    });
    expect(sqs.commandCalls(ReceiveMessageCommand).length + sqs.commandCalls(GetQueueAttributesCommand).length).toBe(sqs.calls().length);
  });

  it('lists each message once even when it is received again, and stops at the maximum', async () => {
    sqs
      .on(ReceiveMessageCommand)
      .resolvesOnce({ Messages: [message('m1')] })
      .resolvesOnce({ Messages: [message('m1'), message('m2')] })
      .resolves({ Messages: [message('m3')] });

    const letters = await dlq.list(2);

    expect(letters.map((letter) => letter.messageId)).toEqual(['m1', 'm2']);
    expect(sqs).toHaveReceivedCommandTimes(ReceiveMessageCommand, 2);
  });
});

describe('SqsDeadLetterQueue.depth', () => {
  it('reads the approximate number of messages', async () => {
    sqs.on(GetQueueAttributesCommand).resolves({ Attributes: { ApproximateNumberOfMessages: '3' } });

    expect(await dlq.depth()).toBe(3);
  });
});

describe('SqsDeadLetterQueue.redrive', () => {
  it('starts a message move task from the DLQ to the source queue', async () => {
    sqs.on(GetQueueAttributesCommand, { QueueUrl: DLQ_URL }).resolves({ Attributes: { QueueArn: 'arn:dlq' } });
    sqs.on(GetQueueAttributesCommand, { QueueUrl: SOURCE_URL }).resolves({ Attributes: { QueueArn: 'arn:source' } });
    sqs.on(StartMessageMoveTaskCommand).resolves({ TaskHandle: 'handle-1' });

    expect(await dlq.redrive()).toEqual({ taskHandle: 'handle-1' });
    expect(sqs).toHaveReceivedCommandWith(StartMessageMoveTaskCommand, { SourceArn: 'arn:dlq', DestinationArn: 'arn:source' });
  });

  it('fails clearly when a queue ARN cannot be read', async () => {
    sqs.on(GetQueueAttributesCommand).resolves({ Attributes: {} });

    await expect(dlq.redrive()).rejects.toThrow(`SQS returned no QueueArn for ${DLQ_URL}`);
    expect(sqs).not.toHaveReceivedCommand(StartMessageMoveTaskCommand);
  });
});

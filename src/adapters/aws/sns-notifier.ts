/** Notifier on SNS: the event type and order status travel as message attributes so subscriptions can filter. */
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { Notification, Notifier } from '../../domain/ports';
import { toSnsSubject } from './sns-subject';

export interface SnsNotifierOptions {
  client: SNSClient;
  topicArn: string;
}

export class SnsNotifier implements Notifier {
  private readonly client: SNSClient;
  private readonly topicArn: string;

  constructor({ client, topicArn }: SnsNotifierOptions) {
    this.client = client;
    this.topicArn = topicArn;
  }

  async publish({ eventType, orderStatus, subject, message }: Notification): Promise<{ messageId: string }> {
    const { MessageId } = await this.client.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        Subject: toSnsSubject(subject),
        Message: JSON.stringify(message),
        MessageAttributes: {
          eventType: { DataType: 'String', StringValue: eventType },
          orderStatus: { DataType: 'String', StringValue: orderStatus },
        },
      }),
    );
    if (!MessageId) throw new Error(`SNS returned no MessageId for ${eventType}`);
    return { messageId: MessageId };
  }
}

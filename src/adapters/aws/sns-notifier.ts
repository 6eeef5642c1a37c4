/** Notifier on SNS: the event type and order status travel as message attributes so subscriptions can filter. */
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { Notification, Notifier } from '../../domain/ports';

export interface SnsNotifierOptions {
  client: SNSClient;
  topicArn: string;
}

// SNS rejects subjects over 100 characters or with line breaks and non-ASCII characters.
const MAX_SUBJECT_LENGTH = 100;
const toSubject = (subject: string): string =>
  subject.replace(/[^\x20-\x7e]/g, ' ').replace(/ {2,}/g, ' ').trim().slice(0, MAX_SUBJECT_LENGTH);

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
        Subject: toSubject(subject),
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

/** Notifier backed by the local SNS: the same message attributes (what filter policies match on AWS) and subject rules. */
import type { Notification, Notifier } from '../../../domain/ports';
import type { LocalSns } from '../../emulator/sns/local-sns';
import { toSnsSubject } from '../../../adapters/aws/sns-subject';

export class LocalSnsNotifier implements Notifier {
  constructor(
    private readonly sns: LocalSns,
    private readonly topicArn: string,
  ) {}

  async publish(notification: Notification): Promise<{ messageId: string }> {
    const { MessageId } = this.sns.publish(this.topicArn, {
      subject: toSnsSubject(notification.subject),
      message: JSON.stringify(notification.message),
      messageAttributes: {
        eventType: { DataType: 'String', StringValue: notification.eventType },
        orderStatus: { DataType: 'String', StringValue: notification.orderStatus },
      },
    });
    return { messageId: MessageId };
  }
}

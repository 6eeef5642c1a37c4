/** Lambda entry for the Notify* states. */
import { snsClient } from '../adapters/aws/clients';
import { SnsNotifier } from '../adapters/aws/sns-notifier';
import { requireEnv } from '../config/env';
import { makeNotifyHandler } from '../handlers/notify';

export const handler = makeNotifyHandler({
  notifier: new SnsNotifier({ client: snsClient(), topicArn: requireEnv('NOTIFICATION_TOPIC_ARN') }),
});

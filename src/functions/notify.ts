/** Lambda entry for the Notify* states. */
import { documentClient, snsClient } from '../adapters/aws/clients';
import { DynamoDbOrderRepository } from '../adapters/aws/dynamodb-order-repository';
import { SnsNotifier } from '../adapters/aws/sns-notifier';
import { requireEnv } from '../config/env';
import { makeNotifyHandler } from '../handlers/notify';

export const handler = makeNotifyHandler({
  orders: new DynamoDbOrderRepository({ client: documentClient(), tableName: requireEnv('ORDERS_TABLE') }),
  notifier: new SnsNotifier({ client: snsClient(), topicArn: requireEnv('NOTIFICATION_TOPIC_ARN') }),
});

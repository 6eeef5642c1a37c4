/** Lambda entry for the RecordRejection and RecordFailure states. */
import { documentClient } from '../adapters/aws/clients';
import { DynamoDbOrderRepository } from '../adapters/aws/dynamodb-order-repository';
import { requireEnv } from '../config/env';
import { makeRecordOutcomeHandler } from '../handlers/record-outcome';

export const handler = makeRecordOutcomeHandler({
  orders: new DynamoDbOrderRepository({ client: documentClient(), tableName: requireEnv('ORDERS_TABLE') }),
  executionLinkBase: requireEnv('EXECUTION_LINK_BASE'),
});

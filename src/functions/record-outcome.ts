/** Lambda entry for the RecordRejection and RecordFailure states. */
import { documentClient } from '../adapters/aws/clients';
import { DynamoDbOrderRepository } from '../adapters/aws/dynamodb-order-repository';
import { DynamoDbPaymentLedger } from '../adapters/aws/dynamodb-payment-ledger';
import { requireEnv } from '../config/env';
import { makeRecordOutcomeHandler } from '../handlers/record-outcome';

const tableName = requireEnv('ORDERS_TABLE');
export const handler = makeRecordOutcomeHandler({
  orders: new DynamoDbOrderRepository({ client: documentClient(), tableName }),
  payments: new DynamoDbPaymentLedger({ client: documentClient(), tableName }),
  executionLinkBase: requireEnv('EXECUTION_LINK_BASE'),
});

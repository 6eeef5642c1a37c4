/** Lambda entry for the RecordRejection and RecordFailure states. */
import { documentClient, sfnClient } from '../adapters/aws/clients';
import { DynamoDbOrderRepository } from '../adapters/aws/dynamodb-order-repository';
import { DynamoDbPaymentLedger } from '../adapters/aws/dynamodb-payment-ledger';
import { SfnExecutionHistory } from '../adapters/aws/sfn-execution-history';
import { requireEnv } from '../config/env';
import { makeRecordOutcomeHandler } from '../handlers/record-outcome';

const tableName = requireEnv('ORDERS_TABLE');
export const handler = makeRecordOutcomeHandler({
  orders: new DynamoDbOrderRepository({ client: documentClient(), tableName }),
  payments: new DynamoDbPaymentLedger({ client: documentClient(), tableName }),
  history: new SfnExecutionHistory({ client: sfnClient() }),
  executionLinkBase: requireEnv('EXECUTION_LINK_BASE'),
});

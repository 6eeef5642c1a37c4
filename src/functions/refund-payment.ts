/** Lambda entry for the RefundPayment state (compensation). */
import { documentClient } from '../adapters/aws/clients';
import { DynamoDbPaymentLedger } from '../adapters/aws/dynamodb-payment-ledger';
import { requireEnv } from '../config/env';
import { makeRefundPaymentHandler } from '../handlers/refund-payment';

export const handler = makeRefundPaymentHandler({
  payments: new DynamoDbPaymentLedger({ client: documentClient(), tableName: requireEnv('ORDERS_TABLE') }),
});

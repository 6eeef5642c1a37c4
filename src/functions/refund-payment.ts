/** Lambda entry for the RefundPayment state (compensation). */
import { documentClient } from '../adapters/aws/clients';
import { DynamoDbOrderRepository } from '../adapters/aws/dynamodb-order-repository';
import { DynamoDbPaymentLedger } from '../adapters/aws/dynamodb-payment-ledger';
import { requireEnv } from '../config/env';
import { makeRefundPaymentHandler } from '../handlers/refund-payment';

const tableName = requireEnv('ORDERS_TABLE');
export const handler = makeRefundPaymentHandler({
  orders: new DynamoDbOrderRepository({ client: documentClient(), tableName }),
  payments: new DynamoDbPaymentLedger({ client: documentClient(), tableName }),
});

/** Lambda entry for the payment queue's consumer. */
import { documentClient, sfnClient } from '../adapters/aws/clients';
import { DynamoDbOrderRepository } from '../adapters/aws/dynamodb-order-repository';
import { DynamoDbPaymentLedger } from '../adapters/aws/dynamodb-payment-ledger';
import { SfnTaskCallbacks } from '../adapters/aws/sfn-task-callbacks';
import { numberEnv, requireEnv } from '../config/env';
import { makeProcessPaymentHandler } from '../handlers/process-payment';

const tableName = requireEnv('ORDERS_TABLE');
export const handler = makeProcessPaymentHandler({
  orders: new DynamoDbOrderRepository({ client: documentClient(), tableName }),
  payments: new DynamoDbPaymentLedger({ client: documentClient(), tableName }),
  callbacks: new SfnTaskCallbacks({ client: sfnClient() }),
  paymentDeclineRate: numberEnv('PAYMENT_DECLINE_RATE', 0.15),
});

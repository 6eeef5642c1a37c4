/** Lambda entry for the payment queue's consumer. */
import { documentClient, sfnClient } from '../adapters/aws/clients';
import { DynamoDbPaymentLedger } from '../adapters/aws/dynamodb-payment-ledger';
import { SfnTaskCallbacks } from '../adapters/aws/sfn-task-callbacks';
import { numberEnv, requireEnv } from '../config/env';
import { makeProcessPaymentHandler } from '../handlers/process-payment';

export const handler = makeProcessPaymentHandler({
  payments: new DynamoDbPaymentLedger({ client: documentClient(), tableName: requireEnv('ORDERS_TABLE') }),
  callbacks: new SfnTaskCallbacks({ client: sfnClient() }),
  paymentDeclineRate: numberEnv('PAYMENT_DECLINE_RATE', 0.15),
});

/** Lambda entry for GET /orders/{orderId}. */
import { documentClient } from '../adapters/aws/clients';
import { DynamoDbOrderRepository } from '../adapters/aws/dynamodb-order-repository';
import { requireEnv } from '../config/env';
import { makeGetOrderHandler } from '../handlers/get-order';

export const handler = makeGetOrderHandler({
  orders: new DynamoDbOrderRepository({ client: documentClient(), tableName: requireEnv('ORDERS_TABLE') }),
});

/** Lambda entry for GET /orders. */
import { documentClient } from '../adapters/aws/clients';
import { DynamoDbOrderRepository } from '../adapters/aws/dynamodb-order-repository';
import { requireEnv } from '../config/env';
import { makeListOrdersHandler } from '../handlers/list-orders';

export const handler = makeListOrdersHandler({
  orders: new DynamoDbOrderRepository({ client: documentClient(), tableName: requireEnv('ORDERS_TABLE') }),
});

/** Lambda entry for the FulfillOrder state. */
import { documentClient } from '../adapters/aws/clients';
import { DynamoDbInventoryRepository } from '../adapters/aws/dynamodb-inventory-repository';
import { DynamoDbOrderRepository } from '../adapters/aws/dynamodb-order-repository';
import { requireEnv } from '../config/env';
import { makeFulfillOrderHandler } from '../handlers/fulfill-order';

const ordersTableName = requireEnv('ORDERS_TABLE');
export const handler = makeFulfillOrderHandler({
  orders: new DynamoDbOrderRepository({ client: documentClient(), tableName: ordersTableName }),
  inventory: new DynamoDbInventoryRepository({ client: documentClient(), inventoryTableName: requireEnv('INVENTORY_TABLE'), ordersTableName }),
  now: () => new Date(),
});

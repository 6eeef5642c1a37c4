/** Lambda entry for the ReleaseInventory state (compensation). */
import { documentClient } from '../adapters/aws/clients';
import { DynamoDbInventoryRepository } from '../adapters/aws/dynamodb-inventory-repository';
import { DynamoDbOrderRepository } from '../adapters/aws/dynamodb-order-repository';
import { requireEnv } from '../config/env';
import { makeReleaseInventoryHandler } from '../handlers/release-inventory';

const ordersTableName = requireEnv('ORDERS_TABLE');
export const handler = makeReleaseInventoryHandler({
  orders: new DynamoDbOrderRepository({ client: documentClient(), tableName: ordersTableName }),
  inventory: new DynamoDbInventoryRepository({ client: documentClient(), inventoryTableName: requireEnv('INVENTORY_TABLE'), ordersTableName }),
});

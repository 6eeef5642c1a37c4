/** Lambda entry for the ReleaseInventory state (compensation). */
import { documentClient } from '../adapters/aws/clients';
import { DynamoDbInventoryRepository } from '../adapters/aws/dynamodb-inventory-repository';
import { requireEnv } from '../config/env';
import { makeReleaseInventoryHandler } from '../handlers/release-inventory';

export const handler = makeReleaseInventoryHandler({
  inventory: new DynamoDbInventoryRepository({
    client: documentClient(),
    inventoryTableName: requireEnv('INVENTORY_TABLE'),
    ordersTableName: requireEnv('ORDERS_TABLE'),
  }),
});

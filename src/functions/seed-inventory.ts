/** Lambda entry for the SeedInventory custom resource. */
import { documentClient } from '../adapters/aws/clients';
import { seedCatalogue } from '../adapters/aws/dynamodb-catalogue-seeder';
import { requireEnv } from '../config/env';
import { makeSeedInventoryHandler, respondToCloudFormation } from '../handlers/seed-inventory';

const tableName = requireEnv('INVENTORY_TABLE');
export const handler = makeSeedInventoryHandler({
  seedCatalogue: (entries) => seedCatalogue(documentClient(), tableName, entries),
  respond: respondToCloudFormation,
});

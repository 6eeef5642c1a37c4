/** Lambda entry for the QuoteCart state of the Express quote workflow. */
import { documentClient } from '../adapters/aws/clients';
import { DynamoDbInventoryRepository } from '../adapters/aws/dynamodb-inventory-repository';
import { requireEnv } from '../config/env';
import { makeQuoteCartHandler } from '../handlers/quote-cart';

export const handler = makeQuoteCartHandler({
  // The adapter takes both table names; a quote only reads products (getProducts), never the orders table.
  inventory: new DynamoDbInventoryRepository({
    client: documentClient(),
    inventoryTableName: requireEnv('INVENTORY_TABLE'),
    ordersTableName: requireEnv('ORDERS_TABLE'),
  }),
  now: () => new Date(),
});

/** Puts catalogue products into the inventory table, leaving products that already exist (and their live stock) alone. */
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CatalogueEntry } from '../../domain/catalogue';
import { writeConditionally } from './dynamodb-conditional-write';

export const seedCatalogue = async (client: DynamoDBDocumentClient, tableName: string, entries: readonly CatalogueEntry[]): Promise<number> => {
  const added = await Promise.all(entries.map((entry) => putIfAbsent(client, tableName, entry)));
  return added.filter(Boolean).length;
};

const putIfAbsent = async (client: DynamoDBDocumentClient, tableName: string, entry: CatalogueEntry): Promise<boolean> => {
  const { written } = await writeConditionally(() =>
    client.send(
      new PutCommand({
        TableName: tableName,
        Item: { productId: entry.productId, name: entry.name, unitPrice: entry.unitPrice, available: entry.stock, reserved: 0, sold: 0 },
        ConditionExpression: 'attribute_not_exists(productId)',
      }),
    ),
  );
  return written;
};

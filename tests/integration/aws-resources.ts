/** Resources the integration tests create on moto, shaped as in the contract (and the SAM template). */
import { CreateTableCommand, type CreateTableCommandInput, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Order } from '../../src/domain/order';
import type { Product } from '../../src/domain/ports';
import { anOrder as baseOrder } from '../unit/adapters/aws-fakes';

export const TABLES = { orders: 'OrdersTable', inventory: 'InventoryTable', idempotency: 'IdempotencyTable' } as const;

const TABLE_DEFINITIONS: CreateTableCommandInput[] = [
  {
    TableName: TABLES.orders,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'orderId', AttributeType: 'S' },
      { AttributeName: 'status', AttributeType: 'S' },
      { AttributeName: 'createdAt', AttributeType: 'S' },
    ],
    KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
    GlobalSecondaryIndexes: [
      {
        IndexName: 'byStatus',
        KeySchema: [
          { AttributeName: 'status', KeyType: 'HASH' },
          { AttributeName: 'createdAt', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  },
  {
    TableName: TABLES.inventory,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'productId', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'productId', KeyType: 'HASH' }],
  },
  {
    TableName: TABLES.idempotency,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'idempotencyKey', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'idempotencyKey', KeyType: 'HASH' }],
  },
];

export const createTables = async (client: DynamoDBClient): Promise<void> => {
  for (const definition of TABLE_DEFINITIONS) await client.send(new CreateTableCommand(definition));
};

export const putProducts = async (client: DynamoDBDocumentClient, products: Product[]): Promise<void> => {
  for (const product of products) await client.send(new PutCommand({ TableName: TABLES.inventory, Item: product }));
};

export { product } from '../unit/adapters/aws-fakes';

/** The unit tests' order fixture under another id, so both suites describe the same order. */
export const anOrder = (orderId: string, overrides: Partial<Order> = {}): Order => baseOrder({ orderId, ...overrides });

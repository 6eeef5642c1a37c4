/** Shared helpers for the adapter unit tests: SDK errors as the services send them, and a document client. */
import { ConditionalCheckFailedException, DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Order } from '../../../src/domain/order';
import type { Product } from '../../../src/domain/ports';

export const NOW = new Date('2025-06-01T12:00:00.000Z');
export const now = (): Date => NOW;

/** A real document client; tests mock its `send` with `mockClient(DynamoDBDocumentClient)`. */
export const documentClient = (): DynamoDBDocumentClient =>
  DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }), {
    marshallOptions: { removeUndefinedValues: true },
  });

export const conditionFailed = (): ConditionalCheckFailedException =>
  new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

/** A cancelled transaction whose items failed with `codes`, in `TransactItems` order. */
export const transactionCanceled = (...codes: string[]): TransactionCanceledException =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

export const anOrder = (overrides: Partial<Order> = {}): Order => ({
  orderId: 'order-1',
  status: 'NEW',
  createdAt: '2025-06-01T10:00:00.000Z',
  updatedAt: '2025-06-01T10:00:00.000Z',
  customerId: 'customer-1',
  customerEmail: 'someone@example.com',
  currency: 'EUR',
  items: [{ productId: 'widget', quantity: 2, unitPrice: 10 }],
  amount: 20,
  payment: { method: 'card', token: 'tok_visa' },
  ...overrides,
});

/** A catalogue product with `available` units in stock and none reserved or sold. */
export const product = (productId: string, available: number): Product => ({
  productId,
  name: `Product ${productId}`,
  unitPrice: 10,
  available,
  reserved: 0,
  sold: 0,
});

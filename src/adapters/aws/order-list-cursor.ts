/**
 * The opaque `cursor` of `GET /orders`: base64url JSON of the last returned order's position. With a status it is
 * exactly the `byStatus` index key (`ExclusiveStartKey`); across all statuses it is `{ createdAt, orderId }`.
 * The SQLite repository of the local stack uses the same codec, so a cursor means the same thing on both.
 */
import { ORDER_STATUSES, type OrderStatus } from '../../domain/order';
import { InvalidCursorError } from '../../domain/errors';

export interface OrderPosition {
  createdAt: string;
  orderId: string;
  status?: OrderStatus;
}

export const encodeCursor = (position: OrderPosition): string =>
  Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');

const isStatus = (value: unknown): value is OrderStatus => ORDER_STATUSES.some((status) => status === value);

// DynamoDB's key limits: a forged position beyond them would reach the Query as ExclusiveStartKey and fail there
// with a ValidationException (a 500) instead of a 400.
const MAX_PARTITION_KEY_BYTES = 2048;
const MAX_SORT_KEY_BYTES = 1024;
const isKeyValue = (value: unknown, maxBytes: number): value is string =>
  typeof value === 'string' && value.length > 0 && Buffer.byteLength(value, 'utf8') <= maxBytes;

/** Throws `InvalidCursorError` for anything this module did not produce (the API answers 400). */
export const decodeCursor = (cursor: string): OrderPosition => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (error) {
    throw new InvalidCursorError({ cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null) throw new InvalidCursorError();
  const { createdAt, orderId, status } = parsed as Record<string, unknown>;
  if (!isKeyValue(createdAt, MAX_SORT_KEY_BYTES) || !isKeyValue(orderId, MAX_PARTITION_KEY_BYTES) || (status !== undefined && !isStatus(status))) {
    throw new InvalidCursorError();
  }
  return status === undefined ? { createdAt, orderId } : { createdAt, orderId, status };
};

// Code-unit order, like DynamoDB's sort keys (localeCompare would ignore punctuation in some locales).
const compare = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

/** Newest first; equal timestamps fall back to the order id so the order is total and pages never overlap. */
export const newestFirst = (a: OrderPosition, b: OrderPosition): number =>
  compare(b.createdAt, a.createdAt) || compare(b.orderId, a.orderId);

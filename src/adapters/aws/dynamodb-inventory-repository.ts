/**
 * InventoryRepository on DynamoDB. Product counters live in InventoryTable; the reservation lives on the order
 * item in OrdersTable. Every change moves both in one `TransactWriteItems`, so stock is reserved for all lines or
 * none, `available` never drops below zero (a condition on each product) and a reservation is taken, released or
 * sold once (a condition on the order item) — which also makes repeated calls harmless. Selling completes the
 * order in the same order-item update, so a sale and a COMPLETED status never exist one without the other.
 */
import { BatchGetCommand, GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { InvalidTransitionError, OrderError, OrderNotFoundError, OutOfStockError } from '../../domain/errors';
import type { Fulfilment, OrderStatus, Reservation, ReservationLine } from '../../domain/order';
import type { InventoryRepository, Product } from '../../domain/ports';
import { cancellationCodes, CONDITION_FAILED } from './aws-errors';
import { writeTransaction, type TransactItem } from './dynamodb-transactions';

export interface DynamoDbInventoryRepositoryOptions {
  client: DynamoDBDocumentClient;
  inventoryTableName: string;
  ordersTableName: string;
  now?: () => Date;
}

const BATCH_GET_LIMIT = 100;
const UNPROCESSED_RETRIES = 5;

/** DynamoDB refuses two operations on one item in a transaction, so repeated products are summed. */
const mergeLines = (lines: readonly ReservationLine[]): ReservationLine[] => {
  const quantities = new Map<string, number>();
  for (const { productId, quantity } of lines) quantities.set(productId, (quantities.get(productId) ?? 0) + quantity);
  return [...quantities].map(([productId, quantity]) => ({ productId, quantity }));
};

interface OrderState {
  status: OrderStatus | undefined;
  reservation: Reservation | undefined;
}

/**
 * What a commit finds stored: the reservation when already SOLD (nothing to do), undefined when it may sell now
 * (RESERVED on a PROCESSING order); throws when it never may.
 */
const alreadySold = (orderId: string, { status, reservation }: OrderState): Reservation | undefined => {
  if (reservation?.status === 'SOLD') return reservation;
  if (!reservation) throw new InvalidTransitionError(`Order ${orderId} holds no reservation to commit`);
  if (reservation.status === 'RELEASED') throw new InvalidTransitionError(`Order ${orderId}'s reservation was released`);
  if (status !== 'PROCESSING') throw new InvalidTransitionError(`Order ${orderId} is ${status ?? 'without status'}; only a PROCESSING order can complete`);
  return undefined;
};

/**
 * The order-item half of a settlement: RESERVED → `status`. With `completion` it also completes the order
 * (COMPLETED, fulfilment, updatedAt), only if the order is still PROCESSING, so sale and completion are one write.
 */
const settleOnOrder = (
  tableName: string,
  orderId: string,
  status: 'RELEASED' | 'SOLD',
  updatedAt: string,
  completion?: Fulfilment,
): TransactItem => {
  // `#reservation.#status` is the reservation's status; `#status` alone is the order's.
  const names = { '#reservation': 'reservation', '#status': 'status', '#updatedAt': 'updatedAt' };
  const values = { ':to': status, ':from': 'RESERVED', ':updatedAt': updatedAt };
  const settle = 'SET #reservation.#status = :to, #reservation.#updatedAt = :updatedAt';
  const stillReserved = '#reservation.#status = :from';
  if (!completion) {
    return {
      Update: {
        TableName: tableName,
        Key: { orderId },
        UpdateExpression: settle,
        ConditionExpression: stillReserved,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  }
  return {
    Update: {
      TableName: tableName,
      Key: { orderId },
      UpdateExpression: `${settle}, #status = :completed, #fulfilment = :fulfilment, #updatedAt = :updatedAt`,
      ConditionExpression: `${stillReserved} AND #status = :processing`,
      ExpressionAttributeNames: { ...names, '#fulfilment': 'fulfilment' },
      ExpressionAttributeValues: { ...values, ':completed': 'COMPLETED', ':processing': 'PROCESSING', ':fulfilment': completion },
    },
  };
};

const toProduct = (item: Record<string, unknown>): Product => ({
  productId: String(item.productId),
  name: String(item.name),
  unitPrice: Number(item.unitPrice),
  available: Number(item.available),
  reserved: Number(item.reserved),
  sold: Number(item.sold),
});

export class DynamoDbInventoryRepository implements InventoryRepository {
  private readonly client: DynamoDBDocumentClient;
  private readonly inventoryTableName: string;
  private readonly ordersTableName: string;
  private readonly now: () => Date;

  constructor({ client, inventoryTableName, ordersTableName, now = () => new Date() }: DynamoDbInventoryRepositoryOptions) {
    this.client = client;
    this.inventoryTableName = inventoryTableName;
    this.ordersTableName = ordersTableName;
    this.now = now;
  }

  async getProducts(productIds: readonly string[]): Promise<Map<string, Product>> {
    const products = new Map<string, Product>();
    const ids = [...new Set(productIds)];
    for (let start = 0; start < ids.length; start += BATCH_GET_LIMIT) {
      let keys: Record<string, unknown>[] = ids.slice(start, start + BATCH_GET_LIMIT).map((productId) => ({ productId }));
      for (let attempt = 0; keys.length > 0; attempt += 1) {
        if (attempt > UNPROCESSED_RETRIES) throw new OrderError(`Inventory read throttled: ${keys.length} products unread`);
        const { Responses, UnprocessedKeys } = await this.client.send(
          new BatchGetCommand({ RequestItems: { [this.inventoryTableName]: { Keys: keys, ConsistentRead: true } } }),
        );
        for (const item of Responses?.[this.inventoryTableName] ?? []) products.set(String(item.productId), toProduct(item));
        keys = UnprocessedKeys?.[this.inventoryTableName]?.Keys ?? [];
      }
    }
    return products;
  }

  async reserve(orderId: string, lines: readonly ReservationLine[]): Promise<Reservation> {
    const at = this.now().toISOString();
    const merged = mergeLines(lines);
    const reservation: Reservation = { status: 'RESERVED', lines: merged, reservedAt: at, updatedAt: at };
    const takeStock = merged.map(({ productId, quantity }): TransactItem => ({
      Update: {
        TableName: this.inventoryTableName,
        Key: { productId },
        UpdateExpression: 'SET #available = #available - :quantity, #reserved = #reserved + :quantity',
        ConditionExpression: '#available >= :quantity',
        ExpressionAttributeNames: { '#available': 'available', '#reserved': 'reserved' },
        ExpressionAttributeValues: { ':quantity': quantity },
      },
    }));
    const holdOnOrder: TransactItem = {
      Update: {
        TableName: this.ordersTableName,
        Key: { orderId },
        UpdateExpression: 'SET #reservation = :reservation',
        ConditionExpression: 'attribute_exists(#orderId) AND attribute_not_exists(#reservation)',
        ExpressionAttributeNames: { '#orderId': 'orderId', '#reservation': 'reservation' },
        ExpressionAttributeValues: { ':reservation': reservation },
      },
    };
    try {
      await writeTransaction(this.client, [holdOnOrder, ...takeStock]);
      return reservation;
    } catch (error) {
      const codes = cancellationCodes(error);
      if (codes?.[0] === CONDITION_FAILED) return this.existingReservation(orderId, error);
      const shortIndex = codes?.findIndex((code, index) => index > 0 && code === CONDITION_FAILED) ?? -1;
      const short = merged[shortIndex - 1];
      if (!short) throw error;
      throw new OutOfStockError(short.productId, short.quantity, await this.availableOf(short.productId), { cause: error });
    }
  }

  async release(orderId: string): Promise<Reservation | undefined> {
    const reservation = await this.readReservation(orderId);
    if (reservation?.status !== 'RESERVED') return undefined;
    // undefined also when a concurrent release or commit got there first: nothing is left for this call.
    return this.settle(orderId, reservation, 'RELEASED', ({ productId, quantity }) => ({
      Update: {
        TableName: this.inventoryTableName,
        Key: { productId },
        UpdateExpression: 'SET #available = #available + :quantity, #reserved = #reserved - :quantity',
        ExpressionAttributeNames: { '#available': 'available', '#reserved': 'reserved' },
        ExpressionAttributeValues: { ':quantity': quantity },
      },
    }));
  }

  async commit(orderId: string, fulfilment: Fulfilment): Promise<Reservation> {
    const stored = await this.readOrderState(orderId);
    const settled = alreadySold(orderId, stored);
    if (settled) return settled;
    const reservation = stored.reservation as Reservation; // RESERVED on a PROCESSING order, or alreadySold threw
    const sold = await this.settle(
      orderId,
      reservation,
      'SOLD',
      ({ productId, quantity }) => ({
        Update: {
          TableName: this.inventoryTableName,
          Key: { productId },
          UpdateExpression: 'SET #reserved = #reserved - :quantity, #sold = #sold + :quantity',
          ExpressionAttributeNames: { '#reserved': 'reserved', '#sold': 'sold' },
          ExpressionAttributeValues: { ':quantity': quantity },
        },
      }),
      fulfilment,
    );
    if (sold) return sold;
    // Lost a race (a concurrent commit, release or failure got there first): answer once from the stored outcome.
    const after = alreadySold(orderId, await this.readOrderState(orderId));
    if (after) return after;
    throw new OrderError(`Order ${orderId} could not be committed: the write was refused but the order still looks committable`);
  }

  /**
   * Moves a RESERVED reservation to `status` together with the product counters; undefined when the
   * reservation was no longer RESERVED (or, when completing, the order no longer PROCESSING) at write time.
   * With `completion`, the same order-item update completes the order with that fulfilment.
   */
  private async settle(
    orderId: string,
    reservation: Reservation,
    status: 'RELEASED' | 'SOLD',
    moveStock: (line: ReservationLine) => TransactItem,
    completion?: Fulfilment,
  ): Promise<Reservation | undefined> {
    const updatedAt = this.now().toISOString();
    const onOrder = settleOnOrder(this.ordersTableName, orderId, status, updatedAt, completion);
    try {
      await writeTransaction(this.client, [onOrder, ...reservation.lines.map(moveStock)]);
      return { ...reservation, status, updatedAt };
    } catch (error) {
      if (cancellationCodes(error)?.[0] === CONDITION_FAILED) return undefined;
      throw error;
    }
  }

  private async readReservation(orderId: string): Promise<Reservation | undefined> {
    return (await this.readOrderState(orderId)).reservation;
  }

  private async readOrderState(orderId: string): Promise<OrderState> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.ordersTableName,
        Key: { orderId },
        ProjectionExpression: '#orderId, #status, #reservation',
        ExpressionAttributeNames: { '#orderId': 'orderId', '#status': 'status', '#reservation': 'reservation' },
        ConsistentRead: true,
      }),
    );
    if (!Item) throw new OrderNotFoundError(orderId);
    return { status: Item.status as OrderStatus | undefined, reservation: Item.reservation as Reservation | undefined };
  }

  private async existingReservation(orderId: string, cause: unknown): Promise<Reservation> {
    const reservation = await this.readReservation(orderId);
    if (!reservation) throw new OrderError(`Order ${orderId} could not be reserved`, { cause });
    return reservation;
  }

  private async availableOf(productId: string): Promise<number> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.inventoryTableName,
        Key: { productId },
        ProjectionExpression: '#available',
        ExpressionAttributeNames: { '#available': 'available' },
        ConsistentRead: true,
      }),
    );
    return Number(Item?.available ?? 0);
  }
}

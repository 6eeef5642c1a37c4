/**
 * OrderRepository on SQLite: the same conditional status changes as the DynamoDB adapter, and its cursor codec, so a
 * cursor this repository did not issue is an `InvalidCursorError` (400) here too. The order item also carries the
 * reservation and the charge (as on DynamoDB), so the inventory and payment adapters change it through `withOrder`.
 */
import { InvalidTransitionError, OrderAlreadyExistsError, OrderNotFoundError } from '../../../domain/errors';
import type { Order } from '../../../domain/order';
import type { ListOrdersQuery, OrderRepository, Page, StatusChange } from '../../../domain/ports';
import { decodeCursor, encodeCursor } from '../../../adapters/aws/order-list-cursor';
import type { LocalDatabase } from '../../emulator/store/database';

export const readOrder = (db: LocalDatabase, orderId: string): Order | undefined => {
  const row = db.get<{ item: string }>('SELECT item FROM orders WHERE order_id = $id', { id: orderId });
  return row ? (JSON.parse(row.item) as Order) : undefined;
};

export const writeOrder = (db: LocalDatabase, order: Order): void => {
  const item = JSON.stringify(order);
  db.run('UPDATE orders SET status = $status, item = $item WHERE order_id = $id', { id: order.orderId, status: order.status, item });
};

/** Runs `work` on the order in one transaction (the local form of a conditional update); `OrderNotFoundError` if none. */
export const withOrder = <T>(db: LocalDatabase, orderId: string, work: (order: Order) => T): T =>
  db.transaction(() => {
    const order = readOrder(db, orderId);
    if (!order) throw new OrderNotFoundError(orderId);
    return work(order);
  });

export class SqliteOrderRepository implements OrderRepository {
  constructor(
    private readonly db: LocalDatabase,
    private readonly now: () => Date,
  ) {}

  async create(order: Order): Promise<void> {
    const { changes } = this.db.run(
      `INSERT INTO orders (order_id, status, created_at, item) VALUES ($id, $status, $createdAt, $item)
       ON CONFLICT (order_id) DO NOTHING`,
      { id: order.orderId, status: order.status, createdAt: order.createdAt, item: JSON.stringify(order) },
    );
    if (changes === 0) throw new OrderAlreadyExistsError(order.orderId);
  }

  async get(orderId: string): Promise<Order | undefined> {
    return readOrder(this.db, orderId);
  }

  async list(query: ListOrdersQuery): Promise<Page<Order>> {
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const rows = this.db.all<{ item: string }>(
      `SELECT item FROM orders
       WHERE ($status IS NULL OR status = $status)
         AND ($afterCreated IS NULL OR (created_at, order_id) < ($afterCreated, $afterId))
       ORDER BY created_at DESC, order_id DESC LIMIT $limit`,
      { status: query.status ?? null, afterCreated: after?.createdAt ?? null, afterId: after?.orderId ?? null, limit: query.limit + 1 },
    );
    const orders = rows.map((r) => JSON.parse(r.item) as Order);
    const items = orders.slice(0, query.limit);
    const last = items.at(-1);
    return orders.length > query.limit && last ? { items, nextCursor: encodeCursor({ createdAt: last.createdAt, orderId: last.orderId }) } : { items };
  }

  async changeStatus(orderId: string, change: StatusChange): Promise<Order> {
    return withOrder(this.db, orderId, (order) => {
      if (order.status === change.status) return order;
      if (!change.from.includes(order.status)) {
        throw new InvalidTransitionError(`Order ${orderId} is ${order.status}; cannot move to ${change.status}`);
      }
      // The change's fields that are set replace the order's; an absent one keeps what the order has.
      const { from: _from, ...fields } = change;
      const set = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<Order>;
      const updated: Order = { ...order, ...set, updatedAt: this.now().toISOString() };
      writeOrder(this.db, updated);
      return updated;
    });
  }

  async setExecutionArn(orderId: string, executionArn: string): Promise<void> {
    withOrder(this.db, orderId, (order) => writeOrder(this.db, { ...order, executionArn }));
  }
}

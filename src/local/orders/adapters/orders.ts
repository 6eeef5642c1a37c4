/**
 * OrderRepository on SQLite: the same conditional status changes as the DynamoDB adapter, and its cursor codec, so a
 * cursor this repository did not issue is an `InvalidCursorError` (400) here too.
 */
import { InvalidTransitionError, OrderAlreadyExistsError } from '../../../domain/errors';
import type { Order } from '../../../domain/order';
import type { ListOrdersQuery, OrderRepository, Page, StatusChange } from '../../../domain/ports';
import { decodeCursor, encodeCursor } from '../../../adapters/aws/order-list-cursor';
import type { LocalDatabase } from '../../emulator/store/database';
import { readOrder, requireOrder, writeOrder } from './order-items';

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
      {
        status: query.status ?? null,
        afterCreated: after?.createdAt ?? null,
        afterId: after?.orderId ?? null,
        limit: query.limit + 1,
      },
    );
    const orders = rows.map((r) => JSON.parse(r.item) as Order);
    const items = orders.slice(0, query.limit);
    const last = items.at(-1);
    return orders.length > query.limit && last ? { items, nextCursor: encodeCursor({ createdAt: last.createdAt, orderId: last.orderId }) } : { items };
  }

  async changeStatus(orderId: string, change: StatusChange): Promise<Order> {
    return this.db.transaction(() => {
      const order = requireOrder(this.db, orderId);
      if (order.status === change.status) return order;
      if (!change.from.includes(order.status)) {
        throw new InvalidTransitionError(`Order ${orderId} is ${order.status}; cannot move to ${change.status}`);
      }
      const { status, executionArn, validationErrors, failure, fulfilment } = change;
      const updated: Order = {
        ...order,
        status,
        updatedAt: this.now().toISOString(),
        ...(executionArn !== undefined ? { executionArn } : {}),
        ...(validationErrors !== undefined ? { validationErrors } : {}),
        ...(failure !== undefined ? { failure } : {}),
        ...(fulfilment !== undefined ? { fulfilment } : {}),
      };
      writeOrder(this.db, updated);
      return updated;
    });
  }

  async setExecutionArn(orderId: string, executionArn: string): Promise<void> {
    this.db.transaction(() => {
      const order = requireOrder(this.db, orderId);
      writeOrder(this.db, { ...order, executionArn });
    });
  }
}

/** Reads and writes the order item, which also carries the reservation and the charge (as on DynamoDB). */
import { OrderNotFoundError } from '../../../domain/errors';
import type { Order } from '../../../domain/order';
import type { LocalDatabase } from '../../emulator/store/database';

export const readOrder = (db: LocalDatabase, orderId: string): Order | undefined => {
  const row = db.get<{ item: string }>('SELECT item FROM orders WHERE order_id = $id', { id: orderId });
  return row ? (JSON.parse(row.item) as Order) : undefined;
};

export const requireOrder = (db: LocalDatabase, orderId: string): Order => {
  const order = readOrder(db, orderId);
  if (!order) throw new OrderNotFoundError(orderId);
  return order;
};

export const writeOrder = (db: LocalDatabase, order: Order): void => {
  db.run('UPDATE orders SET status = $status, item = $item WHERE order_id = $id', {
    id: order.orderId,
    status: order.status,
    item: JSON.stringify(order),
  });
};

/**
 * InventoryRepository on SQLite. A reservation moves stock between the product counters and records itself on
 * the order item, all in one transaction, so every line is reserved or none and the identity
 * initial = available + reserved + sold holds at every commit. Selling completes the order in the same
 * transaction, so sold stock and a COMPLETED order never exist one without the other.
 */
import { InvalidTransitionError, OutOfStockError } from '../../../domain/errors';
import type { Fulfilment, Reservation, ReservationLine } from '../../../domain/order';
import type { InventoryRepository, Product } from '../../../domain/ports';
import type { LocalDatabase } from '../../emulator/store/database';
import { withOrder, writeOrder } from './orders';

const SELECT_PRODUCTS = 'SELECT product_id AS productId, name, unit_price AS unitPrice, available, reserved, sold FROM inventory';
type Counter = 'available' | 'reserved' | 'sold';

/** Lines for the same product count once, with their quantities added. */
const mergeLines = (lines: readonly ReservationLine[]): ReservationLine[] => {
  const totals = new Map<string, number>();
  for (const { productId, quantity } of lines) totals.set(productId, (totals.get(productId) ?? 0) + quantity);
  return [...totals.entries()].map(([productId, quantity]) => ({ productId, quantity }));
};

export class SqliteInventoryRepository implements InventoryRepository {
  constructor(
    private readonly db: LocalDatabase,
    private readonly now: () => Date,
  ) {}

  async getProducts(productIds: readonly string[]): Promise<Map<string, Product>> {
    const ids = JSON.stringify(productIds);
    const products = this.db.all<Product>(`${SELECT_PRODUCTS} WHERE product_id IN (SELECT value FROM json_each($ids))`, { ids });
    return new Map(products.map((product) => [product.productId, product]));
  }

  listProducts(): Product[] {
    return this.db.all<Product>(`${SELECT_PRODUCTS} ORDER BY product_id`);
  }

  async reserve(orderId: string, lines: readonly ReservationLine[]): Promise<Reservation> {
    return withOrder(this.db, orderId, (order) => {
      // Never reserve twice for one order, and never again after a release: compensation has already run.
      if (order.reservation) return order.reservation;
      const merged = mergeLines(lines);
      for (const { productId, quantity } of merged) {
        const available = this.db.get<Product>(`${SELECT_PRODUCTS} WHERE product_id = $id`, { id: productId })?.available ?? 0;
        if (available < quantity) throw new OutOfStockError(productId, quantity, available);
      }
      this.move(merged, 'available', 'reserved');
      const at = this.now().toISOString();
      const reservation: Reservation = { status: 'RESERVED', lines: merged, reservedAt: at, updatedAt: at };
      writeOrder(this.db, { ...order, reservation });
      return reservation;
    });
  }

  async release(orderId: string): Promise<Reservation | undefined> {
    return withOrder(this.db, orderId, (order) => {
      if (order.reservation?.status !== 'RESERVED') return undefined;
      this.move(order.reservation.lines, 'reserved', 'available');
      const reservation: Reservation = { ...order.reservation, status: 'RELEASED', updatedAt: this.now().toISOString() };
      writeOrder(this.db, { ...order, reservation });
      return reservation;
    });
  }

  /** Sells the stock and completes the order in the same transaction (see the port). */
  async commit(orderId: string, fulfilment: Fulfilment): Promise<Reservation> {
    return withOrder(this.db, orderId, (order) => {
      const reservation = order.reservation;
      if (reservation?.status === 'SOLD') return reservation;
      if (reservation?.status !== 'RESERVED') {
        throw new InvalidTransitionError(`Order ${orderId} holds no reservation to commit (${reservation?.status ?? 'none'})`);
      }
      if (order.status !== 'PROCESSING') {
        throw new InvalidTransitionError(`Order ${orderId} is ${order.status}; only a PROCESSING order can complete`);
      }
      this.move(reservation.lines, 'reserved', 'sold');
      const updatedAt = this.now().toISOString();
      const sold: Reservation = { ...reservation, status: 'SOLD', updatedAt };
      writeOrder(this.db, { ...order, status: 'COMPLETED', fulfilment, updatedAt, reservation: sold });
      return sold;
    });
  }

  private move(lines: readonly ReservationLine[], from: Counter, to: Counter): void {
    for (const { productId, quantity } of lines) {
      this.db.run(`UPDATE inventory SET ${from} = ${from} - $q, ${to} = ${to} + $q WHERE product_id = $id`, { id: productId, q: quantity });
    }
  }
}

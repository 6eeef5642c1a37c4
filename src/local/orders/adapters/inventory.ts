/**
 * InventoryRepository on SQLite. A reservation moves stock between the product counters and records itself on
 * the order item, all in one transaction, so every line is reserved or none and the identity
 * initial = available + reserved + sold holds at every commit. Selling completes the order in the same
 * transaction, so sold stock and a COMPLETED order never exist one without the other.
 */
import { InvalidTransitionError, OutOfStockError } from '../../../domain/errors';
import type { Fulfilment, Order, Reservation, ReservationLine } from '../../../domain/order';
import type { InventoryRepository, Product } from '../../../domain/ports';
import type { LocalDatabase } from '../../emulator/store/database';
import { requireOrder, writeOrder } from './order-items';

interface ProductRow {
  product_id: string;
  name: string;
  unit_price: number;
  available: number;
  reserved: number;
  sold: number;
}

const toProduct = (row: ProductRow): Product => ({
  productId: row.product_id,
  name: row.name,
  unitPrice: row.unit_price,
  available: row.available,
  reserved: row.reserved,
  sold: row.sold,
});

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
    const products = new Map<string, Product>();
    for (const id of new Set(productIds)) {
      const row = this.db.get<ProductRow>('SELECT * FROM inventory WHERE product_id = $id', { id });
      if (row) products.set(id, toProduct(row));
    }
    return products;
  }

  listProducts(): Product[] {
    return this.db.all<ProductRow>('SELECT * FROM inventory ORDER BY product_id').map(toProduct);
  }

  async reserve(orderId: string, lines: readonly ReservationLine[]): Promise<Reservation> {
    return this.db.transaction(() => {
      const order = requireOrder(this.db, orderId);
      // Never reserve twice for one order, and never again after a release: compensation has already run.
      if (order.reservation) return order.reservation;
      const merged = mergeLines(lines);
      for (const line of merged) {
        const row = this.db.get<ProductRow>('SELECT * FROM inventory WHERE product_id = $id', { id: line.productId });
        const available = row?.available ?? 0;
        if (available < line.quantity) throw new OutOfStockError(line.productId, line.quantity, available);
        this.db.run('UPDATE inventory SET available = available - $q, reserved = reserved + $q WHERE product_id = $id', {
          id: line.productId,
          q: line.quantity,
        });
      }
      const at = this.now().toISOString();
      const reservation: Reservation = { status: 'RESERVED', lines: merged, reservedAt: at, updatedAt: at };
      writeOrder(this.db, { ...order, reservation });
      return reservation;
    });
  }

  async release(orderId: string): Promise<Reservation | undefined> {
    return this.db.transaction(() => {
      const order = requireOrder(this.db, orderId);
      if (order.reservation?.status !== 'RESERVED') return undefined;
      for (const line of order.reservation.lines) {
        this.db.run('UPDATE inventory SET available = available + $q, reserved = reserved - $q WHERE product_id = $id', {
          id: line.productId,
          q: line.quantity,
        });
      }
      return this.setStatus(order, 'RELEASED');
    });
  }

  /** Sells the stock and completes the order in the same transaction (see the port). */
  async commit(orderId: string, fulfilment: Fulfilment): Promise<Reservation> {
    return this.db.transaction(() => {
      const order = requireOrder(this.db, orderId);
      const reservation = order.reservation;
      if (reservation?.status === 'SOLD') return reservation;
      if (reservation?.status !== 'RESERVED') {
        throw new InvalidTransitionError(`Order ${orderId} holds no reservation to commit (${reservation?.status ?? 'none'})`);
      }
      if (order.status !== 'PROCESSING') {
        throw new InvalidTransitionError(`Order ${orderId} is ${order.status}; only a PROCESSING order can complete`);
      }
      for (const line of reservation.lines) {
        this.db.run('UPDATE inventory SET reserved = reserved - $q, sold = sold + $q WHERE product_id = $id', {
          id: line.productId,
          q: line.quantity,
        });
      }
      const updatedAt = this.now().toISOString();
      const sold: Reservation = { ...reservation, status: 'SOLD', updatedAt };
      writeOrder(this.db, { ...order, status: 'COMPLETED', fulfilment, updatedAt, reservation: sold });
      return sold;
    });
  }

  private setStatus(order: Order, status: Reservation['status']): Reservation {
    const reservation = { ...(order.reservation as Reservation), status, updatedAt: this.now().toISOString() };
    writeOrder(this.db, { ...order, reservation });
    return reservation;
  }
}

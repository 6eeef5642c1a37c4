/**
 * The books: no order charged twice, a failed or rejected order keeps no money and no stock, a completed
 * order was paid exactly its amount once and its stock was sold. Amounts are compared in integer cents.
 */
import { toCents } from '../domain/order';
import { InvariantBuilder, type InvariantResult } from './invariant-result';
import type { LedgerEvent, SnapshotOrder, SystemSnapshot } from './snapshot';

export interface OrderBooks {
  charges: LedgerEvent[];
  refunds: LedgerEvent[];
  /** Charged minus refunded, in cents. */
  netCents: number;
}

export const booksByOrder = (ledger: readonly LedgerEvent[]): Map<string, OrderBooks> => {
  const books = new Map<string, OrderBooks>();
  for (const e of ledger) {
    const b = books.get(e.orderId) ?? { charges: [], refunds: [], netCents: 0 };
    if (e.type === 'CHARGE') {
      b.charges.push(e);
      b.netCents += toCents(e.amount);
    } else {
      b.refunds.push(e);
      b.netCents -= toCents(e.amount);
    }
    books.set(e.orderId, b);
  }
  return books;
};

const EMPTY: OrderBooks = { charges: [], refunds: [], netCents: 0 };

export const checkAtMostOneCharge = (s: SystemSnapshot): InvariantResult => {
  const books = booksByOrder(s.ledger);
  const orders = new Map(s.orders.map((o) => [o.orderId, o]));
  const check = new InvariantBuilder(
    'at-most-one-charge',
    'The payments ledger holds at most one charge per order, every refund undoes that charge, and each order item agrees with the ledger.',
    ['ledgerEvents', 'charges', 'refunds', 'ordersCharged'],
  );
  check.set('ledgerEvents', s.ledger.length);
  for (const [orderId, b] of books) {
    check.count('charges', b.charges.length).count('refunds', b.refunds.length).count('ordersCharged', b.charges.length > 0 ? 1 : 0);
    if (!orders.has(orderId)) check.violate({ orderId, message: 'ledger events for an order that does not exist' });
    if (b.charges.length > 1) check.violate({ orderId, message: `charged ${b.charges.length} times (${b.charges.map((c) => c.paymentId).join(', ')})` });
    if (b.refunds.length > b.charges.length) check.violate({ orderId, message: `${b.refunds.length} refund(s) for ${b.charges.length} charge(s)` });
    for (const r of b.refunds) {
      const charge = b.charges.find((c) => c.paymentId === r.paymentId);
      if (!charge) check.violate({ orderId, message: `refund of ${r.paymentId}, which was never charged` });
      else if (toCents(charge.amount) !== toCents(r.amount)) check.violate({ orderId, message: `refund of ${r.amount} for a charge of ${charge.amount}` });
    }
  }
  for (const o of s.orders) agreesWithLedger(o, books.get(o.orderId) ?? EMPTY, check);
  return check.result();
};

/** The charge recorded on the order item is the ledger's, in the same state. */
const agreesWithLedger = (o: SnapshotOrder, b: OrderBooks, check: InvariantBuilder): void => {
  const charge = b.charges[0];
  if (!o.charge) {
    if (charge) check.violate({ orderId: o.orderId, message: `ledger has charge ${charge.paymentId} but the order item has none` });
    return;
  }
  if (!charge || charge.paymentId !== o.charge.paymentId) {
    check.violate({ orderId: o.orderId, message: `order item holds charge ${o.charge.paymentId}, which the ledger does not have` });
    return;
  }
  const refunded = b.refunds.some((r) => r.paymentId === o.charge?.paymentId);
  if (refunded !== (o.charge.status === 'REFUNDED')) {
    check.violate({ orderId: o.orderId, message: `order item says ${o.charge.status} but the ledger ${refunded ? 'has' : 'has no'} refund` });
  }
};

export const checkFailedOrdersHoldNothing = (s: SystemSnapshot): InvariantResult => {
  const check = new InvariantBuilder(
    'failed-orders-hold-nothing',
    'A FAILED or REJECTED order has nothing left charged (no charge, or its charge refunded) and nothing reserved (no reservation, or released).',
    ['failed', 'rejected', 'chargedThenRefunded', 'reservedThenReleased'],
  );
  const books = booksByOrder(s.ledger);
  for (const o of s.orders) {
    if (o.status !== 'FAILED' && o.status !== 'REJECTED') continue;
    check.count(o.status === 'FAILED' ? 'failed' : 'rejected');
    const b = books.get(o.orderId) ?? EMPTY;
    if (b.charges.length > 0 && b.netCents === 0) check.count('chargedThenRefunded');
    if (b.netCents !== 0) check.violate({ orderId: o.orderId, message: `${o.status} but ${(b.netCents / 100).toFixed(2)} ${o.currency} still charged` });
    if (o.charge?.status === 'CHARGED') check.violate({ orderId: o.orderId, message: `${o.status} but its charge ${o.charge.paymentId} is not refunded` });
    const reservation = o.reservation?.status;
    if (reservation === 'RELEASED') check.count('reservedThenReleased');
    if (reservation === 'RESERVED' || reservation === 'SOLD') check.violate({ orderId: o.orderId, message: `${o.status} but its stock is ${reservation}` });
  }
  return check.result();
};

/** Lines per product with quantities added, as a reservation records them. */
export const mergedLines = (items: readonly { productId: string; quantity: number }[]): Map<string, number> => {
  const lines = new Map<string, number>();
  for (const { productId, quantity } of items) lines.set(productId, (lines.get(productId) ?? 0) + quantity);
  return lines;
};

const sameLines = (a: Map<string, number>, b: Map<string, number>): boolean => a.size === b.size && [...a].every(([p, q]) => b.get(p) === q);

export const checkCompletedOrdersPaidAndSold = (s: SystemSnapshot): InvariantResult => {
  const check = new InvariantBuilder(
    'completed-orders-paid-and-sold',
    'A COMPLETED order has exactly one unrefunded charge equal to its amount, and its stock (every line) is sold.',
    ['completed', 'chargedCents', 'unitsSold'],
  );
  const books = booksByOrder(s.ledger);
  for (const o of s.orders) {
    if (o.status !== 'COMPLETED') continue;
    check.count('completed');
    const b = books.get(o.orderId) ?? EMPTY;
    const charge = b.charges[0];
    if (b.charges.length !== 1 || !charge) check.violate({ orderId: o.orderId, message: `COMPLETED with ${b.charges.length} charges` });
    else {
      check.count('chargedCents', toCents(charge.amount));
      if (toCents(charge.amount) !== toCents(o.amount) || charge.currency !== o.currency) {
        check.violate({ orderId: o.orderId, message: `charged ${charge.amount} ${charge.currency} for an order of ${o.amount} ${o.currency}` });
      }
    }
    if (b.refunds.length > 0 || o.charge?.status !== 'CHARGED') {
      check.violate({ orderId: o.orderId, message: `COMPLETED but its charge is ${o.charge?.status ?? 'missing'} (${b.refunds.length} refund(s) in the ledger)` });
    }
    if (o.reservation?.status !== 'SOLD') check.violate({ orderId: o.orderId, message: `COMPLETED but its stock is ${o.reservation?.status ?? 'not reserved'}` });
    else if (!sameLines(mergedLines(o.reservation.lines), mergedLines(o.items))) check.violate({ orderId: o.orderId, message: 'sold lines differ from the ordered items' });
    else check.count('unitsSold', o.reservation.lines.reduce((n, l) => n + l.quantity, 0));
  }
  return check.result();
};

/**
 * Issue 6's guarantees as checks over a snapshot of the local stack (see snapshot.ts for how it is read):
 * 1. terminal-states: every order is COMPLETED, REJECTED or FAILED and no execution still runs;
 * 2. payment-messages-accounted: no payment message lost (payment-message-invariant.ts defines it precisely);
 * 3. at-most-one-charge: no order charged twice;
 * 4. failed-orders-hold-nothing: a FAILED/REJECTED order keeps no money and no stock;
 * 5. completed-orders-paid-and-sold: a COMPLETED order paid its amount once and its stock is sold;
 * 6. inventory-identity: per product, initial = available + reserved + sold, available >= 0, and the counters
 *    match what the orders hold;
 * 7. one-order-per-request (when the requests are known): a retried POST with an Idempotency-Key got the same
 *    order back, and the store holds exactly the orders that the API accepted, each with one execution.
 * Each check returns its counts and the offending order ids; nothing here throws on a violation.
 */
import catalogue from '../../data/catalogue.json';
import { TERMINAL_STATUSES } from '../domain/order';
import { InvariantBuilder, type InvariantResult } from './invariant-result';
import { checkAtMostOneCharge, checkCompletedOrdersPaidAndSold, checkFailedOrdersHoldNothing, mergedLines } from './money-invariants';
import { checkPaymentMessages } from './payment-message-invariant';
import type { Baseline, SnapshotProduct, SystemSnapshot } from './snapshot';

export type { InvariantResult } from './invariant-result';

/** One `POST /orders` that the API accepted (202). */
export interface AcceptedRequest {
  orderId: string;
  idempotencyKey?: string;
}

export interface CheckOptions {
  /** The inventory and orders before the run; default: the committed catalogue on an empty store. */
  baseline?: Baseline;
  /** Every accepted request, replays included: enables one-order-per-request. */
  accepted?: readonly AcceptedRequest[];
  /**
   * Requests that only ever got a 5xx (faults in CreateOrder): each may have stored an order its client never
   * learnt about, so up to this many such orders are expected rather than duplicates.
   */
  unansweredRequests?: number;
  /** Ids of poison messages the run put on the payment queue. */
  poisonMessageIds?: readonly string[];
}

export interface InvariantReport {
  ok: boolean;
  orders: number;
  invariants: InvariantResult[];
}

export const checkInvariants = (snapshot: SystemSnapshot, options: CheckOptions = {}): InvariantReport => {
  const invariants = [
    checkTerminalStates(snapshot),
    checkPaymentMessages(snapshot, options.poisonMessageIds),
    checkAtMostOneCharge(snapshot),
    checkFailedOrdersHoldNothing(snapshot),
    checkCompletedOrdersPaidAndSold(snapshot),
    checkInventoryIdentity(snapshot, options.baseline ?? catalogueBaseline()),
    ...(options.accepted ? [checkOneOrderPerRequest(snapshot, options.accepted, options.baseline, options.unansweredRequests)] : []),
  ];
  return { ok: invariants.every((i) => i.ok), orders: snapshot.orders.length, invariants };
};

export const checkTerminalStates = (s: SystemSnapshot): InvariantResult => {
  const check = new InvariantBuilder('terminal-states', 'Every order reached COMPLETED, REJECTED or FAILED, and no execution is still running.', [
    'orders',
    ...TERMINAL_STATUSES,
    'notTerminal',
    'executionsRunning',
  ]);
  for (const o of s.orders) {
    check.count('orders');
    const execution = s.executions.get(o.orderId);
    if (execution?.status === 'RUNNING') check.count('executionsRunning').violate({ orderId: o.orderId, message: 'execution still RUNNING' });
    if (TERMINAL_STATUSES.includes(o.status)) {
      check.count(o.status);
      continue;
    }
    const how = execution ? `execution ${execution.status}${execution.error ? ` with ${execution.error}` : ''}` : 'no execution';
    check.count('notTerminal').violate({ orderId: o.orderId, message: `order is ${o.status} (${how})` });
  }
  return check.result();
};

const catalogueBaseline = (): Baseline => ({
  products: catalogue.map((p) => ({ productId: p.productId, available: p.stock, reserved: 0, sold: 0 })),
  orderIds: new Set(),
});

const total = (p: SnapshotProduct): number => p.available + p.reserved + p.sold;

export const checkInventoryIdentity = (s: SystemSnapshot, baseline: Baseline): InvariantResult => {
  const check = new InvariantBuilder(
    'inventory-identity',
    'Per product: initial = available + reserved + sold, available >= 0, and reserved/sold equal what the orders hold.',
    ['products', 'unitsReserved', 'unitsSoldInRun', 'oversold'],
  );
  const before = new Map(baseline.products.map((p) => [p.productId, p]));
  const held = { RESERVED: new Map<string, number>(), SOLD: new Map<string, number>() };
  for (const o of s.orders) {
    const status = o.reservation?.status;
    if (status !== 'RESERVED' && status !== 'SOLD') continue;
    if (status === 'SOLD' && baseline.orderIds.has(o.orderId)) continue;
    for (const [productId, q] of mergedLines(o.reservation?.lines ?? [])) held[status].set(productId, (held[status].get(productId) ?? 0) + q);
  }
  for (const p of s.products) {
    check.count('products').count('unitsReserved', p.reserved);
    const initial = before.get(p.productId);
    const soldInRun = p.sold - (initial?.sold ?? 0);
    check.count('unitsSoldInRun', soldInRun);
    const v = (message: string): void => void check.violate({ productId: p.productId, message });
    if (!initial) v('product not in the baseline');
    else if (total(p) !== total(initial)) v(`initial ${total(initial)} ≠ available ${p.available} + reserved ${p.reserved} + sold ${p.sold}`);
    if (p.available < 0) {
      check.count('oversold');
      v(`available is ${p.available}: oversold`);
    }
    if (p.reserved < 0) v(`reserved is ${p.reserved}`);
    if (p.reserved !== (held.RESERVED.get(p.productId) ?? 0)) v(`reserved is ${p.reserved} but orders hold ${held.RESERVED.get(p.productId) ?? 0} reserved`);
    if (soldInRun !== (held.SOLD.get(p.productId) ?? 0)) v(`${soldInRun} sold in the run but orders hold ${held.SOLD.get(p.productId) ?? 0} sold`);
  }
  return check.result();
};

export const checkOneOrderPerRequest = (s: SystemSnapshot, accepted: readonly AcceptedRequest[], baseline?: Baseline, unansweredRequests = 0): InvariantResult => {
  const check = new InvariantBuilder(
    'one-order-per-request',
    'A POST repeated with the same Idempotency-Key got the same order; the store holds exactly the accepted orders, each with one execution.',
    ['acceptedResponses', 'replays', 'distinctOrders', 'executions'],
  );
  const byKey = new Map<string, string>();
  const ids = new Set<string>();
  for (const a of accepted) {
    check.count('acceptedResponses');
    ids.add(a.orderId);
    if (!a.idempotencyKey) continue;
    const first = byKey.get(a.idempotencyKey);
    if (first === undefined) byKey.set(a.idempotencyKey, a.orderId);
    else if (first !== a.orderId) check.violate({ orderId: a.orderId, message: `Idempotency-Key ${a.idempotencyKey} answered with ${first} and then ${a.orderId}` });
    else check.count('replays');
  }
  check.set('distinctOrders', ids.size);
  const stored = new Set(s.orders.map((o) => o.orderId).filter((id) => !baseline?.orderIds.has(id)));
  for (const id of ids) if (!stored.has(id)) check.violate({ orderId: id, message: 'accepted (202) but not in GET /orders' });
  const unseen = [...stored].filter((id) => !ids.has(id));
  check.set('ordersOfUnansweredRequests', Math.min(unseen.length, unansweredRequests));
  if (unseen.length > unansweredRequests) {
    for (const id of unseen) check.violate({ orderId: id, message: `in the store but never returned to a client (${unseen.length} such orders, ${unansweredRequests} unanswered requests): a duplicate?` });
  }
  for (const id of stored) {
    const execution = s.executions.get(id);
    if (execution) check.count('executions');
    else check.violate({ orderId: id, message: 'order has no execution' });
  }
  return check.result();
};

/**
 * The invariants checker on hand-made snapshots: a consistent system passes, and each kind of damage that issue 6
 * guards against is caught by the invariant meant for it, naming the order, product or message. A green chaos
 * run is only worth something if these fail when they should.
 */
import { checkInvariants, type CheckOptions } from '../../src/chaos/invariants';
import type { HistoryEvent, SnapshotExecution, SnapshotOrder, SystemSnapshot } from '../../src/chaos/snapshot';

const item = (productId: string, quantity: number, unitPrice: number) => ({ productId, quantity, unitPrice });

const paymentEvents = (outcome: 'TaskSucceeded' | 'TaskFailed' | 'TaskCancelled' | 'TaskTimedOut', messageId: string, paymentId?: string): HistoryEvent[] => [
  { type: 'StateEntered', stateName: 'ProcessPayment' },
  { type: 'TaskSubmitted', stateName: 'ProcessPayment', messageId },
  { type: outcome, stateName: 'ProcessPayment', ...(paymentId ? { output: { paymentId } } : {}) },
];

const execution = (name: string, events: HistoryEvent[], status = 'SUCCEEDED'): SnapshotExecution => ({ executionArn: `arn:${name}`, name, status, events });

/** Three orders that went well: one completed, one declined, one out of stock after a late charge was refunded. */
const consistent = (): SystemSnapshot => {
  const orders: SnapshotOrder[] = [
    {
      orderId: 'done',
      status: 'COMPLETED',
      amount: 39.98,
      currency: 'USD',
      items: [item('widget-blue', 2, 19.99)],
      charge: { paymentId: 'pay_1', amount: 39.98, currency: 'USD', status: 'CHARGED' },
      reservation: { status: 'SOLD', lines: [{ productId: 'widget-blue', quantity: 2 }] },
    },
    {
      orderId: 'declined',
      status: 'FAILED',
      amount: 24.5,
      currency: 'USD',
      items: [item('widget-red', 1, 24.5)],
      reservation: { status: 'RELEASED', lines: [{ productId: 'widget-red', quantity: 1 }] },
    },
    {
      orderId: 'late',
      status: 'FAILED',
      amount: 59,
      currency: 'USD',
      items: [item('sold-out-lamp', 1, 59)],
      charge: { paymentId: 'pay_2', amount: 59, currency: 'USD', status: 'REFUNDED' },
    },
  ];
  return {
    orders,
    products: [
      { productId: 'widget-blue', available: 498, reserved: 0, sold: 2 },
      { productId: 'widget-red', available: 250, reserved: 0, sold: 0 },
      { productId: 'sold-out-lamp', available: 0, reserved: 0, sold: 0 },
    ],
    ledger: [
      { orderId: 'done', type: 'CHARGE', paymentId: 'pay_1', amount: 39.98, currency: 'USD' },
      { orderId: 'late', type: 'CHARGE', paymentId: 'pay_2', amount: 59, currency: 'USD' },
      { orderId: 'late', type: 'REFUND', paymentId: 'pay_2', amount: 59, currency: 'USD' },
    ],
    paymentQueue: { name: 'payments', depth: 0, inFlight: 0, delayed: 0, messages: [] },
    deadLetterQueue: { name: 'payments-dlq', depth: 1, inFlight: 0, delayed: 0, messages: [{ messageId: 'poison-1', body: 'not json', receiveCount: 5 }] },
    executions: new Map([
      ['done', execution('done', paymentEvents('TaskSucceeded', 'm1', 'pay_1'))],
      ['declined', execution('declined', paymentEvents('TaskFailed', 'm2'), 'FAILED')],
      ['late', execution('late', paymentEvents('TaskCancelled', 'm3'), 'FAILED')],
    ]),
    pendingTaskTokens: 0,
  };
};

const baseline = {
  products: [
    { productId: 'widget-blue', available: 500, reserved: 0, sold: 0 },
    { productId: 'widget-red', available: 250, reserved: 0, sold: 0 },
    { productId: 'sold-out-lamp', available: 0, reserved: 0, sold: 0 },
  ],
  orderIds: new Set<string>(),
};

const options = (extra: Partial<CheckOptions> = {}): CheckOptions => ({
  baseline,
  accepted: [{ orderId: 'done', idempotencyKey: 'k1' }, { orderId: 'done', idempotencyKey: 'k1' }, { orderId: 'declined' }, { orderId: 'late' }],
  poisonMessageIds: ['poison-1'],
  ...extra,
});

/** Which invariants fail, with the ids they name. */
const broken = (s: SystemSnapshot, o: CheckOptions = options()) =>
  Object.fromEntries(
    checkInvariants(s, o)
      .invariants.filter((i) => !i.ok)
      .map((i) => [i.name, i.violations.map((v) => v.orderId ?? v.productId ?? v.messageId)]),
  );

const order = (s: SystemSnapshot, id: string): SnapshotOrder => s.orders.find((o) => o.orderId === id)!;

describe('checkInvariants', () => {
  test('a consistent system passes every invariant, with counts that say what was covered', () => {
    const report = checkInvariants(consistent(), options());

    expect(report.ok).toBe(true);
    expect(report.invariants.map((i) => i.name)).toEqual([
      'terminal-states',
      'payment-messages-accounted',
      'at-most-one-charge',
      'failed-orders-hold-nothing',
      'completed-orders-paid-and-sold',
      'inventory-identity',
      'one-order-per-request',
    ]);
    expect(report.invariants.find((i) => i.name === 'payment-messages-accounted')?.counts).toMatchObject({ answeredSuccess: 1, answeredFailure: 1, cancelled: 1, poisonDeadLettered: 1 });
    expect(report.invariants.find((i) => i.name === 'one-order-per-request')?.counts).toMatchObject({ replays: 1, distinctOrders: 3 });
  });

  test('an order left PROCESSING (compensation failed) breaks terminal-states', () => {
    const s = consistent();
    order(s, 'declined').status = 'PROCESSING';

    expect(broken(s)).toMatchObject({ 'terminal-states': ['declined'] });
  });

  test('a second charge for one order breaks at-most-one-charge', () => {
    const s = consistent();
    s.ledger.push({ orderId: 'done', type: 'CHARGE', paymentId: 'pay_3', amount: 39.98, currency: 'USD' });

    expect(broken(s)).toMatchObject({ 'at-most-one-charge': ['done'], 'completed-orders-paid-and-sold': ['done'] });
  });

  test('a failed order that keeps its charge or its stock breaks failed-orders-hold-nothing', () => {
    const s = consistent();
    s.ledger.pop();
    order(s, 'late').charge!.status = 'CHARGED';
    order(s, 'declined').reservation!.status = 'RESERVED';
    s.products[1] = { productId: 'widget-red', available: 249, reserved: 1, sold: 0 };

    expect(broken(s)).toEqual({ 'failed-orders-hold-nothing': ['declined', 'late', 'late'] });
  });

  test('a completed order whose charge was refunded breaks completed-orders-paid-and-sold', () => {
    const s = consistent();
    s.ledger.push({ orderId: 'done', type: 'REFUND', paymentId: 'pay_1', amount: 39.98, currency: 'USD' });
    order(s, 'done').charge!.status = 'REFUNDED';

    expect(broken(s)).toEqual({ 'completed-orders-paid-and-sold': ['done'] });
  });

  test('oversold or unbalanced stock breaks inventory-identity', () => {
    const s = consistent();
    // The identity still adds up (-1 + 0 + 501 = 500): oversold, and more sold than the orders hold.
    s.products[0] = { productId: 'widget-blue', available: -1, reserved: 0, sold: 501 };
    s.products[1] = { productId: 'widget-red', available: 250, reserved: 0, sold: 1 };

    expect(broken(s)).toEqual({ 'inventory-identity': ['widget-blue', 'widget-blue', 'widget-red', 'widget-red'] });
  });

  test('a payment message still queued, or a task never closed, breaks payment-messages-accounted', () => {
    const s = consistent();
    s.paymentQueue.messages.push({ messageId: 'm2', body: '{"orderId":"declined"}', receiveCount: 2 });
    s.executions.get('late')!.events.pop();

    expect(broken(s)).toEqual({ 'payment-messages-accounted': ['declined', 'late'] });
  });

  test('a poison message that is not in the DLQ breaks payment-messages-accounted', () => {
    const s = consistent();
    s.deadLetterQueue.messages = [];

    expect(broken(s)).toEqual({ 'payment-messages-accounted': ['poison-1'] });
  });

  test('an answer naming a charge the ledger does not have breaks payment-messages-accounted', () => {
    const s = consistent();
    s.executions.set('done', execution('done', paymentEvents('TaskSucceeded', 'm1', 'pay_other')));

    expect(broken(s)).toEqual({ 'payment-messages-accounted': ['done'] });
  });

  test('a retried POST that created a second order breaks one-order-per-request', () => {
    const s = consistent();
    const dup = { ...order(s, 'declined'), orderId: 'dup' };
    s.orders.push(dup);
    s.executions.set('dup', execution('dup', []));

    expect(broken(s, options({ accepted: [...options().accepted!, { orderId: 'dup', idempotencyKey: 'k1' }] }))).toEqual({ 'one-order-per-request': ['dup'] });
    expect(broken(s)).toEqual({ 'one-order-per-request': ['dup'] });
    // Unless a request never got an answer (faults in CreateOrder): its order may exist unseen.
    expect(broken(s, options({ unansweredRequests: 1 }))).toEqual({});
  });
});

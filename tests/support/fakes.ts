/**
 * In-memory fakes of every port in src/domain/ports.ts. Each one passes the same contract suites as the AWS and
 * SQLite adapters (tests/contracts/, docs/contracts.md): a fake kinder than DynamoDB would let a handler test
 * prove behaviour the deployed stack does not have. Like the real adapters, the reservation and the charge live on
 * the stored order, and every read hands out a copy, as a database would, so a handler that mutates what it read
 * cannot change what is stored.
 */
import type { Context } from 'aws-lambda';
import type { AppDeps } from '../../src/app/deps';
import { decodeCursor, encodeCursor, newestFirst } from '../../src/adapters/aws/order-list-cursor';
import { toSnsSubject } from '../../src/adapters/aws/sns-subject';
import {
  ExecutionAlreadyExistsError,
  InvalidTransitionError,
  OrderAlreadyExistsError,
  OrderNotFoundError,
  OutOfStockError,
  TaskNoLongerActiveError,
} from '../../src/domain/errors';
import type { Charge, Fulfilment, Order, Reservation, ReservationLine } from '../../src/domain/order';
import type {
  ChargeRequest,
  ExecutionHistory,
  IdempotencyRecord,
  IdempotencyStore,
  InventoryRepository,
  ListOrdersQuery,
  Notification,
  Notifier,
  OrderRepository,
  Page,
  PaymentLedger,
  Product,
  StatusChange,
  TaskCallbacks,
  WorkflowStarter,
} from '../../src/domain/ports';
import catalogue from '../../data/catalogue.json';

const copy = <T>(value: T): T => structuredClone(value);

/** A clock that only moves when told to, so timestamps in assertions are exact. */
export class FakeClock {
  private current: Date;
  constructor(start = '2026-05-25T09:00:00.000Z') {
    this.current = new Date(start);
  }
  readonly now = (): Date => new Date(this.current.getTime());
  advance(milliseconds: number): void {
    this.current = new Date(this.current.getTime() + milliseconds);
  }
}

/** `order-0001`, `order-0002`, … */
const sequentialIds = (prefix = 'order'): (() => string) => {
  let next = 0;
  return () => `${prefix}-${String(++next).padStart(4, '0')}`;
};

export class FakeOrderRepository implements OrderRepository {
  private readonly orders = new Map<string, Order>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** Like a conditional put (`attribute_not_exists(orderId)`): an order id is stored once. */
  async create(order: Order): Promise<void> {
    if (this.orders.has(order.orderId)) throw new OrderAlreadyExistsError(order.orderId);
    this.orders.set(order.orderId, copy(order));
  }

  async get(orderId: string): Promise<Order | undefined> {
    const order = this.orders.get(orderId);
    return order && copy(order);
  }

  /** Newest first, with the adapters' own cursor: a position, so orders created between pages shift nothing. */
  async list({ status, limit, cursor }: ListOrdersQuery): Promise<Page<Order>> {
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    const matching = [...this.orders.values()]
      .filter((order) => status === undefined || order.status === status)
      .filter((order) => after === undefined || newestFirst(after, order) < 0)
      .sort(newestFirst);
    const items = matching.slice(0, limit).map(copy);
    const last = items.at(-1);
    return matching.length > limit && last ? { items, nextCursor: encodeCursor({ createdAt: last.createdAt, orderId: last.orderId }) } : { items };
  }

  async changeStatus(orderId: string, change: StatusChange): Promise<Order> {
    const order = this.stored(orderId);
    if (order.status === change.status) return copy(order);
    if (!change.from.includes(order.status)) {
      throw new InvalidTransitionError(`Order ${orderId} cannot go from ${order.status} to ${change.status}`);
    }
    const { from: _from, ...fields } = change;
    const present = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
    Object.assign(order, copy(present), { updatedAt: this.now().toISOString() });
    return copy(order);
  }

  async setExecutionArn(orderId: string, executionArn: string): Promise<void> {
    this.stored(orderId).executionArn = executionArn;
  }

  /**
   * The stored order itself (not a copy), for the other fakes that keep their state on it as the adapters keep
   * theirs on the order item; synchronous, so a change made through it is one atomic step. `OrderNotFoundError`
   * for an unknown order.
   */
  stored(orderId: string): Order {
    const order = this.orders.get(orderId);
    if (!order) throw new OrderNotFoundError(orderId);
    return order;
  }

  /** Test helper: every stored order, in insertion order. */
  all(): Order[] {
    return [...this.orders.values()].map(copy);
  }
}

export class FakeIdempotencyStore implements IdempotencyStore {
  readonly records = new Map<string, IdempotencyRecord>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** First claim wins; from its `expiresAt` second on a record no longer counts (DynamoDB's condition ignores it). */
  async claim(record: IdempotencyRecord): Promise<IdempotencyRecord | undefined> {
    const earlier = this.records.get(record.key);
    if (earlier && earlier.expiresAt > Math.floor(this.now().getTime() / 1000)) return copy(earlier);
    this.records.set(record.key, copy(record));
    return undefined;
  }
}

/** The catalogue as inventory rows: all stock available. */
export const catalogueProducts = (): Product[] =>
  catalogue.map(({ productId, name, unitPrice, stock }) => ({ productId, name, unitPrice, available: stock, reserved: 0, sold: 0 }));

/** Lines for one product become one line, in order of first appearance (as the adapters store them). */
const mergeLines = (lines: readonly ReservationLine[]): ReservationLine[] => {
  const totals = new Map<string, number>();
  for (const { productId, quantity } of lines) totals.set(productId, (totals.get(productId) ?? 0) + quantity);
  return [...totals].map(([productId, quantity]) => ({ productId, quantity }));
};

export class FakeInventoryRepository implements InventoryRepository {
  private readonly products = new Map<string, Product>();
  /** Stock each product started with: available + reserved + sold must always equal it. */
  private readonly initial = new Map<string, number>();

  /** `orders` holds the reservations (on the order, as in the adapters); only `getProducts` works without it. */
  constructor(
    products: readonly Product[] = catalogueProducts(),
    private readonly now: () => Date = () => new Date(),
    private readonly orders?: FakeOrderRepository,
  ) {
    for (const product of products) {
      this.products.set(product.productId, copy(product));
      this.initial.set(product.productId, product.available + product.reserved + product.sold);
    }
  }

  async getProducts(productIds: readonly string[]): Promise<Map<string, Product>> {
    const found = new Map<string, Product>();
    for (const id of productIds) {
      const product = this.products.get(id);
      if (product) found.set(id, copy(product));
    }
    return found;
  }

  async reserve(orderId: string, lines: readonly ReservationLine[]): Promise<Reservation> {
    const order = this.order(orderId);
    if (order.reservation) return copy(order.reservation);
    const merged = mergeLines(lines);
    for (const { productId, quantity } of merged) {
      const available = this.products.get(productId)?.available ?? 0;
      if (available < quantity) throw new OutOfStockError(productId, quantity, available);
    }
    for (const { productId, quantity } of merged) this.move(productId, quantity, 'available', 'reserved');
    const timestamp = this.now().toISOString();
    order.reservation = { status: 'RESERVED', lines: merged, reservedAt: timestamp, updatedAt: timestamp };
    return copy(order.reservation);
  }

  async release(orderId: string): Promise<Reservation | undefined> {
    const reservation = this.order(orderId).reservation;
    if (reservation?.status !== 'RESERVED') return undefined;
    for (const { productId, quantity } of reservation.lines) this.move(productId, quantity, 'reserved', 'available');
    Object.assign(reservation, { status: 'RELEASED', updatedAt: this.now().toISOString() });
    return copy(reservation);
  }

  /** Sells and completes in one synchronous step, with no `await` between, as the adapters do in one write. */
  async commit(orderId: string, fulfilment: Fulfilment): Promise<Reservation> {
    const order = this.order(orderId);
    const reservation = order.reservation;
    if (reservation?.status === 'SOLD') return copy(reservation);
    if (reservation?.status !== 'RESERVED') throw new InvalidTransitionError(`Order ${orderId} holds no reservation to commit`);
    if (order.status !== 'PROCESSING') throw new InvalidTransitionError(`Order ${orderId} is ${order.status}; only a PROCESSING order can complete`);
    const updatedAt = this.now().toISOString();
    for (const { productId, quantity } of reservation.lines) this.move(productId, quantity, 'reserved', 'sold');
    Object.assign(reservation, { status: 'SOLD', updatedAt });
    Object.assign(order, { status: 'COMPLETED', fulfilment: copy(fulfilment), updatedAt });
    return copy(reservation);
  }

  /** Test helper: a product's counters. */
  stock(productId: string): Product | undefined {
    const product = this.products.get(productId);
    return product && copy(product);
  }

  /** Test helper: the order's reservation, if any. */
  reservation(orderId: string): Reservation | undefined {
    const reservation = this.orders?.all().find((order) => order.orderId === orderId)?.reservation;
    return reservation && copy(reservation);
  }

  /** Test helper: products whose counters broke initial = available + reserved + sold, or went negative. */
  brokenIdentities(): string[] {
    return [...this.products.values()]
      .filter((p) => p.available < 0 || p.reserved < 0 || p.available + p.reserved + p.sold !== this.initial.get(p.productId))
      .map((p) => p.productId);
  }

  private order(orderId: string): Order {
    if (!this.orders) throw new Error('FakeInventoryRepository needs the FakeOrderRepository (constructor argument) to hold reservations');
    return this.orders.stored(orderId);
  }

  private move(productId: string, quantity: number, from: 'available' | 'reserved', to: 'reserved' | 'available' | 'sold'): void {
    const product = this.products.get(productId);
    if (!product) throw new Error(`Unknown product ${productId}`);
    product[from] -= quantity;
    product[to] += quantity;
  }
}

export type LedgerEntry = { type: 'charge'; orderId: string; amount: number } | { type: 'refund'; orderId: string; amount: number; reason: string };

export class FakePaymentLedger implements PaymentLedger {
  /** Every money movement, in order: the books a test checks. */
  readonly entries: LedgerEntry[] = [];
  private nextPayment = 0;

  /** The charge and the token live on the stored order, as in the real ledgers. */
  constructor(
    private readonly orders: FakeOrderRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async charge({ orderId, amount, currency }: ChargeRequest): Promise<{ charge: Charge; alreadyCharged: boolean }> {
    const order = this.orders.stored(orderId);
    if (order.charge) return { charge: copy(order.charge), alreadyCharged: true };
    const charge: Charge = { paymentId: `pay_${String(++this.nextPayment).padStart(4, '0')}`, amount, currency, status: 'CHARGED', chargedAt: this.now().toISOString() };
    order.charge = charge;
    this.entries.push({ type: 'charge', orderId, amount });
    return { charge: copy(charge), alreadyCharged: false };
  }

  async refund(orderId: string, reason: string): Promise<{ refunded: boolean; charge?: Charge }> {
    const charge = this.orders.stored(orderId).charge;
    if (!charge) return { refunded: false };
    if (charge.status === 'REFUNDED') return { refunded: false, charge: copy(charge) };
    Object.assign(charge, { status: 'REFUNDED', refundedAt: this.now().toISOString(), refundReason: reason });
    this.entries.push({ type: 'refund', orderId, amount: charge.amount, reason });
    return { refunded: true, charge: copy(charge) };
  }

  async paymentToken(orderId: string): Promise<string | undefined> {
    return (await this.orders.get(orderId))?.payment?.token;
  }

  /** Test helper: the order's charge, if any. */
  chargeOf(orderId: string): Charge | undefined {
    const charge = this.orders.all().find((order) => order.orderId === orderId)?.charge;
    return charge && copy(charge);
  }

  /** Test helper: money still held for an order (charged minus refunded). */
  netCharged(orderId: string): number {
    return this.entries.filter((e) => e.orderId === orderId).reduce((sum, e) => sum + (e.type === 'charge' ? e.amount : -e.amount), 0);
  }
}

type CallbackMethod = 'succeed' | 'fail' | 'heartbeat';

/**
 * Step Functions' side of a `waitForTaskToken` task. A token is live from `issue` until it is answered (succeed or
 * fail close the task, as on AWS) or told dead (timed out, cancelled with its Parallel branch); a token never
 * issued is dead too (InvalidToken on AWS). Calls on a dead token throw TaskNoLongerActiveError.
 */
export class FakeTaskCallbacks implements TaskCallbacks {
  readonly successes: { taskToken: string; output: Record<string, unknown> }[] = [];
  readonly failures: { taskToken: string; error: string; cause: string }[] = [];
  readonly heartbeats: string[] = [];
  private readonly live = new Set<string>();
  private readonly dieOn = new Map<string, CallbackMethod>();

  /** A task starts waiting for `taskToken` (the state machine sent it out). */
  issue(...taskTokens: string[]): void {
    for (const token of taskTokens) this.live.add(token);
  }

  /** The task timed out or was cancelled: every later call with this token fails. */
  kill(taskToken: string): void {
    this.live.delete(taskToken);
  }

  /** Forces an interleaving: the task dies just before `method` is called with this token. */
  killWhen(taskToken: string, method: CallbackMethod): void {
    this.dieOn.set(taskToken, method);
  }

  isOpen(taskToken: string): boolean {
    return this.live.has(taskToken);
  }

  async succeed(taskToken: string, output: Record<string, unknown>): Promise<void> {
    this.ensureOpen(taskToken, 'succeed');
    this.live.delete(taskToken);
    this.successes.push({ taskToken, output: copy(output) });
  }

  async fail(taskToken: string, error: string, cause: string): Promise<void> {
    this.ensureOpen(taskToken, 'fail');
    this.live.delete(taskToken);
    this.failures.push({ taskToken, error, cause });
  }

  async heartbeat(taskToken: string): Promise<void> {
    this.ensureOpen(taskToken, 'heartbeat');
    this.heartbeats.push(taskToken);
  }

  private ensureOpen(taskToken: string, method: CallbackMethod): void {
    if (this.dieOn.get(taskToken) === method) {
      this.dieOn.delete(taskToken);
      this.live.delete(taskToken);
    }
    if (!this.live.has(taskToken)) throw new TaskNoLongerActiveError(`Task ${taskToken.slice(0, 12)}… is no longer active (TaskTimedOut or InvalidToken)`);
  }
}

export class FakeWorkflowStarter implements WorkflowStarter {
  readonly executions = new Map<string, { executionArn: string; input: Record<string, unknown>; running: boolean }>();
  /** Every call to start, including repeats. */
  readonly calls: string[] = [];

  constructor(private readonly arnPrefix = 'arn:aws:states:us-east-1:123456789012:execution:OrderWorkflow:') {}

  /** Like StartExecution on a Standard machine: see the port. */
  async start(name: string, input: Record<string, unknown>): Promise<{ executionArn: string }> {
    this.calls.push(name);
    const existing = this.executions.get(name);
    if (existing) {
      if (!existing.running || JSON.stringify(existing.input) !== JSON.stringify(input)) throw new ExecutionAlreadyExistsError(existing.executionArn);
      return { executionArn: existing.executionArn };
    }
    const executionArn = `${this.arnPrefix}${name}`;
    this.executions.set(name, { executionArn, input: copy(input), running: true });
    return { executionArn };
  }

  /** Test helper: the execution ends (a later start of its name is refused). */
  finish(executionArn: string): void {
    for (const execution of this.executions.values()) if (execution.executionArn === executionArn) execution.running = false;
  }
}

export class FakeNotifier implements Notifier {
  /** What subscribers received: the subject as SNS would deliver it. */
  readonly published: Notification[] = [];

  async publish(notification: Notification): Promise<{ messageId: string }> {
    this.published.push(copy({ ...notification, subject: toSnsSubject(notification.subject) }));
    return { messageId: `msg-${String(this.published.length).padStart(4, '0')}` };
  }
}

export class FakeExecutionHistory implements ExecutionHistory {
  private readonly attempts = new Map<string, number>();
  /** Every lookup, in order. */
  readonly lookups: { executionArn: string; stateName: string }[] = [];

  setAttempts(executionArn: string, stateName: string, attempts: number): void {
    this.attempts.set(`${executionArn}\n${stateName}`, attempts);
  }

  async attemptsOf(executionArn: string, stateName: string): Promise<number | undefined> {
    this.lookups.push({ executionArn, stateName });
    return this.attempts.get(`${executionArn}\n${stateName}`);
  }
}

export interface FakeDeps extends AppDeps {
  orders: FakeOrderRepository;
  idempotency: FakeIdempotencyStore;
  inventory: FakeInventoryRepository;
  payments: FakePaymentLedger;
  callbacks: FakeTaskCallbacks;
  workflow: FakeWorkflowStarter;
  notifier: FakeNotifier;
  history: FakeExecutionHistory;
  clock: FakeClock;
}

/** Every dependency, faked, sharing one clock; override what a test needs. */
export const makeFakeDeps = (overrides: Partial<AppDeps> = {}): FakeDeps => {
  const clock = new FakeClock();
  const orders = new FakeOrderRepository(clock.now);
  return {
    clock,
    orders,
    idempotency: new FakeIdempotencyStore(clock.now),
    inventory: new FakeInventoryRepository(catalogueProducts(), clock.now, orders),
    payments: new FakePaymentLedger(orders, clock.now),
    callbacks: new FakeTaskCallbacks(),
    workflow: new FakeWorkflowStarter(),
    notifier: new FakeNotifier(),
    history: new FakeExecutionHistory(),
    paymentDeclineRate: 0.15,
    executionLinkBase: 'https://console.aws.amazon.com/states/home?region=us-east-1#/v2/executions/details/',
    now: clock.now,
    newId: sequentialIds(),
    ...overrides,
  } as FakeDeps;
};

/** A Lambda context like the runtime's, with a fixed request id and plenty of time left. */
export const lambdaContext = (overrides: Partial<Context> = {}): Context => ({
  callbackWaitsForEmptyEventLoop: true,
  functionName: 'sam-order-workflow-TestFunction',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:sam-order-workflow-TestFunction',
  memoryLimitInMB: '512',
  awsRequestId: 'b7c1e5a8-0d2f-4a63-9c1e-5f3a7d9b2e41',
  logGroupName: '/aws/lambda/sam-order-workflow-TestFunction',
  logStreamName: '2026/05/25/[$LATEST]0123456789abcdef0123456789abcdef',
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
  ...overrides,
});

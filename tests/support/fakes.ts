/**
 * In-memory fakes of every port in src/domain/ports.ts. Each one honours the documented semantics that the
 * handlers rely on (all-or-none reservations, at-most-once charges, idempotent release/refund/commit, the
 * `from` check of status changes), and hands out copies, as a database would, so a handler that mutates what
 * it read cannot change what is stored.
 */
import type { Context } from 'aws-lambda';
import type { AppDeps } from '../../src/app/deps';
import { InvalidCursorError, InvalidTransitionError, OrderNotFoundError, OutOfStockError, TaskNoLongerActiveError } from '../../src/domain/errors';
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
export const sequentialIds = (prefix = 'order'): (() => string) => {
  let next = 0;
  return () => `${prefix}-${String(++next).padStart(4, '0')}`;
};

export class FakeOrderRepository implements OrderRepository {
  private readonly orders = new Map<string, Order>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** Like a conditional put (`attribute_not_exists(orderId)`): an order id is stored once. */
  async create(order: Order): Promise<void> {
    if (this.orders.has(order.orderId)) throw new Error(`Order ${order.orderId} already exists`);
    this.orders.set(order.orderId, copy(order));
  }

  async get(orderId: string): Promise<Order | undefined> {
    const order = this.orders.get(orderId);
    return order && copy(order);
  }

  /** Newest first (createdAt, then orderId, descending); the cursor is the position after the last item. */
  async list({ status, limit, cursor }: ListOrdersQuery): Promise<Page<Order>> {
    const matching = [...this.orders.values()]
      .filter((order) => status === undefined || order.status === status)
      .sort((a, b) => (a.createdAt === b.createdAt ? b.orderId.localeCompare(a.orderId) : b.createdAt.localeCompare(a.createdAt)));
    const start = cursor === undefined ? 0 : decodeCursor(cursor);
    if (start > matching.length) throw new InvalidCursorError();
    const items = matching.slice(start, start + limit).map(copy);
    const end = start + items.length;
    return { items, ...(end < matching.length ? { nextCursor: encodeCursor(end) } : {}) };
  }

  async changeStatus(orderId: string, change: StatusChange): Promise<Order> {
    const order = this.orders.get(orderId);
    if (!order) throw new OrderNotFoundError(orderId);
    if (order.status === change.status) return copy(order);
    if (!change.from.includes(order.status)) {
      throw new InvalidTransitionError(`Order ${orderId} cannot go from ${order.status} to ${change.status}`);
    }
    const { from: _from, ...fields } = change;
    Object.assign(order, copy(fields), { updatedAt: this.now().toISOString() });
    return copy(order);
  }

  async setExecutionArn(orderId: string, executionArn: string): Promise<void> {
    const order = this.orders.get(orderId);
    if (!order) throw new OrderNotFoundError(orderId);
    order.executionArn = executionArn;
  }

  /**
   * FakeInventoryRepository.commit's half of the sale: completes the order only if it is PROCESSING (else
   * InvalidTransitionError, changing nothing). Synchronous, so the commit sells and completes in one step, with
   * no `await` between, as the adapters do in one write.
   */
  completeSale(orderId: string, fulfilment: Fulfilment, updatedAt: string): void {
    const order = this.orders.get(orderId);
    if (!order) throw new OrderNotFoundError(orderId);
    if (order.status !== 'PROCESSING') throw new InvalidTransitionError(`Order ${orderId} is ${order.status}; only a PROCESSING order can complete`);
    Object.assign(order, { status: 'COMPLETED', fulfilment: copy(fulfilment), updatedAt });
  }

  /** Test helper: every stored order, in insertion order. */
  all(): Order[] {
    return [...this.orders.values()].map(copy);
  }
}

const encodeCursor = (position: number): string => Buffer.from(JSON.stringify({ p: position })).toString('base64url');

const decodeCursor = (cursor: string): number => {
  try {
    const { p } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { p?: unknown };
    if (typeof p === 'number' && Number.isInteger(p) && p >= 0) return p;
  } catch (cause) {
    throw new InvalidCursorError({ cause });
  }
  throw new InvalidCursorError();
};

export class FakeIdempotencyStore implements IdempotencyStore {
  readonly records = new Map<string, IdempotencyRecord>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** First claim wins; an expired record (TTL passed) no longer counts, as DynamoDB's TTL would delete it. */
  async claim(record: IdempotencyRecord): Promise<IdempotencyRecord | undefined> {
    const earlier = this.records.get(record.key);
    if (earlier && earlier.expiresAt > this.now().getTime() / 1000) return copy(earlier);
    this.records.set(record.key, copy(record));
    return undefined;
  }
}

/** The catalogue as inventory rows: all stock available. */
export const catalogueProducts = (): Product[] =>
  catalogue.map(({ productId, name, unitPrice, stock }) => ({ productId, name, unitPrice, available: stock, reserved: 0, sold: 0 }));

export class FakeInventoryRepository implements InventoryRepository {
  private readonly products = new Map<string, Product>();
  private readonly reservations = new Map<string, Reservation>();
  /** Stock each product started with: available + reserved + sold must always equal it. */
  private readonly initial = new Map<string, number>();

  /** `orders` is needed only by `commit`, which completes the order as it sells (see the port). */
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
    const existing = this.reservations.get(orderId);
    if (existing) return copy(existing);
    const wanted = new Map<string, number>();
    for (const { productId, quantity } of lines) wanted.set(productId, (wanted.get(productId) ?? 0) + quantity);
    for (const [productId, quantity] of wanted) {
      const available = this.products.get(productId)?.available ?? 0;
      if (available < quantity) throw new OutOfStockError(productId, quantity, available);
    }
    for (const [productId, quantity] of wanted) this.move(productId, quantity, 'available', 'reserved');
    const timestamp = this.now().toISOString();
    const reservation: Reservation = { status: 'RESERVED', lines: lines.map((line) => ({ ...line })), reservedAt: timestamp, updatedAt: timestamp };
    this.reservations.set(orderId, reservation);
    return copy(reservation);
  }

  async release(orderId: string): Promise<Reservation | undefined> {
    const reservation = this.reservations.get(orderId);
    if (reservation?.status !== 'RESERVED') return undefined;
    for (const { productId, quantity } of reservation.lines) this.move(productId, quantity, 'reserved', 'available');
    Object.assign(reservation, { status: 'RELEASED', updatedAt: this.now().toISOString() });
    return copy(reservation);
  }

  async commit(orderId: string, fulfilment: Fulfilment): Promise<Reservation> {
    if (!this.orders) throw new Error('FakeInventoryRepository.commit needs the FakeOrderRepository (constructor argument)');
    const reservation = this.reservations.get(orderId);
    if (reservation?.status === 'SOLD') return copy(reservation);
    if (reservation?.status !== 'RESERVED') throw new InvalidTransitionError(`Order ${orderId} holds no reservation to commit`);
    const updatedAt = this.now().toISOString();
    // Completes first: it throws, changing nothing, unless the order is PROCESSING; then the stock moves.
    this.orders.completeSale(orderId, fulfilment, updatedAt);
    for (const { productId, quantity } of reservation.lines) this.move(productId, quantity, 'reserved', 'sold');
    Object.assign(reservation, { status: 'SOLD', updatedAt });
    return copy(reservation);
  }

  /** Test helper: a product's counters. */
  stock(productId: string): Product | undefined {
    const product = this.products.get(productId);
    return product && copy(product);
  }

  reservation(orderId: string): Reservation | undefined {
    const reservation = this.reservations.get(orderId);
    return reservation && copy(reservation);
  }

  /** Test helper: products whose counters broke initial = available + reserved + sold, or went negative. */
  brokenIdentities(): string[] {
    return [...this.products.values()]
      .filter((p) => p.available < 0 || p.reserved < 0 || p.available + p.reserved + p.sold !== this.initial.get(p.productId))
      .map((p) => p.productId);
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
  private readonly charges = new Map<string, Charge>();
  /** Every money movement, in order: the books a test checks. */
  readonly entries: LedgerEntry[] = [];
  private nextPayment = 0;

  /** The token is read from the stored order, as the real ledgers do. */
  constructor(
    private readonly orders: Pick<OrderRepository, 'get'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async charge({ orderId, amount, currency }: ChargeRequest): Promise<{ charge: Charge; alreadyCharged: boolean }> {
    const existing = this.charges.get(orderId);
    if (existing) return { charge: copy(existing), alreadyCharged: true };
    const charge: Charge = { paymentId: `pay_${String(++this.nextPayment).padStart(4, '0')}`, amount, currency, status: 'CHARGED', chargedAt: this.now().toISOString() };
    this.charges.set(orderId, charge);
    this.entries.push({ type: 'charge', orderId, amount });
    return { charge: copy(charge), alreadyCharged: false };
  }

  async refund(orderId: string, reason: string): Promise<{ refunded: boolean; charge?: Charge }> {
    const charge = this.charges.get(orderId);
    if (!charge) return { refunded: false };
    if (charge.status === 'REFUNDED') return { refunded: false, charge: copy(charge) };
    Object.assign(charge, { status: 'REFUNDED', refundedAt: this.now().toISOString(), refundReason: reason });
    this.entries.push({ type: 'refund', orderId, amount: charge.amount, reason });
    return { refunded: true, charge: copy(charge) };
  }

  async paymentToken(orderId: string): Promise<string | undefined> {
    return (await this.orders.get(orderId))?.payment.token;
  }

  /** Test helper: the order's charge, if any. */
  chargeOf(orderId: string): Charge | undefined {
    const charge = this.charges.get(orderId);
    return charge && copy(charge);
  }

  /** Test helper: money still held for an order (charged minus refunded). */
  netCharged(orderId: string): number {
    return this.entries.filter((e) => e.orderId === orderId).reduce((sum, e) => sum + (e.type === 'charge' ? e.amount : -e.amount), 0);
  }
}

type CallbackMethod = 'succeed' | 'fail' | 'heartbeat';

/**
 * Step Functions' side of a `waitForTaskToken` task. Any token is waiting until it is answered (succeed or
 * fail close the task, as on AWS) or told dead (timed out, cancelled with its Parallel branch); calls on a
 * closed or dead token throw TaskNoLongerActiveError.
 */
export class FakeTaskCallbacks implements TaskCallbacks {
  readonly successes: { taskToken: string; output: Record<string, unknown> }[] = [];
  readonly failures: { taskToken: string; error: string; cause: string }[] = [];
  readonly heartbeats: string[] = [];
  private readonly closed = new Set<string>();
  private readonly dieOn = new Map<string, CallbackMethod>();

  /** The task timed out or was cancelled: every later call with this token fails. */
  kill(taskToken: string): void {
    this.closed.add(taskToken);
  }

  /** Forces an interleaving: the task dies just before `method` is called with this token. */
  killWhen(taskToken: string, method: CallbackMethod): void {
    this.dieOn.set(taskToken, method);
  }

  isOpen(taskToken: string): boolean {
    return !this.closed.has(taskToken);
  }

  async succeed(taskToken: string, output: Record<string, unknown>): Promise<void> {
    this.ensureOpen(taskToken, 'succeed');
    this.closed.add(taskToken);
    this.successes.push({ taskToken, output: copy(output) });
  }

  async fail(taskToken: string, error: string, cause: string): Promise<void> {
    this.ensureOpen(taskToken, 'fail');
    this.closed.add(taskToken);
    this.failures.push({ taskToken, error, cause });
  }

  async heartbeat(taskToken: string): Promise<void> {
    this.ensureOpen(taskToken, 'heartbeat');
    this.heartbeats.push(taskToken);
  }

  private ensureOpen(taskToken: string, method: CallbackMethod): void {
    if (this.dieOn.get(taskToken) === method) {
      this.dieOn.delete(taskToken);
      this.closed.add(taskToken);
    }
    if (this.closed.has(taskToken)) throw new TaskNoLongerActiveError(`Task ${taskToken.slice(0, 12)}… is no longer active (TaskTimedOut)`);
  }
}

export class FakeWorkflowStarter implements WorkflowStarter {
  readonly executions = new Map<string, { executionArn: string; input: Record<string, unknown> }>();
  /** Every call to start, including repeats. */
  readonly calls: string[] = [];

  constructor(private readonly arnPrefix = 'arn:aws:states:us-east-1:123456789012:execution:OrderWorkflow:') {}

  /** Like StartExecution: the same name with the same input is harmless; another input is ExecutionAlreadyExists. */
  async start(name: string, input: Record<string, unknown>): Promise<{ executionArn: string; alreadyStarted: boolean }> {
    this.calls.push(name);
    const existing = this.executions.get(name);
    if (existing) {
      if (JSON.stringify(existing.input) !== JSON.stringify(input)) throw new Error(`ExecutionAlreadyExists: ${name}`);
      return { executionArn: existing.executionArn, alreadyStarted: true };
    }
    const executionArn = `${this.arnPrefix}${name}`;
    this.executions.set(name, { executionArn, input: copy(input) });
    return { executionArn, alreadyStarted: false };
  }
}

export class FakeNotifier implements Notifier {
  readonly published: Notification[] = [];

  async publish(notification: Notification): Promise<{ messageId: string }> {
    this.published.push(copy(notification));
    return { messageId: `msg-${String(this.published.length).padStart(4, '0')}` };
  }
}

/** Attempts per execution and state, as a test sets them; anything not set is unknown (undefined), as for a state never entered. */
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

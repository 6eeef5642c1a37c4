/**
 * Ports: what the handlers need from the outside world. Each has two adapters, one on AWS (`src/adapters/aws/`)
 * and one in the local stack (`src/local/orders/adapters/`), plus the in-memory fake of the handler tests
 * (`tests/support/fakes.ts`). The TSDoc below is the contract; `tests/contracts/<port>.contract.ts` holds its cases,
 * and all three implementations run them (docs/contracts.md).
 */
import type { Charge, Failure, Fulfilment, Order, OrderStatus, Reservation, ReservationLine, RuleViolation } from './order';

export interface Page<T> {
  items: T[];
  /**
   * Opaque; pass back as `cursor` for the next page. Absent on the last page. Any cursor the repository did not
   * issue (garbage, empty, tampered with) makes `list` throw `InvalidCursorError` (the API answers 400).
   */
  nextCursor?: string;
}

export interface ListOrdersQuery {
  status?: OrderStatus;
  limit: number;
  cursor?: string;
}

/** Fields a workflow step may change on an order, with the status it must come from. */
export interface StatusChange {
  status: OrderStatus;
  /** The change applies only if the order is in one of these statuses (else `InvalidTransitionError`). */
  from: readonly OrderStatus[];
  executionArn?: string;
  validationErrors?: RuleViolation[];
  failure?: Failure;
  fulfilment?: Fulfilment;
}

export interface OrderRepository {
  /** Stores a NEW order; an id already stored throws `OrderAlreadyExistsError` and changes nothing (a conditional put). */
  create(order: Order): Promise<void>;
  /** The stored order (with its reservation and charge, which live on the order), or undefined. */
  get(orderId: string): Promise<Order | undefined>;
  /**
   * Newest first: `createdAt` descending, then `orderId` descending in code-unit order, so the order is total and
   * pages never overlap nor skip an order that existed when the first page was read.
   */
  list(query: ListOrdersQuery): Promise<Page<Order>>;
  /**
   * Applies a status change atomically (and stamps `updatedAt`); an order already in the target status is returned
   * unchanged. Throws `InvalidTransitionError` when the order is in none of `change.from`, `OrderNotFoundError` for
   * an unknown order.
   */
  changeStatus(orderId: string, change: StatusChange): Promise<Order>;
  /** Throws `OrderNotFoundError` for an unknown order (and creates nothing). */
  setExecutionArn(orderId: string, executionArn: string): Promise<void>;
}

export interface IdempotencyRecord {
  key: string;
  /** Hash of the request body, to tell a retry from a different request that reuses the key. */
  fingerprint: string;
  orderId: string;
  expiresAt: number;
}

export interface IdempotencyStore {
  /**
   * Claims a key for an order. Returns undefined when the claim is new, or the earlier record, unchanged, when the
   * key was claimed before (the caller compares fingerprints). A record counts until its `expiresAt` (epoch
   * seconds): from that second on the key is free again and the next claim wins it, whether or not TTL has
   * deleted the record yet. Of two concurrent claims of one key exactly one wins.
   */
  claim(record: IdempotencyRecord): Promise<IdempotencyRecord | undefined>;
}

export interface Product {
  productId: string;
  name: string;
  unitPrice: number;
  available: number;
  reserved: number;
  sold: number;
}

export interface InventoryRepository {
  /** Products by id; unknown ids are absent from the map (repeated ids are read once). */
  getProducts(productIds: readonly string[]): Promise<Map<string, Product>>;
  /**
   * Reserves every line or none (`OutOfStockError` names the first short product, with the quantity asked and the
   * quantity available; an unknown product has 0 available). Lines for one product are merged into one line, in
   * order of first appearance, and the reservation is recorded on the order (`Order.reservation`). Repeating it for
   * an order that already holds a reservation (in any status, also RELEASED) returns that reservation and reserves
   * nothing more. Throws `OrderNotFoundError` for an unknown order.
   */
  reserve(orderId: string, lines: readonly ReservationLine[]): Promise<Reservation>;
  /**
   * Returns reserved stock for an order; a no-op (returns undefined) when nothing is RESERVED (none, RELEASED or
   * SOLD). Throws `OrderNotFoundError` for an unknown order.
   */
  release(orderId: string): Promise<Reservation | undefined>;
  /**
   * Sells the order's reserved stock AND completes the order (status COMPLETED, `fulfilment`, `updatedAt`) in one
   * atomic write, so stock is never sold for an order that is not COMPLETED, nor an order COMPLETED without its
   * stock sold: a crash after this call leaves nothing for compensation to undo half-way.
   * A no-op returning the stored reservation when it is already SOLD (a retry; the stored fulfilment stands).
   * Throws `InvalidTransitionError` when the reservation was RELEASED or is missing, or when the order is not
   * PROCESSING (e.g. already FAILED), and `OrderNotFoundError` for an unknown order.
   */
  commit(orderId: string, fulfilment: Fulfilment): Promise<Reservation>;
}

export interface ChargeRequest {
  orderId: string;
  amount: number;
  currency: string;
}

export interface PaymentLedger {
  /**
   * Charges an order at most once and records the charge on the order (`Order.charge`): a repeated call, with any
   * amount, returns the first charge unchanged with `alreadyCharged: true`. Throws `OrderNotFoundError` for an
   * unknown order (nothing is charged).
   */
  charge(request: ChargeRequest): Promise<{ charge: Charge; alreadyCharged: boolean }>;
  /**
   * Refunds the order's charge if there is one and it is not refunded yet; returns what it did: `refunded: true`
   * once, then `refunded: false` with the refunded charge (the first reason stands); `refunded: false` without a
   * charge when nothing was charged. Throws `OrderNotFoundError` for an unknown order.
   */
  refund(orderId: string, reason: string): Promise<{ refunded: boolean; charge?: Charge }>;
  /** The payment token stored with the order (never in the workflow input); undefined for an unknown order. */
  paymentToken(orderId: string): Promise<string | undefined>;
}

/**
 * Answers a `waitForTaskToken` task. Each method throws `TaskNoLongerActiveError` when the token is dead: never
 * issued (garbage), already answered with `succeed` or `fail`, timed out, or cancelled with its execution or
 * Parallel branch. A heartbeat keeps the token alive; `succeed` and `fail` close it.
 */
export interface TaskCallbacks {
  succeed(taskToken: string, output: Record<string, unknown>): Promise<void>;
  fail(taskToken: string, error: string, cause: string): Promise<void>;
  heartbeat(taskToken: string): Promise<void>;
}

export interface WorkflowStarter {
  /**
   * Starts an execution named `name` and returns its ARN. Repeated with the same name and an equal input while
   * that execution runs, it starts nothing and returns the same ARN (as StartExecution does on a Standard
   * machine). With another input, or once that execution has ended, it throws `ExecutionAlreadyExistsError`
   * naming the existing execution, and starts nothing.
   */
  start(name: string, input: Record<string, unknown>): Promise<{ executionArn: string }>;
}

export type NotificationEvent = 'OrderCompleted' | 'OrderRejected' | 'OrderFailed';

export interface Notification {
  eventType: NotificationEvent;
  orderStatus: OrderStatus;
  subject: string;
  message: Record<string, unknown>;
}

export interface Notifier {
  /**
   * Publishes with `eventType` and `orderStatus` as message attributes, so subscribers can filter, and answers a
   * message id unique to this publish. The subject reaches subscribers as SNS accepts it (printable ASCII,
   * whitespace runs collapsed, at most 100 characters) instead of failing the publish.
   */
  publish(notification: Notification): Promise<{ messageId: string }>;
}

/** An execution's history, read after the fact, for the error context recorded on a failed order. */
export interface ExecutionHistory {
  /**
   * Attempts made by the last visit of `stateName` (1 + its retries), or undefined when the history does not say
   * (the state was never entered, or the execution is unknown: neither throws).
   */
  attemptsOf(executionArn: string, stateName: string): Promise<number | undefined>;
}

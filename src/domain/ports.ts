/**
 * Ports: what the handlers need from the outside world. Each has two adapters, one on AWS (`src/adapters/aws/`)
 * and one in the local stack (`src/local/orders/adapters/`); tests use either, or fakes.
 */
import type { Charge, Failure, Fulfilment, Order, OrderStatus, Reservation, ReservationLine, RuleViolation } from './order';

export interface Page<T> {
  items: T[];
  /** Opaque; pass back as `cursor` for the next page. Absent on the last page. */
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
  /** Stores a NEW order. */
  create(order: Order): Promise<void>;
  get(orderId: string): Promise<Order | undefined>;
  /** Newest first. */
  list(query: ListOrdersQuery): Promise<Page<Order>>;
  /** Applies a status change atomically; an order already in the target status is returned unchanged. */
  changeStatus(orderId: string, change: StatusChange): Promise<Order>;
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
   * Claims a key for an order. Returns undefined when the claim is new, or the earlier record when the key
   * was claimed before (the caller compares fingerprints).
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
  /** Products by id; unknown ids are absent from the map. */
  getProducts(productIds: readonly string[]): Promise<Map<string, Product>>;
  /**
   * Reserves every line or none (`OutOfStockError` names the first short product). Repeating it for an order
   * that already holds a reservation returns that reservation and reserves nothing more.
   */
  reserve(orderId: string, lines: readonly ReservationLine[]): Promise<Reservation>;
  /** Returns reserved stock for an order; a no-op (returns undefined) when nothing is reserved. */
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
  /** Charges an order at most once: a repeated call returns the first charge with `alreadyCharged: true`. */
  charge(request: ChargeRequest): Promise<{ charge: Charge; alreadyCharged: boolean }>;
  /** Refunds the order's charge if there is one and it is not refunded yet; returns what it did. */
  refund(orderId: string, reason: string): Promise<{ refunded: boolean; charge?: Charge }>;
  /** The payment token stored with the order (never in the workflow input). */
  paymentToken(orderId: string): Promise<string | undefined>;
}

/** Answers a `waitForTaskToken` task. Each method throws `TaskNoLongerActiveError` when the token is dead. */
export interface TaskCallbacks {
  succeed(taskToken: string, output: Record<string, unknown>): Promise<void>;
  fail(taskToken: string, error: string, cause: string): Promise<void>;
  heartbeat(taskToken: string): Promise<void>;
}

export interface WorkflowStarter {
  /** Starts an execution named `name`; starting the same name with the same input again is harmless. */
  start(name: string, input: Record<string, unknown>): Promise<{ executionArn: string; alreadyStarted: boolean }>;
}

export type NotificationEvent = 'OrderCompleted' | 'OrderRejected' | 'OrderFailed';

export interface Notification {
  eventType: NotificationEvent;
  orderStatus: OrderStatus;
  subject: string;
  message: Record<string, unknown>;
}

export interface Notifier {
  /** Publishes with `eventType` and `orderStatus` as message attributes, so subscribers can filter. */
  publish(notification: Notification): Promise<{ messageId: string }>;
}

/** An execution's history, read after the fact, for the error context recorded on a failed order. */
export interface ExecutionHistory {
  /**
   * Attempts made by the last visit of `stateName` (1 + its retries), or undefined when the history does not say
   * (the state was never entered, or the execution is unknown).
   */
  attemptsOf(executionArn: string, stateName: string): Promise<number | undefined>;
}

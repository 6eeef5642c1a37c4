/**
 * What the invariants are checked against: the local stack's state as anyone can read it, over HTTP only —
 * `GET /orders` (with the API key) and the console under `/_local/` (inventory, payments ledger, queues,
 * executions with their histories). Reading through the public surfaces keeps the checker honest: it sees
 * what an operator would see, not the stack's internals.
 */
import pLimit from 'p-limit';
import type { OrderStatus } from '../domain/order';
import type { PaymentEvent } from '../local/orders/adapters/payments';

export interface SnapshotOrder {
  orderId: string;
  status: OrderStatus;
  amount: number;
  currency: string;
  items: { productId: string; quantity: number; unitPrice: number }[];
  charge?: { paymentId: string; amount: number; currency: string; status: 'CHARGED' | 'REFUNDED' };
  reservation?: { status: 'RESERVED' | 'RELEASED' | 'SOLD'; lines: { productId: string; quantity: number }[] };
  failure?: { state: string; error: string; cause: string };
  executionArn?: string;
}

export interface SnapshotProduct {
  productId: string;
  available: number;
  reserved: number;
  sold: number;
}

/** A payments-ledger entry as `GET /_local/payments` lists it. */
export type LedgerEvent = Pick<PaymentEvent, 'orderId' | 'type' | 'paymentId' | 'amount' | 'currency' | 'reason'>;

export interface QueueMessage {
  messageId: string;
  body: string;
  receiveCount: number;
}

export interface SnapshotQueue {
  name: string;
  depth: number;
  inFlight: number;
  delayed: number;
  messages: QueueMessage[];
}

export interface HistoryEvent {
  type: string;
  stateName?: string;
  [detail: string]: unknown;
}

export interface SnapshotExecution {
  executionArn: string;
  /** The order id (executions are named after their order). */
  name: string;
  status: string;
  error?: string;
  cause?: string;
  events: HistoryEvent[];
}

export interface SystemSnapshot {
  orders: SnapshotOrder[];
  products: SnapshotProduct[];
  ledger: LedgerEvent[];
  /** The queue the payment consumer reads (the one with a consumer and a dead-letter queue). */
  paymentQueue: SnapshotQueue;
  deadLetterQueue: SnapshotQueue;
  /** Executions of the order state machine, by name (= order id). */
  executions: Map<string, SnapshotExecution>;
  pendingTaskTokens: number;
}

/** The inventory (and the orders already there) before a run: the identity's starting point. */
export interface Baseline {
  products: SnapshotProduct[];
  orderIds: ReadonlySet<string>;
}

/** Talks to a running local stack: the API with its key, the console without. */
export interface StackReader {
  api<T>(path: string): Promise<T>;
  console<T>(path: string): Promise<T>;
}

export const httpReader = (baseUrl: string, apiKey: string): StackReader => {
  const get = async <T>(path: string, headers: Record<string, string>): Promise<T> => {
    const response = await fetch(`${baseUrl}${path}`, { headers });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
  };
  return { api: (path) => get(path, { 'x-api-key': apiKey }), console: (path) => get(`/_local/${path}`, {}) };
};

interface ConsoleQueue {
  name: string;
  depth: number;
  inFlight: number;
  delayed: number;
  deadLetterQueue?: string;
  consumers: unknown[];
}

interface Health {
  executions: Record<string, number>;
  queues: { name: string; depth: number; inFlight: number; deadLetterDepth?: number }[];
  pendingTaskTokens: number;
}

const PAGE = 100;
/** Histories are read a few at a time: enough to be quick, few enough not to starve the stack being read. */
const HISTORY_READS_IN_FLIGHT = 8;

/** Every order, following `nextCursor` through GET /orders. */
export const readAllOrders = async (reader: StackReader): Promise<SnapshotOrder[]> => {
  const orders: SnapshotOrder[] = [];
  let cursor: string | undefined;
  do {
    const page = await reader.api<{ orders: SnapshotOrder[]; nextCursor?: string }>(
      `/orders?limit=${PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    orders.push(...page.orders);
    cursor = page.nextCursor;
  } while (cursor);
  return orders;
};

export const readBaseline = async (reader: StackReader): Promise<Baseline> => ({
  products: await reader.console<SnapshotProduct[]>('inventory'),
  orderIds: new Set((await readAllOrders(reader)).map((o) => o.orderId)),
});

/** The payment queue and its DLQ, found by shape so that the template may name them as it likes. */
const paymentQueues = async (reader: StackReader): Promise<{ queue: SnapshotQueue; dlq: SnapshotQueue }> => {
  const queues = await reader.console<ConsoleQueue[]>('queues');
  const source = queues.find((q) => q.consumers.length > 0 && q.deadLetterQueue);
  if (!source?.deadLetterQueue) throw new Error('No consumed queue with a dead-letter queue: cannot find the payment queue');
  const read = (name: string) => reader.console<SnapshotQueue>(`queues/${encodeURIComponent(name)}`);
  return { queue: await read(source.name), dlq: await read(source.deadLetterQueue) };
};

const readExecutions = async (reader: StackReader, names: readonly string[]): Promise<Map<string, SnapshotExecution>> => {
  const found = new Map<string, SnapshotExecution>();
  await pLimit(HISTORY_READS_IN_FLIGHT).map(names, async (name) => {
    try {
      found.set(name, await reader.console<SnapshotExecution>(`executions/${encodeURIComponent(name)}`));
    } catch (error) {
      // An order without an execution is a finding for the invariants, not a reason to stop reading.
      if (!(error instanceof Error && error.message.includes(' 404'))) throw error;
    }
  });
  return found;
};

export const readSnapshot = async (reader: StackReader): Promise<SystemSnapshot> => {
  const orders = await readAllOrders(reader);
  const [products, ledger, queues, executions, health] = await Promise.all([
    reader.console<SnapshotProduct[]>('inventory'),
    reader.console<LedgerEvent[]>('payments'),
    paymentQueues(reader),
    readExecutions(
      reader,
      orders.map((o) => o.orderId),
    ),
    reader.console<Health>('health'),
  ]);
  return { orders, products, ledger, paymentQueue: queues.queue, deadLetterQueue: queues.dlq, executions, pendingTaskTokens: health.pendingTaskTokens };
};

export interface QuietState {
  quiet: boolean;
  running: number;
  queued: number;
  pendingTaskTokens: number;
}

/**
 * Waits until nothing is moving: no execution running, no task token waiting, and the payment queue empty
 * (nothing visible, in flight or delayed), seen on two polls in a row. Late callbacks, redeliveries and poison
 * messages on their way to the DLQ all show up as queue traffic, so this is when the books can be checked.
 */
export const waitForQuiet = async (reader: StackReader, deadlineMs: number, onPoll?: (state: QuietState) => void): Promise<QuietState> => {
  const deadline = Date.now() + deadlineMs;
  let calmPolls = 0;
  for (;;) {
    const health = await reader.console<Health>('health');
    const { queue } = await paymentQueues(reader);
    const state: QuietState = {
      quiet: false,
      running: health.executions.RUNNING ?? 0,
      queued: queue.depth + queue.inFlight + queue.delayed,
      pendingTaskTokens: health.pendingTaskTokens,
    };
    calmPolls = state.running === 0 && state.queued === 0 && state.pendingTaskTokens === 0 ? calmPolls + 1 : 0;
    onPoll?.(state);
    if (calmPolls >= 2) return { ...state, quiet: true };
    if (Date.now() > deadline) return state;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

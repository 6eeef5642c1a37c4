/**
 * Runs the local stack in-process for tests: a temporary data directory, any free port, LOCAL_TIME_SCALE 0.01,
 * quiet. The helpers talk HTTP to it, like a user would (API with the key, console without).
 */
import './quiet-handlers';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../src/local/stack';
import { TERMINAL_STATUSES, type OrderStatus } from '../../src/domain/order';

export const TEST_TIME_SCALE = 0.01;
export const TEST_API_KEY = 'test-api-key';
const POLL_MS = 20;
/** Upper bound for a workflow to settle at the test time scale (heartbeat 1.2 s, 5 receives × 0.7 s…). */
export const SETTLE_DEADLINE_MS = 20_000;

export interface HttpResult<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface CatalogueProduct {
  productId: string;
  name: string;
  unitPrice: number;
  stock: number;
}

export const catalogue = (): CatalogueProduct[] => JSON.parse(readFileSync(join(__dirname, '..', '..', 'data', 'catalogue.json'), 'utf8')) as CatalogueProduct[];

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A valid order body for `lines` (productId → quantity), priced from the catalogue, paid with `token`. */
export const orderBody = (lines: Record<string, number>, token = 'tok_visa', overrides: Record<string, unknown> = {}): Record<string, unknown> => {
  const prices = new Map(catalogue().map((p) => [p.productId, p.unitPrice]));
  const items = Object.entries(lines).map(([productId, quantity]) => ({ productId, quantity, unitPrice: prices.get(productId) ?? 1 }));
  const cents = items.reduce((sum, i) => sum + i.quantity * Math.round(i.unitPrice * 100), 0);
  return {
    customerId: 'cust-test',
    customerEmail: 'test@example.com',
    currency: 'USD',
    items,
    amount: cents / 100,
    payment: { method: 'card', token },
    ...overrides,
  };
};

export interface StackClient {
  stack: LocalStack;
  url: string;
  request<T = unknown>(method: string, path: string, options?: { body?: unknown; headers?: Record<string, string>; key?: string | null }): Promise<HttpResult<T>>;
  console<T = unknown>(path: string, method?: string, body?: unknown): Promise<T>;
  createOrder(body: unknown, headers?: Record<string, string>): Promise<{ orderId: string; executionArn: string }>;
  /** Polls the order until `done` says so (default: a terminal status), failing after the deadline. */
  waitForOrder(orderId: string, done?: (order: OrderView) => boolean): Promise<OrderView>;
  /** Polls the execution until it is no longer RUNNING. */
  waitForExecution(id: string): Promise<ExecutionView>;
  waitFor<T>(what: string, probe: () => Promise<T | undefined>): Promise<T>;
  queue(logicalIdOrName: string): Promise<QueueView>;
  stop(): Promise<void>;
}

export interface OrderView {
  orderId: string;
  status: OrderStatus;
  failure?: { state: string; error: string; cause: string; attempts?: number; executionUrl?: string };
  fulfilment?: { trackingNumber: string; carrier: string; estimatedDelivery: string };
  validationErrors?: { rule: string; field: string; message: string }[];
  charge?: { status: string; amount: number };
  reservation?: { status: string };
  [key: string]: unknown;
}

export interface ExecutionView {
  executionArn: string;
  name: string;
  status: string;
  error?: string;
  cause?: string;
  states: { name: string; status: string; retries: number; error?: string }[];
  events: { type: string; stateName?: string; [key: string]: unknown }[];
}

export interface QueueView {
  name: string;
  logicalId: string;
  depth: number;
  inFlight: number;
  deadLetterQueue?: string;
  deadLetterDepth?: number;
  maxReceiveCount?: number;
  messages?: { messageId: string; body: string; receiveCount: number }[];
}

export interface Product {
  productId: string;
  available: number;
  reserved: number;
  sold: number;
}

export interface PaymentEvent {
  orderId: string;
  type: 'CHARGE' | 'REFUND';
  amount: number;
}

export const startTestStack = async (options: LocalStackOptions = {}): Promise<StackClient> => {
  const ownDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'local-stack-'));
  const stack = await startLocalStack({ port: 0, timeScale: TEST_TIME_SCALE, quiet: true, apiKey: TEST_API_KEY, ...options, dataDir });

  const request = async <T>(method: string, path: string, o: { body?: unknown; headers?: Record<string, string>; key?: string | null } = {}): Promise<HttpResult<T>> => {
    const key = o.key === undefined ? stack.apiKey : o.key;
    const response = await fetch(`${stack.url}${path}`, {
      method,
      headers: { ...(o.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(key ? { 'x-api-key': key } : {}), ...o.headers },
      ...(o.body !== undefined ? { body: typeof o.body === 'string' ? o.body : JSON.stringify(o.body) } : {}),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body: body as T, text };
  };

  /** `path` under /_local/ (`queues`, `executions/<id>`); a full `/_local/...` path works too. */
  const consoleCall = async <T>(path: string, method = 'GET', body?: unknown): Promise<T> => {
    const url = `/_local/${path.replace(/^\/?(_local\/)?/, '')}`;
    const r = await request<T>(method, url, { key: null, ...(body !== undefined ? { body } : {}) });
    if (r.status !== 200) throw new Error(`${method} ${url} answered ${r.status}: ${r.text}`);
    return r.body;
  };

  const waitFor = async <T>(what: string, probe: () => Promise<T | undefined>): Promise<T> => {
    const deadline = Date.now() + SETTLE_DEADLINE_MS;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
      await sleep(POLL_MS);
    }
  };

  const client: StackClient = {
    stack,
    url: stack.url,
    request,
    console: consoleCall,
    createOrder: async (body, headers) => {
      const r = await request<{ orderId: string; executionArn: string }>('POST', '/orders', { body, ...(headers ? { headers } : {}) });
      if (r.status !== 202) throw new Error(`POST /orders answered ${r.status}: ${r.text}`);
      return r.body;
    },
    waitForOrder: (orderId, done = (o) => TERMINAL_STATUSES.includes(o.status)) =>
      waitFor(`order ${orderId}`, async () => {
        const r = await request<OrderView>('GET', `/orders/${orderId}`);
        return r.status === 200 && done(r.body) ? r.body : undefined;
      }),
    waitForExecution: (id) =>
      waitFor(`execution ${id}`, async () => {
        const r = await request<ExecutionView>('GET', `/_local/executions/${encodeURIComponent(id)}`, { key: null });
        return r.status === 200 && r.body.status !== 'RUNNING' ? r.body : undefined;
      }),
    waitFor,
    queue: async (ref) => {
      const queues = await consoleCall<QueueView[]>('queues');
      const q = queues.find((x) => x.logicalId === ref || x.name === ref);
      if (!q) throw new Error(`No queue ${ref} in ${queues.map((x) => x.logicalId).join(', ')}`);
      return consoleCall<QueueView>(`queues/${encodeURIComponent(q.name)}`);
    },
    stop: async () => {
      await stack.stop();
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return client;
};

/** initial = available + reserved + sold, for every product. */
export const inventoryIdentityHolds = (products: readonly Product[]): boolean => {
  const initial = new Map(catalogue().map((p) => [p.productId, p.stock]));
  return products.every((p) => p.available >= 0 && p.reserved >= 0 && p.available + p.reserved + p.sold === initial.get(p.productId));
};

/** Net amount still charged for an order according to the ledger (charges minus refunds). */
export const netCharged = (events: readonly PaymentEvent[], orderId: string): number =>
  Math.round(events.filter((e) => e.orderId === orderId).reduce((sum, e) => sum + (e.type === 'CHARGE' ? e.amount : -e.amount), 0) * 100) / 100;

/**
 * Accepting an order: store it, then start its workflow under the order id as execution name. Every step is
 * safe to repeat, so a client retry with the same Idempotency-Key (or a crash between steps) converges on one
 * order and one execution instead of a second order.
 */
import { createHash } from 'node:crypto';
import { ExecutionAlreadyExistsError, IdempotencyConflictError } from '../domain/errors';
import { toWorkflowInput, type Order, type OrderRequest } from '../domain/order';
import type { AppDeps } from './deps';

export type PlaceOrderDeps = Pick<AppDeps, 'orders' | 'idempotency' | 'workflow' | 'now' | 'newId'>;

/** Long enough to cover any client's retry window (API Gateway clients, SDK retries, users pressing twice). */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

export interface PlacedOrder {
  order: Order;
  /** True when this request repeated an earlier one and got its order back. */
  replayed: boolean;
}

export const placeOrder = async (request: OrderRequest, idempotencyKey: string | undefined, deps: PlaceOrderDeps): Promise<PlacedOrder> => {
  const orderId = await claimOrderId(request, idempotencyKey, deps);
  const existing = await deps.orders.get(orderId);
  const { order, replayed } = existing ? { order: existing, replayed: true } : await createOrder(orderId, request, deps);
  if (!order.executionArn) {
    const executionArn = await startWorkflow(order, deps);
    await deps.orders.setExecutionArn(orderId, executionArn);
    order.executionArn = executionArn;
  }
  return { order, replayed };
};

/**
 * The execution is named after the order, so one that already exists under that name (a crash came between the
 * start and recording its ARN, and it has ended since) is this order's workflow: record it, start nothing.
 */
const startWorkflow = async (order: Order, deps: PlaceOrderDeps): Promise<string> => {
  try {
    return (await deps.workflow.start(order.orderId, { ...toWorkflowInput(order) })).executionArn;
  } catch (error) {
    if (error instanceof ExecutionAlreadyExistsError) return error.executionArn;
    throw error;
  }
};

const claimOrderId = async (request: OrderRequest, key: string | undefined, deps: PlaceOrderDeps): Promise<string> => {
  const orderId = deps.newId();
  if (!key) return orderId;
  const fingerprint = fingerprintOf(request);
  const expiresAt = Math.floor(deps.now().getTime() / 1000) + IDEMPOTENCY_TTL_SECONDS;
  const earlier = await deps.idempotency.claim({ key, fingerprint, orderId, expiresAt });
  if (!earlier) return orderId;
  if (earlier.fingerprint !== fingerprint) throw new IdempotencyConflictError(key);
  return earlier.orderId;
};

const createOrder = async (orderId: string, request: OrderRequest, deps: PlaceOrderDeps): Promise<PlacedOrder> => {
  const timestamp = deps.now().toISOString();
  const order: Order = { ...request, orderId, status: 'NEW', createdAt: timestamp, updatedAt: timestamp };
  try {
    await deps.orders.create(order);
    return { order, replayed: false };
  } catch (error) {
    // Two requests with the same key at once (a double click) both find no order; the one that stores it second
    // fails and answers with the first one's order instead of a 500.
    const stored = await deps.orders.get(orderId);
    if (!stored) throw error;
    return { order: stored, replayed: true };
  }
};

/** Hash of the body with keys sorted, so the same order sent with keys in another order still matches. */
export const fingerprintOf = (value: unknown): string => createHash('sha256').update(canonicalJson(value)).digest('hex');

const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
};

/**
 * The chaos run's customers: each sends its planned request (again, with the same Idempotency-Key, when it
 * retries or double-clicks), then follows its order until it is terminal, as a shop front polling for the
 * outcome would. A client with a key retries a 5xx or a dropped connection; one without a key cannot know
 * whether its order exists and does not retry.
 */
import { TERMINAL_STATUSES, type OrderStatus } from '../domain/order';
import type { PlannedRequest } from './order-mix';

export interface PostOutcome {
  status: number;
  orderId?: string;
  /** Field-level errors of a 400. */
  errors?: unknown;
}

export interface RequestRecord {
  request: PlannedRequest;
  /** Every answer, retries and repeats included, in the order they came. */
  answers: PostOutcome[];
  /** The status the order had when the client stopped following it. */
  finalStatus?: OrderStatus;
}

export interface ApiTarget {
  url: string;
  apiKey: string;
}

export const RETRIES_AFTER_5XX = 3;
const NETWORK_ERROR = 0;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const postOnce = async (target: ApiTarget, r: PlannedRequest): Promise<PostOutcome> => {
  try {
    const response = await fetch(`${target.url}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': target.apiKey, ...(r.idempotencyKey ? { 'Idempotency-Key': r.idempotencyKey } : {}) },
      body: r.body,
    });
    const text = await response.text();
    const body = (text ? JSON.parse(text) : {}) as { orderId?: unknown; errors?: unknown };
    return { status: response.status, ...(typeof body.orderId === 'string' ? { orderId: body.orderId } : {}), ...(body.errors ? { errors: body.errors } : {}) };
  } catch {
    return { status: NETWORK_ERROR };
  }
};

/** One send, with the retries a keyed client makes after a 5xx or a dropped connection. */
const send = async (target: ApiTarget, r: PlannedRequest, answers: PostOutcome[]): Promise<void> => {
  for (let attempt = 0; ; attempt++) {
    const outcome = await postOnce(target, r);
    answers.push(outcome);
    const serverSide = outcome.status === NETWORK_ERROR || outcome.status >= 500;
    if (!serverSide || !r.idempotencyKey || attempt >= RETRIES_AFTER_5XX) return;
    await sleep(20 * 2 ** attempt);
  }
};

/** Polls GET /orders/{id} until the order is terminal or `deadlineMs` passes. */
const follow = async (target: ApiTarget, orderId: string, deadlineMs: number): Promise<OrderStatus | undefined> => {
  const deadline = Date.now() + deadlineMs;
  let status: OrderStatus | undefined;
  for (let wait = 20; Date.now() < deadline; wait = Math.min(250, wait * 1.5)) {
    const response = await fetch(`${target.url}/orders/${encodeURIComponent(orderId)}`, { headers: { 'x-api-key': target.apiKey } });
    if (response.status === 200) status = ((await response.json()) as { status: OrderStatus }).status;
    else await response.arrayBuffer();
    if (status && TERMINAL_STATUSES.includes(status)) return status;
    await sleep(wait);
  }
  return status;
};

export const runCustomer = async (target: ApiTarget, r: PlannedRequest, followDeadlineMs: number): Promise<RequestRecord> => {
  const answers: PostOutcome[] = [];
  if (r.concurrentRepeats && r.sends > 1) {
    await Promise.all(Array.from({ length: r.sends }, () => send(target, r, answers)));
  } else {
    for (let i = 0; i < r.sends; i++) await send(target, r, answers);
  }
  const orderId = answers.find((a) => a.orderId)?.orderId;
  const finalStatus = orderId ? await follow(target, orderId, followDeadlineMs) : undefined;
  return { request: r, answers, ...(finalStatus ? { finalStatus } : {}) };
};

/**
 * How the load tool learns when each order reached its terminal state:
 * - locally, from the local stack's execution store (the data behind `/_local/executions`), read in-process:
 *   the stop time of each execution to the millisecond, its status and error, and its history (state
 *   transitions, payment messages), without adding HTTP polling to the load being measured;
 * - on AWS, by polling `GET /orders/{id}` until the status is terminal (resolution: the poll interval).
 */
import type { LocalStack } from '../local/stack';
import { TERMINAL_STATUSES, type OrderStatus } from '../domain/order';
import { request } from './requests';

export interface AcceptedOrder {
  orderId: string;
  executionArn?: string;
}

export interface OrderOutcome {
  orderId: string;
  /** Order status (COMPLETED, REJECTED, FAILED), or the execution's when it ended otherwise (TIMED_OUT, ABORTED, RUNNING). */
  status: string;
  error?: string;
  /** Epoch ms when the order reached its terminal state. */
  terminalAt?: number;
  /** Standard state transitions (StateEntered events), when the history is available. */
  transitions?: number;
  /** Payment messages the execution sent (entries into a `sqs:sendMessage` task). */
  paymentMessages?: number;
}

export interface Observer {
  /** How many of the orders have reached a terminal state (cheap; for the progress bar). */
  terminalCount(orders: readonly AcceptedOrder[]): Promise<number>;
  outcomes(orders: readonly AcceptedOrder[]): Promise<OrderOutcome[]>;
}

export const localObserver = (stack: LocalStack): Observer => {
  const { executions, runners } = stack.services;
  const paymentStates = new Set(
    runners.flatMap((r) => [...r.states.values()].filter((s) => String(s.definition.Resource ?? '').includes(':sqs:sendMessage')).map((s) => s.name)),
  );
  return {
    terminalCount: async (orders) => {
      const byStatus = executions.countByStatus();
      const finished = Object.entries(byStatus).reduce((sum, [status, n]) => (status === 'RUNNING' ? sum : sum + n), 0);
      return Math.min(orders.length, finished);
    },
    outcomes: async (orders) =>
      orders.map(({ orderId, executionArn }) => {
        const record = executionArn ? executions.get(executionArn) : executions.find(orderId);
        if (!record) return { orderId, status: 'UNKNOWN' };
        const entered = executions.events(record.executionArn).filter((e) => e.type === 'StateEntered');
        return {
          orderId,
          status: orderStatusOf(record.status, record.error),
          ...(record.error ? { error: record.error } : {}),
          ...(record.stopDate ? { terminalAt: Date.parse(record.stopDate) } : {}),
          transitions: entered.length,
          paymentMessages: entered.filter((e) => paymentStates.has(e.stateName ?? '')).length,
        };
      }),
  };
};

/** The order's status as the workflow leaves it: a ValidationError failure is the rejection path. */
export const orderStatusOf = (executionStatus: string, error?: string): string => {
  if (executionStatus === 'SUCCEEDED') return 'COMPLETED';
  if (executionStatus === 'FAILED') return error === 'ValidationError' ? 'REJECTED' : 'FAILED';
  return executionStatus;
};

export interface RemoteObserverOptions {
  baseUrl: URL;
  apiKey: string;
  pollIntervalMs?: number;
  concurrency?: number;
  get?: (url: URL, headers: Record<string, string>) => Promise<{ statusCode: number; body: unknown }>;
}

export const remoteObserver = ({ baseUrl, apiKey, pollIntervalMs = 500, concurrency = 8, get = (url, headers) => request('GET', url, headers) }: RemoteObserverOptions): Observer => {
  const seen = new Map<string, OrderOutcome>();
  let lastPoll = 0;
  const poll = async (orders: readonly AcceptedOrder[]): Promise<void> => {
    if (Date.now() - lastPoll < pollIntervalMs) return;
    lastPoll = Date.now();
    const pending = orders.filter((o) => !seen.has(o.orderId));
    for (let i = 0; i < pending.length; i += concurrency) {
      await Promise.all(
        pending.slice(i, i + concurrency).map(async ({ orderId }) => {
          const response = await get(new URL(`orders/${encodeURIComponent(orderId)}`, baseUrl), { 'x-api-key': apiKey });
          if (response.statusCode !== 200) return;
          const order = response.body as { status?: OrderStatus; failure?: { error?: string } };
          if (!order.status || !TERMINAL_STATUSES.includes(order.status)) return;
          seen.set(orderId, { orderId, status: order.status, ...(order.failure?.error ? { error: order.failure.error } : {}), terminalAt: Date.now() });
        }),
      );
    }
  };
  return {
    terminalCount: async (orders) => {
      await poll(orders);
      return orders.filter((o) => seen.has(o.orderId)).length;
    },
    outcomes: async (orders) => orders.map((o) => seen.get(o.orderId) ?? { orderId: o.orderId, status: 'RUNNING' }),
  };
};

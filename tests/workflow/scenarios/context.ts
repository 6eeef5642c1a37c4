/** What the scenario modules share: the stack of their describe block, payment-queue lookups and ledger reads. */
import type { PaymentEvent, Product, QueueView, StackClient } from '../../support/local-stack';

export type StackRef = () => StackClient;

export interface QueueWithConsumers extends QueueView {
  consumers: { function: string; paused: boolean }[];
}

/** The queue a function consumes that has a dead-letter queue: the payment queue, whatever the template calls it. */
export const paymentQueue = async (c: StackClient): Promise<QueueWithConsumers> => {
  const queues = await c.console<QueueWithConsumers[]>('queues');
  const q = queues.find((x) => x.consumers.length > 0 && x.deadLetterQueue);
  if (!q) throw new Error('No consumed queue with a dead-letter queue in the template');
  return q;
};

export const inventory = async (c: StackClient): Promise<Map<string, Product>> =>
  new Map((await c.console<Product[]>('inventory')).map((p) => [p.productId, p]));

export const payments = (c: StackClient, orderId: string): Promise<PaymentEvent[]> => c.console<PaymentEvent[]>(`payments?orderId=${orderId}`);

/** Waits until the payment queue has nothing visible or in flight (every message settled). */
export const paymentQueueDrained = async (c: StackClient): Promise<void> => {
  await c.waitFor('the payment queue to drain', async () => {
    const q = await paymentQueue(c);
    return q.depth === 0 && q.inFlight === 0 ? true : undefined;
  });
};

export const eventsOf = (execution: { events: { type: string; stateName?: string }[] }, type: string, stateName?: string) =>
  execution.events.filter((e) => e.type === type && (stateName === undefined || e.stateName === stateName));

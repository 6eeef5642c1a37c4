/** Fulfilment: book the shipment, then sell the reservation and complete the order in one write. */
import { OrderNotFoundError } from '../domain/errors';
import { planShipment } from '../domain/fulfilment';
import type { Order } from '../domain/order';
import type { AppDeps } from './deps';

export interface FulfilmentOutcome {
  order: Order;
  /** False when an earlier attempt had already completed the order (nothing was sold now). */
  completedNow: boolean;
}

export const fulfilOrder = async (orderId: string, deps: Pick<AppDeps, 'orders' | 'inventory' | 'now'>): Promise<FulfilmentOutcome> => {
  // A retry after the sale (the task crashed or timed out before answering) finds the order COMPLETED: it
  // answers with what is stored and reports nothing new, so OrderCompleted counts each sale once.
  const before = await deps.orders.get(orderId);
  if (before?.status === 'COMPLETED') return { order: before, completedNow: false };
  // One atomic write: a crash can no longer leave stock sold for an order that compensation then fails.
  await deps.inventory.commit(orderId, planShipment(orderId, deps.now()));
  // Read back rather than echo the plan: a concurrent attempt may have completed it with its own fulfilment.
  const order = await deps.orders.get(orderId);
  if (!order) throw new OrderNotFoundError(orderId);
  return { order, completedNow: true };
};

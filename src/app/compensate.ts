/**
 * Compensation (the workflow's RefundPayment and ReleaseInventory, side by side). Each undo is safe to repeat,
 * and each leaves a COMPLETED order alone: FulfillOrder sells the stock and completes the order in one write,
 * and can still fail afterwards (it timed out or crashed before answering, and its retries ran out). The goods
 * are then sold and will ship, so the charge and the sale stand; RecordFailure refuses the COMPLETED → FAILED
 * move and the execution fails for an operator to look at.
 */
import type { ReservationLine } from '../domain/order';
import type { AppDeps } from './deps';

/** What an undo did, or that it was skipped because the order is COMPLETED. */
export type Compensation<T> = { skipped: 'order-completed' } | { skipped?: undefined; result: T };

export interface RefundResult {
  refunded: boolean;
  amount: number;
  paymentId?: string;
}

export interface ReleaseResult {
  released: boolean;
  lines: ReservationLine[];
}

const unlessCompleted = async <T>(orderId: string, deps: Pick<AppDeps, 'orders'>, undo: () => Promise<T>): Promise<Compensation<T>> => {
  const order = await deps.orders.get(orderId);
  if (order?.status === 'COMPLETED') return { skipped: 'order-completed' };
  return { result: await undo() };
};

/** Refunds the order's charge if one was taken and not yet refunded. */
export const refundPayment = (orderId: string, deps: Pick<AppDeps, 'orders' | 'payments'>): Promise<Compensation<RefundResult>> =>
  unlessCompleted(orderId, deps, async () => {
    const { refunded, charge } = await deps.payments.refund(orderId, 'Order failed: compensation');
    return { refunded, amount: refunded && charge ? charge.amount : 0, ...(charge ? { paymentId: charge.paymentId } : {}) };
  });

/** Returns only what this order still holds. */
export const releaseInventory = (orderId: string, deps: Pick<AppDeps, 'orders' | 'inventory'>): Promise<Compensation<ReleaseResult>> =>
  unlessCompleted(orderId, deps, async () => {
    const reservation = await deps.inventory.release(orderId);
    return { released: reservation !== undefined, lines: reservation?.lines ?? [] };
  });

/** RefundPayment state (compensation): refunds the order's charge if one was taken and not yet refunded. */
import type { AppDeps } from '../app/deps';
import { logger } from '../observability/powertools';
import { taskHandler } from './middleware/task-handler';

export interface RefundPaymentOutput {
  refunded: boolean;
  amount: number;
  paymentId?: string;
}

export const makeRefundPaymentHandler = (deps: Pick<AppDeps, 'payments' | 'orders'>) =>
  taskHandler(async (input: { orderId: string; executionArn?: string }): Promise<RefundPaymentOutput> => {
    // FulfillOrder can complete the order and still fail (it timed out or crashed before answering, and its
    // retries ran out): the goods are sold and will ship, so the charge stands; RecordFailure then refuses the
    // COMPLETED → FAILED move and the execution fails for an operator to look at.
    const order = await deps.orders.get(input.orderId);
    if (order?.status === 'COMPLETED') {
      logger.warn('Compensation asked to refund a COMPLETED order; the charge stands', { orderId: input.orderId });
      return { refunded: false, amount: 0 };
    }
    const { refunded, charge } = await deps.payments.refund(input.orderId, 'Order failed: compensation');
    return { refunded, amount: refunded && charge ? charge.amount : 0, ...(charge ? { paymentId: charge.paymentId } : {}) };
  });

/** RefundPayment state (compensation): refunds the order's charge if one was taken and not yet refunded. */
import type { AppDeps } from '../app/deps';
import { taskHandler } from './middleware/task-handler';

export interface RefundPaymentOutput {
  refunded: boolean;
  amount: number;
  paymentId?: string;
}

export const makeRefundPaymentHandler = (deps: Pick<AppDeps, 'payments'>) =>
  taskHandler(async (input: { orderId: string; executionArn?: string }): Promise<RefundPaymentOutput> => {
    const { refunded, charge } = await deps.payments.refund(input.orderId, 'Order failed: compensation');
    return { refunded, amount: refunded && charge ? charge.amount : 0, ...(charge ? { paymentId: charge.paymentId } : {}) };
  });

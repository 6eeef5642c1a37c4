/** RefundPayment state (compensation): see src/app/compensate.ts, which also says why a COMPLETED order keeps its charge. */
import type { AppDeps } from '../app/deps';
import { refundPayment, type RefundResult } from '../app/compensate';
import { logger } from '../observability/powertools';
import { taskHandler } from './middleware/task-handler';

export const makeRefundPaymentHandler = (deps: Pick<AppDeps, 'payments' | 'orders'>) =>
  taskHandler(async (input: { orderId: string; executionArn?: string }): Promise<RefundResult> => {
    const outcome = await refundPayment(input.orderId, deps);
    if (!outcome.skipped) return outcome.result;
    logger.warn('Compensation asked to refund a COMPLETED order; the charge stands', { orderId: input.orderId });
    return { refunded: false, amount: 0 };
  });

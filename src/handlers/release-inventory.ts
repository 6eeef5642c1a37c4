/** ReleaseInventory state (compensation): returns only what this order still holds; safe to repeat. */
import type { AppDeps } from '../app/deps';
import type { ReservationLine } from '../domain/order';
import { logger } from '../observability/powertools';
import { taskHandler } from './middleware/task-handler';

export interface ReleaseInventoryOutput {
  released: boolean;
  lines: ReservationLine[];
}

export const makeReleaseInventoryHandler = (deps: Pick<AppDeps, 'inventory' | 'orders'>) =>
  taskHandler(async (input: { orderId: string; executionArn?: string }): Promise<ReleaseInventoryOutput> => {
    // As in RefundPayment: a COMPLETED order's stock is sold and ships (FulfillOrder sells and completes in one
    // write, then failed to answer), so compensation leaves it alone; RecordFailure then refuses COMPLETED → FAILED.
    const order = await deps.orders.get(input.orderId);
    if (order?.status === 'COMPLETED') {
      logger.warn('Compensation asked to release the stock of a COMPLETED order; the sale stands', { orderId: input.orderId });
      return { released: false, lines: [] };
    }
    const reservation = await deps.inventory.release(input.orderId);
    return { released: reservation !== undefined, lines: reservation?.lines ?? [] };
  });

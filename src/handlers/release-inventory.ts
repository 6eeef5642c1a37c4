/** ReleaseInventory state (compensation): see src/app/compensate.ts, which also says why a COMPLETED order keeps its stock sold. */
import type { AppDeps } from '../app/deps';
import { releaseInventory, type ReleaseResult } from '../app/compensate';
import { logger } from '../observability/powertools';
import { taskHandler } from './middleware/task-handler';

export const makeReleaseInventoryHandler = (deps: Pick<AppDeps, 'inventory' | 'orders'>) =>
  taskHandler(async (input: { orderId: string; executionArn?: string }): Promise<ReleaseResult> => {
    const outcome = await releaseInventory(input.orderId, deps);
    if (!outcome.skipped) return outcome.result;
    logger.warn('Compensation asked to release the stock of a COMPLETED order; the sale stands', { orderId: input.orderId });
    return { released: false, lines: [] };
  });

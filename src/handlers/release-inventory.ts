/** ReleaseInventory state (compensation): returns only what this order still holds; safe to repeat. */
import type { AppDeps } from '../app/deps';
import type { ReservationLine } from '../domain/order';
import { taskHandler } from './middleware/task-handler';

export interface ReleaseInventoryOutput {
  released: boolean;
  lines: ReservationLine[];
}

export const makeReleaseInventoryHandler = (deps: Pick<AppDeps, 'inventory'>) =>
  taskHandler(async (input: { orderId: string; executionArn?: string }): Promise<ReleaseInventoryOutput> => {
    const reservation = await deps.inventory.release(input.orderId);
    return { released: reservation !== undefined, lines: reservation?.lines ?? [] };
  });

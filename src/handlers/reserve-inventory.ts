/** ReserveInventory state: holds stock for every line or none; OutOfStockError names the short product. */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { OutOfStockError } from '../domain/errors';
import type { OrderItem, Reservation } from '../domain/order';
import type { AppDeps } from '../app/deps';
import { MetricNames } from '../observability/metric-names';
import { metrics } from '../observability/powertools';
import { taskHandler } from './middleware/task-handler';

export interface ReserveInventoryInput {
  orderId: string;
  items: OrderItem[];
  executionArn?: string;
}

export const makeReserveInventoryHandler = (deps: Pick<AppDeps, 'orders' | 'inventory'>) =>
  taskHandler(async (input: ReserveInventoryInput): Promise<Reservation> => {
    await deps.orders.changeStatus(input.orderId, { status: 'PROCESSING', from: ['VALIDATED'] });
    try {
      return await deps.inventory.reserve(
        input.orderId,
        input.items.map(({ productId, quantity }) => ({ productId, quantity })),
      );
    } catch (error) {
      if (error instanceof OutOfStockError) metrics.addMetric(MetricNames.OutOfStock, MetricUnit.Count, 1);
      throw error;
    }
  });

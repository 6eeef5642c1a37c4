/** ReserveInventory state (src/app/reserve-stock.ts): counts OutOfStock, which the workflow turns into a failure. */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { OutOfStockError } from '../domain/errors';
import type { OrderItem, Reservation } from '../domain/order';
import type { AppDeps } from '../app/deps';
import { reserveStock } from '../app/reserve-stock';
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
    try {
      return await reserveStock(input.orderId, input.items, deps);
    } catch (error) {
      if (error instanceof OutOfStockError) metrics.addMetric(MetricNames.OutOfStock, MetricUnit.Count, 1);
      throw error;
    }
  });

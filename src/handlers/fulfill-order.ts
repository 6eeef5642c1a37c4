/** FulfillOrder state: see src/app/fulfil-order.ts. Counts OrderCompleted once per sale. */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { toOrderSummary, type OrderSummary } from '../domain/order';
import type { AppDeps } from '../app/deps';
import { fulfilOrder } from '../app/fulfil-order';
import { MetricNames } from '../observability/metric-names';
import { metrics } from '../observability/powertools';
import { taskHandler } from './middleware/task-handler';

export const makeFulfillOrderHandler = (deps: Pick<AppDeps, 'orders' | 'inventory' | 'now'>) =>
  taskHandler(async ({ orderId }: { orderId: string; executionArn?: string }): Promise<{ order: OrderSummary }> => {
    const { order, completedNow } = await fulfilOrder(orderId, deps);
    if (completedNow) metrics.addMetric(MetricNames.OrderCompleted, MetricUnit.Count, 1);
    return { order: toOrderSummary(order) };
  });

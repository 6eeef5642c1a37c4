/** FulfillOrder state: turns the reservation into a sale, books the shipment and completes the order. */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { planShipment } from '../domain/fulfilment';
import { toOrderSummary, type OrderSummary } from '../domain/order';
import type { AppDeps } from '../app/deps';
import { MetricNames } from '../observability/metric-names';
import { metrics } from '../observability/powertools';
import { taskHandler } from './middleware/task-handler';

export const makeFulfillOrderHandler = (deps: Pick<AppDeps, 'orders' | 'inventory' | 'now'>) =>
  taskHandler(async (input: { orderId: string; executionArn?: string }): Promise<{ order: OrderSummary }> => {
    await deps.inventory.commit(input.orderId);
    const fulfilment = planShipment(input.orderId, deps.now());
    const order = await deps.orders.changeStatus(input.orderId, { status: 'COMPLETED', from: ['PROCESSING'], fulfilment });
    metrics.addMetric(MetricNames.OrderCompleted, MetricUnit.Count, 1);
    return { order: toOrderSummary(order) };
  });

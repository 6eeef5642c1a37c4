/** FulfillOrder state: books the shipment, then sells the reservation and completes the order in one write. */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { OrderNotFoundError } from '../domain/errors';
import { planShipment } from '../domain/fulfilment';
import { toOrderSummary, type OrderSummary } from '../domain/order';
import type { AppDeps } from '../app/deps';
import { MetricNames } from '../observability/metric-names';
import { metrics } from '../observability/powertools';
import { taskHandler } from './middleware/task-handler';

export const makeFulfillOrderHandler = (deps: Pick<AppDeps, 'orders' | 'inventory' | 'now'>) =>
  taskHandler(async ({ orderId }: { orderId: string; executionArn?: string }): Promise<{ order: OrderSummary }> => {
    // A retry after the sale (this task crashed or timed out before answering) finds the order COMPLETED:
    // it answers with what is stored and counts nothing, so OrderCompleted counts each sale once.
    const before = await deps.orders.get(orderId);
    if (before?.status === 'COMPLETED') return { order: toOrderSummary(before) };
    // One atomic write: a crash can no longer leave stock sold for an order that compensation then fails.
    await deps.inventory.commit(orderId, planShipment(orderId, deps.now()));
    // Read back rather than echo the plan: a concurrent attempt may have completed it with its own fulfilment.
    const order = await deps.orders.get(orderId);
    if (!order) throw new OrderNotFoundError(orderId);
    metrics.addMetric(MetricNames.OrderCompleted, MetricUnit.Count, 1);
    return { order: toOrderSummary(order) };
  });

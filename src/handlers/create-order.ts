/** POST /orders: accepts an order (202) and starts its workflow. */
import type { APIGatewayProxyResult } from 'aws-lambda';
import validateCreateOrderEvent from '../schemas/create-order-request.validator';
import type { OrderRequest } from '../domain/order';
import { placeOrder, type PlaceOrderDeps } from '../app/place-order';
import { MetricNames } from '../observability/metric-names';
import { logger, metrics } from '../observability/powertools';
import { apiHandler, json, type ApiEvent } from './middleware/api-handler';
import { badRequest } from './middleware/http-problem';
import { idempotencyKeyViolation } from '../domain/idempotency-key';
import { MetricUnit } from '@aws-lambda-powertools/metrics';

export const makeCreateOrderHandler = (deps: PlaceOrderDeps) =>
  apiHandler<OrderRequest>(
    async (event: ApiEvent<OrderRequest>): Promise<APIGatewayProxyResult> => {
      const idempotencyKey = event.headers['idempotency-key'] || undefined;
      const keyViolation = idempotencyKey === undefined ? undefined : idempotencyKeyViolation(idempotencyKey);
      if (keyViolation) throw badRequest('Invalid Idempotency-Key header', [{ field: 'Idempotency-Key', message: keyViolation }]);
      const { order, replayed } = await placeOrder(event.body, idempotencyKey, deps);
      logger.appendKeys({ orderId: order.orderId, executionArn: order.executionArn });
      if (!replayed) metrics.addMetric(MetricNames.OrderCreated, MetricUnit.Count, 1);
      logger.info(replayed ? 'Order replayed for a repeated Idempotency-Key' : 'Order accepted');
      return json(
        202,
        { orderId: order.orderId, status: order.status, executionArn: order.executionArn, links: { self: `/orders/${order.orderId}` } },
        { Location: `/orders/${order.orderId}`, ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}) },
      );
    },
    { bodyValidator: validateCreateOrderEvent },
  );

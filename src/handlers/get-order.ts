/** GET /orders/{orderId}: the order with its status, failure or fulfilment; 404 when unknown. */
import { OrderNotFoundError } from '../domain/errors';
import { toOrderView } from '../domain/order';
import type { AppDeps } from '../app/deps';
import { apiHandler, json } from './middleware/api-handler';
import { badRequest } from './middleware/http-problem';

export const makeGetOrderHandler = (deps: Pick<AppDeps, 'orders'>) =>
  apiHandler(async (event) => {
    const orderId = event.pathParameters?.orderId;
    if (!orderId) throw badRequest('Missing order id', [{ field: 'orderId', message: 'is required' }]);
    const order = await deps.orders.get(orderId);
    if (!order) throw new OrderNotFoundError(orderId);
    return json(200, toOrderView(order));
  });

/** GET /orders/{orderId}: the order with its status, failure or fulfilment; 404 when unknown. */
import type { AppDeps } from '../app/deps';
import { getOrder } from '../app/get-order';
import { apiHandler, json } from './middleware/api-handler';
import { badRequest } from './middleware/http-problem';

export const makeGetOrderHandler = (deps: Pick<AppDeps, 'orders'>) =>
  apiHandler(async (event) => {
    const orderId = event.pathParameters?.orderId;
    if (!orderId) throw badRequest('Missing order id', [{ field: 'orderId', message: 'is required' }]);
    return json(200, await getOrder(orderId, deps));
  });

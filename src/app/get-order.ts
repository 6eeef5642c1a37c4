/** One order as the API shows it. */
import { OrderNotFoundError } from '../domain/errors';
import { toOrderView, type OrderView } from '../domain/order';
import type { AppDeps } from './deps';

export const getOrder = async (orderId: string, deps: Pick<AppDeps, 'orders'>): Promise<OrderView> => {
  const order = await deps.orders.get(orderId);
  if (!order) throw new OrderNotFoundError(orderId);
  return toOrderView(order);
};

/** The read side of the API: one order, or a page of orders newest first. */
import { OrderNotFoundError } from '../domain/errors';
import { toOrderView, type OrderView } from '../domain/order';
import type { ListOrdersQuery } from '../domain/ports';
import type { AppDeps } from './deps';

export const getOrder = async (orderId: string, deps: Pick<AppDeps, 'orders'>): Promise<OrderView> => {
  const order = await deps.orders.get(orderId);
  if (!order) throw new OrderNotFoundError(orderId);
  return toOrderView(order);
};

export interface OrderPage {
  orders: OrderView[];
  nextCursor?: string;
}

export const listOrders = async (query: ListOrdersQuery, deps: Pick<AppDeps, 'orders'>): Promise<OrderPage> => {
  const page = await deps.orders.list(query);
  return { orders: page.items.map(toOrderView), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
};

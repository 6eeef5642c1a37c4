/** A page of orders, newest first, as the API shows them. */
import { toOrderView, type OrderView } from '../domain/order';
import type { ListOrdersQuery } from '../domain/ports';
import type { AppDeps } from './deps';

export interface OrderPage {
  orders: OrderView[];
  nextCursor?: string;
}

export const listOrders = async (query: ListOrdersQuery, deps: Pick<AppDeps, 'orders'>): Promise<OrderPage> => {
  const page = await deps.orders.list(query);
  return { orders: page.items.map(toOrderView), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
};

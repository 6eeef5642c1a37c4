/** Reservation: the order moves to PROCESSING and holds stock for every line or none. */
import type { OrderItem, Reservation } from '../domain/order';
import type { AppDeps } from './deps';

/** OutOfStockError (from the repository) names the short product. */
export const reserveStock = async (orderId: string, items: readonly OrderItem[], deps: Pick<AppDeps, 'orders' | 'inventory'>): Promise<Reservation> => {
  await deps.orders.changeStatus(orderId, { status: 'PROCESSING', from: ['VALIDATED'] });
  return deps.inventory.reserve(
    orderId,
    items.map(({ productId, quantity }) => ({ productId, quantity })),
  );
};

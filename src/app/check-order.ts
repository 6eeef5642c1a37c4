/** Validation and reservation, the workflow's first steps: business rules against the catalogue, then stock. */
import { validateOrder, type ValidationResult } from '../domain/business-rules';
import type { OrderItem, Reservation, WorkflowInput } from '../domain/order';
import type { AppDeps } from './deps';

/** Applies the business rules; a valid order moves NEW → VALIDATED, an invalid one stays as it is. */
export const checkOrder = async (input: WorkflowInput, deps: Pick<AppDeps, 'orders' | 'inventory'>): Promise<ValidationResult> => {
  const catalogue = await deps.inventory.getProducts([...new Set(input.order.items.map((item) => item.productId))]);
  const result = validateOrder(input.order, catalogue);
  if (result.valid) await deps.orders.changeStatus(input.orderId, { status: 'VALIDATED', from: ['NEW'] });
  return result;
};

/** Moves the order to PROCESSING and holds stock for every line or none (OutOfStockError names the short product). */
export const reserveStock = async (orderId: string, items: readonly OrderItem[], deps: Pick<AppDeps, 'orders' | 'inventory'>): Promise<Reservation> => {
  await deps.orders.changeStatus(orderId, { status: 'PROCESSING', from: ['VALIDATED'] });
  return deps.inventory.reserve(
    orderId,
    items.map(({ productId, quantity }) => ({ productId, quantity })),
  );
};

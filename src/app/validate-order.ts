/** The workflow's first step: the business rules against the catalogue. */
import { validateOrder, type ValidationResult } from '../domain/business-rules';
import type { WorkflowInput } from '../domain/order';
import type { AppDeps } from './deps';

/** A valid order moves NEW → VALIDATED; an invalid one stays as it is, for RecordRejection. */
export const checkOrder = async (input: WorkflowInput, deps: Pick<AppDeps, 'orders' | 'inventory'>): Promise<ValidationResult> => {
  const catalogue = await deps.inventory.getProducts([...new Set(input.order.items.map((item) => item.productId))]);
  const result = validateOrder(input.order, catalogue);
  if (result.valid) await deps.orders.changeStatus(input.orderId, { status: 'VALIDATED', from: ['NEW'] });
  return result;
};

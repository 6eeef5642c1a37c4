/** ValidateOrder state: applies the business rules; a valid order moves to VALIDATED. */
import { describeViolations, validateOrder, type ValidationResult } from '../domain/business-rules';
import type { WorkflowInput } from '../domain/order';
import type { AppDeps } from '../app/deps';
import { logger } from '../observability/powertools';
import { taskHandler } from './middleware/task-handler';

export interface ValidateOrderInput extends WorkflowInput {
  executionArn?: string;
}

export type ValidateOrderOutput = ValidationResult & { summary: string };

export const makeValidateOrderHandler = (deps: Pick<AppDeps, 'orders' | 'inventory'>) =>
  taskHandler(async (input: ValidateOrderInput): Promise<ValidateOrderOutput> => {
    const catalogue = await deps.inventory.getProducts([...new Set(input.order.items.map((item) => item.productId))]);
    const result = validateOrder(input.order, catalogue);
    if (result.valid) {
      await deps.orders.changeStatus(input.orderId, { status: 'VALIDATED', from: ['NEW'] });
    } else {
      logger.info('Order broke business rules', { rules: result.errors.map((e) => e.rule) });
    }
    return { ...result, summary: describeViolations(result.errors) };
  });

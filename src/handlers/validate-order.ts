/** ValidateOrder state (src/app/validate-order.ts): the rules' verdict plus a one-line summary for the workflow. */
import { describeViolations, type ValidationResult } from '../domain/business-rules';
import type { WorkflowInput } from '../domain/order';
import type { AppDeps } from '../app/deps';
import { checkOrder } from '../app/validate-order';
import { logger } from '../observability/powertools';
import { taskHandler } from './middleware/task-handler';

export interface ValidateOrderInput extends WorkflowInput {
  executionArn?: string;
}

export type ValidateOrderOutput = ValidationResult & { summary: string };

export const makeValidateOrderHandler = (deps: Pick<AppDeps, 'orders' | 'inventory'>) =>
  taskHandler(async (input: ValidateOrderInput): Promise<ValidateOrderOutput> => {
    const result = await checkOrder(input, deps);
    if (!result.valid) logger.info('Order broke business rules', { rules: result.errors.map((e) => e.rule) });
    return { ...result, summary: describeViolations(result.errors) };
  });

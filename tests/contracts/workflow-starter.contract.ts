/**
 * The WorkflowStarter contract, as StartExecution behaves on a Standard machine: a repeat with the same name and
 * input while the execution runs is that execution; another input, or a repeat after it ended, is
 * ExecutionAlreadyExistsError naming it.
 */
import { ExecutionAlreadyExistsError } from '../../src/domain/errors';
import type { WorkflowStarter } from '../../src/domain/ports';
import { caseOf, type Gaps } from './contract-support';

interface WorkflowStarterSubject {
  starter: WorkflowStarter;
  /** Ends a running execution (stopped, or run to its end), as the workflow eventually does. */
  end(executionArn: string): Promise<void>;
}

export type WorkflowStarterFactory = () => Promise<WorkflowStarterSubject>;

const INPUT = { orderId: 'order-1', order: { customerId: 'customer-1', currency: 'EUR', items: [{ productId: 'widget', quantity: 2, unitPrice: 10 }], amount: 20 } };

export const workflowStarterContract = (implementation: string, factory: WorkflowStarterFactory, gaps?: Gaps): void => {
  const test = caseOf(gaps);

  describe(`WorkflowStarter contract: ${implementation}`, () => {
    let subject: WorkflowStarterSubject;

    beforeEach(async () => {
      subject = await factory();
    });

    test('starts an execution named after the given name, one per name', async () => {
      const first = await subject.starter.start('order-1', INPUT);
      const second = await subject.starter.start('order-2', { ...INPUT, orderId: 'order-2' });

      expect(first).toEqual({ executionArn: expect.stringMatching(/:execution:[^:]+:order-1$/) });
      expect(second.executionArn).toMatch(/:order-2$/);
      expect(second.executionArn).not.toBe(first.executionArn);
    });

    test('a repeat with the same name and input while it runs answers the same execution', async () => {
      const first = await subject.starter.start('order-1', INPUT);

      const repeat = await subject.starter.start('order-1', structuredClone(INPUT));

      expect(repeat).toEqual(first);
    });

    test('a repeat with another input is ExecutionAlreadyExistsError naming the running execution', async () => {
      const { executionArn } = await subject.starter.start('order-1', INPUT);

      const repeat = subject.starter.start('order-1', { ...INPUT, retried: true });

      await expect(repeat).rejects.toThrow(ExecutionAlreadyExistsError);
      await expect(repeat).rejects.toMatchObject({ executionArn });
    });

    test('a repeat after the execution ended is ExecutionAlreadyExistsError, even with the same input', async () => {
      const { executionArn } = await subject.starter.start('order-1', INPUT);
      await subject.end(executionArn);

      const repeat = subject.starter.start('order-1', INPUT);

      await expect(repeat).rejects.toThrow(ExecutionAlreadyExistsError);
      await expect(repeat).rejects.toMatchObject({ executionArn });
    });
  });
};

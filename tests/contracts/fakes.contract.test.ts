/**
 * The in-memory fakes of the handler tests (tests/support/fakes.ts) against every port's contract: a fake kinder
 * than the real adapters would let a handler test prove what the deployed stack does not do.
 */
import {
  FakeExecutionHistory,
  FakeIdempotencyStore,
  FakeInventoryRepository,
  FakeNotifier,
  FakeOrderRepository,
  FakePaymentLedger,
  FakeTaskCallbacks,
  FakeWorkflowStarter,
} from '../support/fakes';
import { executionHistoryContract } from './execution-history.contract';
import { idempotencyStoreContract } from './idempotency-store.contract';
import { inventoryRepositoryContract } from './inventory-repository.contract';
import { notifierContract } from './notifier.contract';
import { orderRepositoryContract } from './order-repository.contract';
import { paymentLedgerContract } from './payment-ledger.contract';
import { taskCallbacksContract, type TaskOutcome } from './task-callbacks.contract';
import { workflowStarterContract } from './workflow-starter.contract';

const IMPLEMENTATION = 'in-memory fake';

orderRepositoryContract(IMPLEMENTATION, async (clock) => ({ orders: new FakeOrderRepository(clock.now) }));

idempotencyStoreContract(IMPLEMENTATION, async (clock) => new FakeIdempotencyStore(clock.now));

inventoryRepositoryContract(IMPLEMENTATION, async (clock, products) => {
  const orders = new FakeOrderRepository(clock.now);
  return { orders, inventory: new FakeInventoryRepository(products, clock.now, orders) };
});

paymentLedgerContract(IMPLEMENTATION, async (clock) => {
  const orders = new FakeOrderRepository(clock.now);
  return { orders, ledger: new FakePaymentLedger(orders, clock.now) };
});

workflowStarterContract(IMPLEMENTATION, async () => {
  const starter = new FakeWorkflowStarter();
  return { starter, end: async (executionArn) => starter.finish(executionArn) };
});

taskCallbacksContract(IMPLEMENTATION, async () => {
  const callbacks = new FakeTaskCallbacks();
  let issued = 0;
  const issue = (): string => {
    const taskToken = `token-${(issued += 1)}`;
    callbacks.issue(taskToken);
    return taskToken;
  };
  const outcomeOf = (taskToken: string): TaskOutcome => {
    const success = callbacks.successes.find((answer) => answer.taskToken === taskToken);
    if (success) return { status: 'succeeded', output: success.output };
    const failure = callbacks.failures.find((answer) => answer.taskToken === taskToken);
    if (failure) return { status: 'failed', error: failure.error, cause: failure.cause };
    return { status: 'waiting' };
  };
  const dead = (): string => {
    const taskToken = issue();
    callbacks.kill(taskToken);
    return taskToken;
  };
  return {
    callbacks,
    waitingTask: async () => {
      const taskToken = issue();
      return { taskToken, outcome: async () => outcomeOf(taskToken) };
    },
    timedOutToken: async () => dead(),
    cancelledToken: async () => dead(),
  };
});

notifierContract(IMPLEMENTATION, async () => {
  const notifier = new FakeNotifier();
  return {
    notifier,
    received: async () =>
      notifier.published.map(({ eventType, orderStatus, subject, message }, index) => ({
        messageId: `msg-${String(index + 1).padStart(4, '0')}`,
        subject,
        message,
        attributes: { eventType, orderStatus },
      })),
  };
});

executionHistoryContract(IMPLEMENTATION, async () => {
  const history = new FakeExecutionHistory();
  const arn = 'arn:aws:states:us-east-1:123456789012:execution:Contract:pass-through';
  return {
    history,
    // The fake is told what a history says; this is what the engines record for the pass-through machine.
    passThroughExecution: async () => {
      history.setAttempts(arn, 'Prepare', 1);
      return arn;
    },
    unknownExecutionArn: 'arn:aws:states:us-east-1:123456789012:execution:Contract:unknown',
  };
});

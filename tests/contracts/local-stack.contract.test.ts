/**
 * The local stack's adapters (src/local/orders/adapters/) against every port's contract, each on a fresh SQLite
 * database and, for the workflow ports, on the emulator's own engine (state machine runner, task tokens, SNS).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LambdaRuntime } from '../../src/local/emulator/lambda/runtime';
import type { LocalQueues } from '../../src/local/emulator/queues/local-queues';
import { LocalSns } from '../../src/local/emulator/sns/local-sns';
import { ExecutionStore } from '../../src/local/emulator/state-machine/execution-store';
import { LocalStateMachineRunner } from '../../src/local/emulator/state-machine/runner';
import { Scope } from '../../src/local/emulator/state-machine/scope';
import { TaskTokens } from '../../src/local/emulator/state-machine/task-tokens';
import type { LocalDatabase } from '../../src/local/emulator/store/database';
import { executionArn as toExecutionArn } from '../../src/local/emulator/template/physical-ids';
import { LocalExecutionHistory } from '../../src/local/orders/adapters/execution-history';
import { SqliteIdempotencyStore } from '../../src/local/orders/adapters/idempotency';
import { SqliteInventoryRepository } from '../../src/local/orders/adapters/inventory';
import { LocalSnsNotifier } from '../../src/local/orders/adapters/notifier';
import { SqliteOrderRepository } from '../../src/local/orders/adapters/orders';
import { SqlitePaymentLedger } from '../../src/local/orders/adapters/payments';
import { LocalTaskCallbacks } from '../../src/local/orders/adapters/task-callbacks';
import { LocalWorkflowStarter } from '../../src/local/orders/adapters/workflow-starter';
import { openOrderDatabase } from '../../src/local/orders/schema';
import type { Product } from '../../src/domain/ports';
import { executionHistoryContract, PASS_THROUGH_DEFINITION } from './execution-history.contract';
import { idempotencyStoreContract } from './idempotency-store.contract';
import { inventoryRepositoryContract } from './inventory-repository.contract';
import { notifierContract } from './notifier.contract';
import { orderRepositoryContract } from './order-repository.contract';
import { paymentLedgerContract } from './payment-ledger.contract';
import { taskCallbacksContract, type TaskOutcome } from './task-callbacks.contract';
import { workflowStarterContract } from './workflow-starter.contract';

const IMPLEMENTATION = 'local stack (SQLite, emulator)';

/** Everything a case opened, closed after it: databases, their directories, runners with live executions. */
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const freshDatabase = (): LocalDatabase => {
  const dir = mkdtempSync(join(tmpdir(), 'contract-sqlite-'));
  const db = openOrderDatabase(dir);
  cleanups.push(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return db;
};

const seed = (db: LocalDatabase, products: readonly Product[]): void => {
  for (const p of products) {
    db.run(
      'INSERT INTO inventory (product_id, name, unit_price, available, reserved, sold) VALUES ($id, $name, $price, $available, $reserved, $sold)',
      { id: p.productId, name: p.name, price: p.unitPrice, available: p.available, reserved: p.reserved, sold: p.sold },
    );
  }
};

let ids = 0;
const newId = (): string => `id-${(ids += 1)}`;

orderRepositoryContract(IMPLEMENTATION, async (clock) => ({ orders: new SqliteOrderRepository(freshDatabase(), clock.now) }));

idempotencyStoreContract(IMPLEMENTATION, async (clock) => new SqliteIdempotencyStore(freshDatabase(), clock.now));

inventoryRepositoryContract(IMPLEMENTATION, async (clock, products) => {
  const db = freshDatabase();
  seed(db, products);
  return { orders: new SqliteOrderRepository(db, clock.now), inventory: new SqliteInventoryRepository(db, clock.now) };
});

paymentLedgerContract(IMPLEMENTATION, async (clock) => {
  const db = freshDatabase();
  return { orders: new SqliteOrderRepository(db, clock.now), ledger: new SqlitePaymentLedger(db, clock.now, newId) };
});

/** A runner of `definition` on a fresh store; Pass, Wait and Succeed states need no Lambda, queue or topic. */
const localRunner = (definition: object): { runner: LocalStateMachineRunner; executions: ExecutionStore } => {
  const db = freshDatabase();
  const executions = new ExecutionStore(db);
  const tokens = new TaskTokens({ record: (owner, type, stateName) => executions.append(owner.executionArn, type, String(stateName), {}) });
  const unused = {} as never as LambdaRuntime & LocalQueues;
  const runner = new LocalStateMachineRunner(
    { logicalId: 'ContractMachine', name: 'ContractMachine', arn: 'arn:aws:states:us-east-1:123456789012:stateMachine:ContractMachine', type: 'STANDARD', definition: { ...definition }, substitutions: {} },
    { store: executions, tokens, lambda: unused, queues: unused, timeScale: 1 },
  );
  cleanups.push(async () => {
    await runner.stop('the contract case ended');
    executions.close();
  });
  return { runner, executions };
};

const untilEnded = async (executions: ExecutionStore, executionArn: string): Promise<void> => {
  for (let poll = 0; poll < 200; poll += 1) {
    if (executions.get(executionArn)?.status !== 'RUNNING') return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`${executionArn} did not end`);
};

workflowStarterContract(IMPLEMENTATION, async () => {
  const { runner, executions } = localRunner({ StartAt: 'Wait', States: { Wait: { Type: 'Wait', Seconds: 600, End: true } } });
  return {
    starter: new LocalWorkflowStarter(runner),
    end: async (executionArn) => {
      await runner.stop('stopped by the contract case');
      await untilEnded(executions, executionArn);
    },
  };
});

taskCallbacksContract(IMPLEMENTATION, async () => {
  const tokens = new TaskTokens({ record: () => undefined });
  const owner = { executionArn: toExecutionArn('ContractMachine', 'order-1'), stateName: 'ProcessPayment' };
  const execution = new Scope();
  cleanups.push(() => execution.cancel('the contract case ended'));
  const waiting = (limits: { timeoutMs?: number } = {}, scope = execution.child()): { taskToken: string; settled: Promise<TaskOutcome> } => {
    const taskToken = tokens.mint();
    const settled = tokens.wait(taskToken, owner, scope, limits).then(
      (output): TaskOutcome => ({ status: 'succeeded', output }),
      (error: Error): TaskOutcome => ({ status: 'failed', error: error.name, cause: error.message }),
    );
    return { taskToken, settled };
  };
  return {
    callbacks: new LocalTaskCallbacks(tokens),
    waitingTask: async () => {
      const { taskToken, settled } = waiting();
      let outcome: TaskOutcome = { status: 'waiting' };
      void settled.then((result) => (outcome = result));
      return { taskToken, outcome: async () => (await Promise.race([settled, new Promise<TaskOutcome>((resolve) => setTimeout(() => resolve(outcome), 20))])) };
    },
    timedOutToken: async () => {
      const { taskToken, settled } = waiting({ timeoutMs: 1 });
      await settled;
      return taskToken;
    },
    cancelledToken: async () => {
      const scope = execution.child();
      const { taskToken, settled } = waiting({}, scope);
      scope.cancel('the execution was stopped');
      await settled;
      return taskToken;
    },
  };
});

notifierContract(IMPLEMENTATION, async () => {
  const db = freshDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'contract-sns-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const topicArn = 'arn:aws:sns:us-east-1:123456789012:OrderNotifications';
  const sns = new LocalSns(db, [{ logicalId: 'OrderNotifications', name: 'OrderNotifications', arn: topicArn, subscriptions: [] }], join(dir, 'outbox.jsonl'));
  return {
    notifier: new LocalSnsNotifier(sns, topicArn),
    received: async () =>
      sns
        .list()
        .reverse()
        .map(({ messageId, subject, message, messageAttributes }) => ({
          messageId,
          subject,
          message,
          attributes: Object.fromEntries(Object.entries(messageAttributes).map(([name, value]) => [name, String(value.StringValue)])),
        })),
  };
});

executionHistoryContract(IMPLEMENTATION, async () => {
  const { runner, executions } = localRunner(PASS_THROUGH_DEFINITION);
  return {
    history: new LocalExecutionHistory(executions),
    passThroughExecution: async () => {
      const { executionArn } = await runner.start(`pass-${newId()}`, {});
      await untilEnded(executions, executionArn);
      executions.flush();
      return executionArn;
    },
    unknownExecutionArn: toExecutionArn('ContractMachine', 'unknown'),
  };
});

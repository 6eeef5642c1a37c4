/**
 * Wires the local stack from the LocalModel: the store, the SQLite adapters of every port, queues, topics,
 * the Lambda runtime with the registry's handlers, the state machine runners, the event source mappings and
 * the REST API. Every handler gets the same adapters; per-function settings come from its template environment.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { AppDeps } from '../app/deps';
import { numberEnv } from '../config/env';
import { LocalExecutionHistory } from './orders/adapters/execution-history';
import { SqliteIdempotencyStore } from './orders/adapters/idempotency';
import { SqliteInventoryRepository } from './orders/adapters/inventory';
import { LocalSnsNotifier } from './orders/adapters/notifier';
import { SqliteOrderRepository } from './orders/adapters/orders';
import { SqlitePaymentLedger } from './orders/adapters/payments';
import { LocalTaskCallbacks } from './orders/adapters/task-callbacks';
import { LocalWorkflowStarter } from './orders/adapters/workflow-starter';
import { FaultInjector } from './emulator/faults';
import { LOCAL_FUNCTIONS, NOT_RUN_LOCALLY } from './orders/functions';
import { RestApiEmulator } from './emulator/http/rest-api';
import { LambdaRuntime, type Handler } from './emulator/lambda/runtime';
import type { LocalLog } from './emulator/log';
import { FunctionLogStore } from './emulator/logs/function-log-store';
import { LocalQueues } from './emulator/queues/local-queues';
import { SqsPoller } from './emulator/queues/sqs-poller';
import { LocalSns } from './emulator/sns/local-sns';
import { ExecutionStore } from './emulator/state-machine/execution-store';
import { LocalStateMachineRunner } from './emulator/state-machine/runner';
import { statesAction } from './emulator/state-machine/states-api';
import { TaskTokens } from './emulator/state-machine/task-tokens';
import type { LocalDatabase } from './emulator/store/database';
import type { LocalFunction, LocalModel } from './emulator/template/local-model';

export interface ServiceOptions {
  model: LocalModel;
  db: LocalDatabase;
  baseUrl: string;
  apiKey: string;
  timeScale: number;
  log: LocalLog;
  faults: FaultInjector;
}

/** PAYMENT_DECLINE_RATE's default when a function's environment does not set it (the template's parameter default). */
const DEFAULT_DECLINE_RATE = 0.15;

export const buildServices = (o: ServiceOptions) => {
  const { model, db, timeScale, faults } = o;
  const now = (): Date => new Date();
  const executions = new ExecutionStore(db);
  const tokens = new TaskTokens({ record: (owner, type, details) => executions.append(owner.executionArn, type, owner.stateName, details) });
  const queues = new LocalQueues(db, model.queues, timeScale);
  const sns = new LocalSns(db, model.topics, join(db.dataDir, 'notifications.jsonl'));
  const shared = {
    orders: new SqliteOrderRepository(db, now),
    idempotency: new SqliteIdempotencyStore(db, now),
    inventory: new SqliteInventoryRepository(db, now),
    payments: new SqlitePaymentLedger(db, now, randomUUID),
    callbacks: new LocalTaskCallbacks(tokens),
    history: new LocalExecutionHistory(executions),
    now,
    newId: randomUUID,
  };
  // `runners` is declared below: the runtime builds a handler (which reads it) at a function's first invocation.
  const depsFor = (fn: LocalFunction): AppDeps => ({
    ...shared,
    workflow: {
      start: (name, input) => {
        const runner = pickByEnv(fn, runners, (r) => r.machine.arn, 'state machine');
        return new LocalWorkflowStarter(runner).start(name, input);
      },
    },
    notifier: {
      publish: (message) => new LocalSnsNotifier(sns, pickByEnv(fn, sns.topics, (t) => t.arn, 'topic').arn).publish(message),
    },
    paymentDeclineRate: numberEnv('PAYMENT_DECLINE_RATE', DEFAULT_DECLINE_RATE, fn.environment),
    executionLinkBase: `${o.baseUrl}/_local/executions/`,
  });
  const logs = new FunctionLogStore(db);
  const lambda = new LambdaRuntime({
    functions: model.functions.filter((f) => !(f.entry in NOT_RUN_LOCALLY)),
    createHandler: (fn): Handler => {
      const make = LOCAL_FUNCTIONS[fn.entry];
      if (!make) throw new Error(`${fn.logicalId}: no local handler for entry "${fn.entry}" in src/local/orders/functions.ts`);
      // Middy handlers are typed by their event; the runtime hands each the event its trigger produces.
      return make(depsFor(fn)) as Handler;
    },
    log: o.log,
    functionLogs: logs,
    faults,
    timeScale,
  });
  const runners = model.stateMachines.map((m) => new LocalStateMachineRunner(m, { store: executions, tokens, lambda, queues, timeScale }));
  const pollers = model.eventSourceMappings.map((m) => new SqsPoller(m, queues, lambda, o.log, timeScale));
  const api = new RestApiEmulator(model.apis, lambda, o.apiKey, async (service, action, request) =>
    service === 'states'
      ? statesAction(runners, action, request)
      : { status: 400, body: { __type: 'UnknownOperationException', message: `${service}:${action} is not supported by the local stack` } },
  );
  return {
    model,
    db,
    dataDir: db.dataDir,
    timeScale,
    faults,
    startedAt: Date.now(),
    api,
    queues,
    sns,
    lambda,
    tokens,
    runners,
    pollers,
    executions,
    /** The functions' log lines (GET /_local/logs). */
    logs,
    orders: shared.orders,
    inventory: shared.inventory,
    payments: shared.payments,
  };
};

/** What the stack runs: for in-process tools and tests, the /_local API and the console. `logs`: GET /_local/logs. */
export type LocalServices = ReturnType<typeof buildServices>;

/**
 * The resource a function talks to is the one whose ARN its environment carries (STATE_MACHINE_ARN,
 * NOTIFICATION_TOPIC_ARN, …); with no such variable, the only one of its kind. Looked up on use, so a
 * function that never uses it does not need one.
 */
const pickByEnv = <T>(fn: LocalFunction, candidates: readonly T[], arnOf: (c: T) => string, kind: string): T => {
  const values = new Set(Object.values(fn.environment));
  const found = candidates.find((c) => values.has(arnOf(c))) ?? (candidates.length === 1 ? candidates[0] : undefined);
  if (found === undefined) throw new Error(`${fn.logicalId}: no ${kind} ARN in its environment, and the template has ${candidates.length}`);
  return found;
};

/**
 * Wires the local stack from the LocalModel: the store, the SQLite adapters of every port, queues, topics,
 * the Lambda runtime with the registry's handlers, the state machine runners, the event source mappings and
 * the REST API. Every handler gets the same adapters; per-function settings come from its template environment.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { AppDeps } from '../app/deps';
import { numberEnv } from '../config/env';
import type { Notifier, WorkflowStarter } from '../domain/ports';
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

export interface LocalServices {
  model: LocalModel;
  db: LocalDatabase;
  dataDir: string;
  timeScale: number;
  startedAt: number;
  queues: LocalQueues;
  sns: LocalSns;
  lambda: LambdaRuntime;
  executions: ExecutionStore;
  tokens: TaskTokens;
  runners: LocalStateMachineRunner[];
  pollers: SqsPoller[];
  orders: SqliteOrderRepository;
  inventory: SqliteInventoryRepository;
  payments: SqlitePaymentLedger;
  faults: FaultInjector;
  api: RestApiEmulator;
  /** The functions' log lines (GET /_local/logs). */
  logs: FunctionLogStore;
}

export interface ServiceOptions {
  model: LocalModel;
  db: LocalDatabase;
  dataDir: string;
  baseUrl: string;
  apiKey: string;
  timeScale: number;
  log: LocalLog;
  faults: FaultInjector;
}

/** PAYMENT_DECLINE_RATE's default when a function's environment does not set it (the template's parameter default). */
const DEFAULT_DECLINE_RATE = 0.15;

export const buildServices = (o: ServiceOptions): LocalServices => {
  const now = (): Date => new Date();
  const executions = new ExecutionStore(o.db);
  const tokens = new TaskTokens({
    record: (owner, type, details) => executions.append(owner.executionArn, type, owner.stateName, details),
  });
  const queues = new LocalQueues(o.db, o.model.queues, o.timeScale);
  const sns = new LocalSns(o.db, o.model.topics, join(o.dataDir, 'notifications.jsonl'));
  const shared = {
    orders: new SqliteOrderRepository(o.db, now),
    idempotency: new SqliteIdempotencyStore(o.db, now),
    inventory: new SqliteInventoryRepository(o.db, now),
    payments: new SqlitePaymentLedger(o.db, now, randomUUID),
    callbacks: new LocalTaskCallbacks(tokens),
    history: new LocalExecutionHistory(executions),
    now,
    newId: randomUUID,
  };
  const runners: LocalStateMachineRunner[] = [];
  const depsFor = (fn: LocalFunction): AppDeps => ({
    ...shared,
    workflow: starterFor(fn, runners, executions),
    notifier: notifierFor(fn, sns),
    paymentDeclineRate: numberEnv('PAYMENT_DECLINE_RATE', DEFAULT_DECLINE_RATE, fn.environment),
    executionLinkBase: `${o.baseUrl}/_local/executions/`,
  });
  const logs = new FunctionLogStore(o.db);
  const runtime = new LambdaRuntime({
    functions: o.model.functions.filter((f) => !(f.entry in NOT_RUN_LOCALLY)),
    createHandler: (fn): Handler => {
      const make = LOCAL_FUNCTIONS[fn.entry];
      if (!make) throw new Error(`${fn.logicalId}: no local handler for entry "${fn.entry}" in src/local/orders/functions.ts`);
      return make(depsFor(fn));
    },
    log: o.log,
    functionLogs: logs,
    faults: o.faults,
    timeScale: o.timeScale,
  });
  for (const machine of o.model.stateMachines) {
    runners.push(new LocalStateMachineRunner(machine, { store: executions, tokens, lambda: runtime, queues, timeScale: o.timeScale }));
  }
  const pollers = o.model.eventSourceMappings.map((m) => new SqsPoller(m, queues, runtime, o.log, o.timeScale));
  return {
    model: o.model,
    db: o.db,
    dataDir: o.dataDir,
    timeScale: o.timeScale,
    startedAt: Date.now(),
    queues,
    sns,
    lambda: runtime,
    executions,
    tokens,
    runners,
    pollers,
    orders: shared.orders,
    inventory: shared.inventory,
    payments: shared.payments,
    faults: o.faults,
    logs,
    api: new RestApiEmulator(o.model.apis, runtime, o.apiKey, async (service, action, request) =>
      service === 'states'
        ? statesAction(runners, action, request)
        : { status: 400, body: { __type: 'UnknownOperationException', message: `${service}:${action} is not supported by the local stack` } },
    ),
  };
};

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

const starterFor = (fn: LocalFunction, runners: readonly LocalStateMachineRunner[], executions: ExecutionStore): WorkflowStarter => ({
  start: (name, input) => new LocalWorkflowStarter(pickByEnv(fn, runners, (r) => r.machine.arn, 'state machine'), executions).start(name, input),
});

const notifierFor = (fn: LocalFunction, sns: LocalSns): Notifier => ({
  publish: (notification) => new LocalSnsNotifier(sns, pickByEnv(fn, sns.topics, (t) => t.arn, 'topic').arn).publish(notification),
});

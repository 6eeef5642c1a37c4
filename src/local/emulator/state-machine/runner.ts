/**
 * Runs one state machine of the template with `aws-local-stepfunctions` and implements WorkflowStarter for it.
 * Execution name = the caller's name (the order id): starting it again with the same input returns the
 * existing execution; with another input it fails with ExecutionAlreadyExists.
 */
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import {
  ExecutionAbortedError,
  ExecutionError,
  ExecutionTimeoutError,
  StateMachine,
  type RunOptions,
  type StateMachineDefinition,
} from 'aws-local-stepfunctions';
import type { LambdaRuntime } from '../lambda/runtime';
import type { LocalQueues } from '../queues/local-queues';
import type { LocalSns } from '../sns/local-sns';
import type { LocalStateMachine } from '../template/local-model';
import { executionArn as toExecutionArn } from '../template/physical-ids';
import { collectStates, jsonToStringFields, prepareLevel, unresolvedSubstitutions, type LevelDefinition, type StateDefinition, type StateInfo } from './definition';
import type { ExecutionStatus, ExecutionStore } from './execution-store';
import { HistoryRecorder, type RunPlace } from './history-recorder';
import { stringifyFields } from './json-to-string';
import { TASK_TOKEN_SENTINEL, classifyResource, makeTaskHandler, type TaskEnvironment } from './integrations';
import { Scope } from './scope';
import type { TaskTokens } from './task-tokens';

type TaskHandlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;
type TaskHandler = TaskHandlers[string];
type Context = NonNullable<RunOptions['context']>;

export interface RunnerServices {
  store: ExecutionStore;
  tokens: TaskTokens;
  lambda: LambdaRuntime;
  queues: LocalQueues;
  sns: LocalSns;
  timeScale: number;
}

export interface SyncExecutionResult {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  startDate: number;
  stopDate: number;
  status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT';
  output?: string;
  outputDetails?: { included: boolean };
  error?: string;
  cause?: string;
  input: string;
  inputDetails: { included: boolean };
  billingDetails: { billedMemoryUsedInMB: number; billedDurationInMilliseconds: number };
}

export class StateMachineTypeNotSupportedError extends Error {
  constructor(arn: string) {
    super(`StartSyncExecution is only for EXPRESS state machines: ${arn}`);
    this.name = 'StateMachineTypeNotSupported';
  }
}

export class ExecutionAlreadyExistsError extends Error {
  constructor(executionArn: string) {
    super(`Execution Already Exists: '${executionArn}' (same name, different input)`);
    this.name = 'ExecutionAlreadyExists';
  }
}

interface Run {
  result: Promise<unknown>;
  consumed: Promise<void>;
}

interface Running {
  scope: Scope;
  recorder: HistoryRecorder;
  done: Promise<void>;
}

/** How long a finished execution waits for its history to be fully written before its status changes. */
const HISTORY_FLUSH_LIMIT_MS = 2000;

export class LocalStateMachineRunner {
  readonly states: ReadonlyMap<string, StateInfo>;
  private readonly definition: LevelDefinition;
  private readonly running = new Map<string, Running>();

  constructor(
    readonly machine: LocalStateMachine,
    private readonly services: RunnerServices,
  ) {
    this.definition = machine.definition as LevelDefinition;
    validateDefinition(machine);
    this.states = collectStates(this.definition);
  }

  async start(name: string, input: Record<string, unknown>): Promise<{ executionArn: string; alreadyStarted: boolean }> {
    const executionArn = toExecutionArn(this.machine.name, name);
    const existing = this.services.store.get(executionArn);
    if (existing) {
      if (!isDeepStrictEqual(existing.input, input)) throw new ExecutionAlreadyExistsError(executionArn);
      return { executionArn, alreadyStarted: true };
    }
    const startDate = new Date().toISOString();
    this.services.store.create({ executionArn, name, stateMachineArn: this.machine.arn, input, startDate });
    void this.launch(executionArn, name, input, startDate);
    return { executionArn, alreadyStarted: false };
  }

  /**
   * StartSyncExecution (Express state machines): runs to the end and answers as the API does, with the
   * output and input as JSON strings.
   */
  async startSync(name: string | undefined, input: unknown): Promise<SyncExecutionResult> {
    if (this.machine.type !== 'EXPRESS') throw new StateMachineTypeNotSupportedError(this.machine.arn);
    const executionName = name ?? randomUUID();
    const executionArn = toExecutionArn(this.machine.name, executionName, 'express');
    if (this.services.store.get(executionArn)) throw new ExecutionAlreadyExistsError(executionArn);
    const startDate = new Date().toISOString();
    this.services.store.create({ executionArn, name: executionName, stateMachineArn: this.machine.arn, input, startDate });
    await this.launch(executionArn, executionName, input, startDate);
    const record = this.services.store.get(executionArn)!;
    const stop = record.stopDate ?? new Date().toISOString();
    return {
      executionArn,
      stateMachineArn: this.machine.arn,
      name: executionName,
      startDate: Date.parse(startDate) / 1000,
      stopDate: Date.parse(stop) / 1000,
      status: record.status as SyncExecutionResult['status'],
      ...(record.status === 'SUCCEEDED' ? { output: JSON.stringify(record.output ?? null), outputDetails: { included: true } } : {}),
      ...(record.error !== undefined ? { error: record.error } : {}),
      ...(record.cause !== undefined ? { cause: record.cause } : {}),
      input: JSON.stringify(input),
      inputDetails: { included: true },
      billingDetails: { billedMemoryUsedInMB: 64, billedDurationInMilliseconds: Math.max(100, Date.parse(stop) - Date.parse(startDate)) },
    };
  }

  runningCount(): number {
    return this.running.size;
  }

  /** Aborts every running execution (recorded as ABORTED with the reason) and waits until they are settled. */
  async stop(reason: string): Promise<void> {
    for (const running of this.running.values()) {
      running.recorder.abortReason = reason;
      running.scope.cancel(reason);
    }
    await Promise.allSettled([...this.running.values()].map((r) => r.done));
  }

  private launch(executionArn: string, name: string, input: unknown, startDate: string): Promise<void> {
    const scope = new Scope();
    const recorder = new HistoryRecorder(this.services.store, executionArn, this.states);
    const context: Context = {
      Execution: { Id: executionArn, Name: name, StartTime: startDate, Input: input as never, RoleArn: `${this.machine.arn}:role` },
      StateMachine: { Id: this.machine.arn, Name: this.machine.name },
      Task: { Token: TASK_TOKEN_SENTINEL },
    };
    const env: TaskEnvironment = {
      ...this.services,
      executionArn,
      record: (type, stateName, details) => recorder.append(type, stateName, details),
    };
    const run = this.runLevel(this.definition, input, scope, { context, env, recorder }, {}, true);
    const done = run.result
      .then(
        (output) => ({ status: 'SUCCEEDED' as const, output }),
        (error: unknown) => outcomeOf(error, recorder.abortReason),
      )
      .then(async (outcome) => {
        scope.cancel('the execution ended');
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([run.consumed, new Promise((resolve) => (timer = setTimeout(resolve, HISTORY_FLUSH_LIMIT_MS)))]);
        clearTimeout(timer);
        this.services.store.finish(executionArn, outcome);
      })
      .finally(() => this.running.delete(executionArn));
    this.running.set(executionArn, { scope, recorder, done });
    return done;
  }

  private runLevel(level: LevelDefinition, input: unknown, scope: Scope, shared: Shared, place: RunPlace, root = false): Run {
    const prepared = prepareLevel(level, this.services.timeScale, root);
    const handlers: TaskHandlers = {};
    this.addHandlers(level, prepared, scope, shared, handlers);
    const machine = new StateMachine(prepared as unknown as StateMachineDefinition, { validationOptions: { noValidate: true } });
    const execution = machine.run(input as never, { overrides: { taskResourceLocalHandlers: handlers }, context: shared.context });
    scope.onCancel(() => execution.abort());
    const consumed = shared.recorder.consume(execution.eventLogs, place).catch(() => undefined);
    return { result: execution.result, consumed };
  }

  /** Task and Parallel states of a level, and of the iterators of its Map states (which the library runs). */
  private addHandlers(level: LevelDefinition, prepared: LevelDefinition, scope: Scope, shared: Shared, handlers: TaskHandlers): void {
    for (const [name, state] of Object.entries(level.States)) {
      const jsonStrings = jsonToStringFields(name, state);
      if (state.Type === 'Task') handlers[name] = withJsonStrings(jsonStrings?.fields, makeTaskHandler(name, state, scope, shared.env));
      if (state.Type === 'Parallel') handlers[name] = withJsonStrings(jsonStrings?.fields, this.parallelHandler(name, state, scope, shared));
      if (state.Type === 'Pass' && jsonStrings) handlers[name] = withJsonStrings(jsonStrings.fields, async (input) => input);
      if (state.Type === 'Map') {
        const key = state.ItemProcessor ? 'ItemProcessor' : 'Iterator';
        const inner = state[key] as LevelDefinition | undefined;
        if (!inner) continue;
        const innerPrepared = prepareLevel(inner, this.services.timeScale, false);
        (prepared.States[name] as StateDefinition)[key] = innerPrepared;
        this.addHandlers(inner, innerPrepared, scope, shared, handlers);
      }
    }
  }

  /** Runs the branches; the first failure cancels the siblings at once, then fails the state with its error. */
  private parallelHandler(name: string, state: StateDefinition, scope: Scope, shared: Shared) {
    const branches = state.Branches as LevelDefinition[];
    return async (input: unknown): Promise<unknown> => {
      const cancelled = scope.cancelledBecause;
      if (cancelled !== undefined) throw new ExecutionAbortedError();
      const parallelScope = scope.child();
      const runs = branches.map((branch, index) => this.runLevel(branch, input, parallelScope.child(), shared, { parallel: name, branch: index }));
      for (const run of runs) run.result.catch(() => parallelScope.cancel(`a branch of ${name} failed`));
      try {
        return await Promise.all(runs.map((r) => r.result));
      } catch (error) {
        // The branch's own error (Fail state, uncaught task error) becomes the Parallel state's error.
        throw error instanceof ExecutionError ? error.cause : error;
      } finally {
        parallelScope.detach();
      }
    };
  }
}

interface Shared {
  context: Context;
  env: TaskEnvironment;
  recorder: HistoryRecorder;
}

/** Stringifies the `States.JsonToString` fields of the Parameters the library evaluated (json-to-string.ts). */
const withJsonStrings = (fields: string[][] | undefined, run: (input: unknown) => Promise<unknown>): TaskHandler =>
  (async (input: unknown) => run(fields ? stringifyFields(input, fields) : input)) as TaskHandler;

const outcomeOf = (
  error: unknown,
  abortReason: string,
): { status: Exclude<ExecutionStatus, 'RUNNING' | 'SUCCEEDED'>; error: string; cause: string } => {
  if (error instanceof ExecutionTimeoutError) return { status: 'TIMED_OUT', error: 'States.Timeout', cause: 'The execution ran longer than its TimeoutSeconds' };
  if (error instanceof ExecutionAbortedError) return { status: 'ABORTED', error: 'States.Aborted', cause: abortReason };
  if (error instanceof ExecutionError && error.cause instanceof Error) {
    const cause = (error.cause as Error & { cause?: unknown }).cause;
    return { status: 'FAILED', error: error.cause.name, cause: typeof cause === 'string' ? cause : error.cause.message };
  }
  return { status: 'FAILED', error: 'States.Runtime', cause: error instanceof Error ? error.message : String(error) };
};

/** Fails fast, at start-up, on what would only fail mid-execution: a missing substitution, an unsupported resource, invalid ASL. */
const validateDefinition = (machine: LocalStateMachine): void => {
  const missing = unresolvedSubstitutions(machine.definition);
  if (missing.length > 0) {
    throw new Error(`State machine ${machine.logicalId}: no DefinitionSubstitutions entry for ${missing.map((m) => `\${${m}}`).join(', ')}`);
  }
  for (const info of collectStates(machine.definition as LevelDefinition).values()) {
    if (info.type === 'Task') classifyResource(String(info.definition.Resource));
    jsonToStringFields(info.name, info.definition);
  }
  // The library validates with asl-validator, on the definition as written (before time scaling).
  new StateMachine(machine.definition as unknown as StateMachineDefinition);
};

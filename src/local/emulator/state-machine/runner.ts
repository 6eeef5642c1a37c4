/**
 * Runs one state machine of the template with `aws-local-stepfunctions`. StartExecution as Step Functions answers
 * it on a Standard machine, which receives the input as JSON text: a repeat of a name is the running execution
 * when its input is the same JSON; another input, or any repeat once the execution has ended, is
 * ExecutionAlreadyExists.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ExecutionAbortedError, ExecutionError, ExecutionTimeoutError, StateMachine } from 'aws-local-stepfunctions';
import type { RunOptions, StateMachineDefinition } from 'aws-local-stepfunctions';
import type { LambdaRuntime } from '../lambda/runtime';
import type { LocalQueues } from '../queues/local-queues';
import type { LocalStateMachine } from '../template/local-model';
import { executionArn as toExecutionArn } from '../template/physical-ids';
import { collectStates, compileLevel, unresolvedSubstitutions } from './definition';
import type { CompiledLevel, LevelDefinition, Override, StateInfo } from './definition';
import type { ExecutionOutcome as Outcome, ExecutionStore } from './execution-store';
import { HistoryRecorder, type RunPlace } from './history-recorder';
import { TASK_TOKEN_SENTINEL, makeTaskHandler, type TaskEnvironment } from './integrations';
import { Scope } from './scope';
import type { TaskTokens } from './task-tokens';

type TaskHandlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;
type Context = NonNullable<RunOptions['context']>;

export interface RunnerServices {
  store: ExecutionStore;
  tokens: TaskTokens;
  lambda: LambdaRuntime;
  queues: LocalQueues;
  timeScale: number;
}

export class StateMachineTypeNotSupportedError extends Error {
  constructor(arn: string) {
    super(`StartSyncExecution is only for EXPRESS state machines: ${arn}`);
    this.name = 'StateMachineTypeNotSupported';
  }
}

export class ExecutionAlreadyExistsError extends Error {
  constructor(executionArn: string) {
    super(`Execution Already Exists: '${executionArn}'`);
    this.name = 'ExecutionAlreadyExists';
  }
}

/** What every level of one execution shares. */
type Shared = { context: Context; env: TaskEnvironment; recorder: HistoryRecorder };

/** How long a finished execution waits for its history to be fully written before its status changes. */
const HISTORY_FLUSH_LIMIT_MS = 2000;

export class LocalStateMachineRunner {
  readonly states: ReadonlyMap<string, StateInfo>;
  private readonly compiled: CompiledLevel;
  private readonly running = new Map<string, { scope: Scope; recorder: HistoryRecorder; done: Promise<void> }>();

  /** Fails fast, at start-up, on what would only fail mid-execution: a missing substitution, an unsupported state, invalid ASL. */
  constructor(
    readonly machine: LocalStateMachine,
    private readonly services: RunnerServices,
  ) {
    const definition = machine.definition as LevelDefinition;
    try {
      const missing = unresolvedSubstitutions(definition);
      if (missing.length > 0) throw new Error(`no DefinitionSubstitutions entry for ${missing.map((m) => `\${${m}}`).join(', ')}`);
      this.compiled = compileLevel(definition, services.timeScale, true);
      // The library validates with asl-validator, on the definition as written (before time scaling).
      new StateMachine(definition as unknown as StateMachineDefinition);
    } catch (error) {
      throw new Error(`State machine ${machine.logicalId}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    this.states = collectStates(definition);
  }

  async start(name: string, input: Record<string, unknown>): Promise<{ executionArn: string }> {
    const executionArn = toExecutionArn(this.machine.name, name);
    const existing = this.services.store.get(executionArn);
    if (existing) {
      if (existing.status === 'RUNNING' && JSON.stringify(existing.input) === JSON.stringify(input)) return { executionArn };
      throw new ExecutionAlreadyExistsError(executionArn);
    }
    void this.launch(executionArn, name, input);
    return { executionArn };
  }

  /**
   * StartSyncExecution (Express state machines): runs to the end and answers as the API does (dates in epoch
   * seconds, input and output as JSON text).
   */
  async startSync(name: string | undefined, input: unknown) {
    if (this.machine.type !== 'EXPRESS') throw new StateMachineTypeNotSupportedError(this.machine.arn);
    const executionName = name ?? randomUUID();
    const executionArn = toExecutionArn(this.machine.name, executionName, 'express');
    if (this.services.store.get(executionArn)) throw new ExecutionAlreadyExistsError(executionArn);
    await this.launch(executionArn, executionName, input);
    const { startDate, stopDate = new Date().toISOString(), status, output, error, cause } = this.services.store.get(executionArn)!;
    const [start, stop] = [Date.parse(startDate), Date.parse(stopDate)];
    return {
      executionArn,
      stateMachineArn: this.machine.arn,
      name: executionName,
      startDate: start / 1000,
      stopDate: stop / 1000,
      status: status as 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT',
      ...(status === 'SUCCEEDED' ? { output: JSON.stringify(output ?? null), outputDetails: { included: true } } : {}),
      ...(error !== undefined ? { error } : {}),
      ...(cause !== undefined ? { cause } : {}),
      input: JSON.stringify(input),
      inputDetails: { included: true },
      billingDetails: { billedMemoryUsedInMB: 64, billedDurationInMilliseconds: Math.max(100, stop - start) },
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

  /** Records the execution as RUNNING and runs it; settles when its outcome is stored. */
  private launch(executionArn: string, name: string, input: unknown): Promise<void> {
    const startDate = new Date().toISOString();
    this.services.store.create({ executionArn, name, stateMachineArn: this.machine.arn, input, startDate });
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
    const run = this.runLevel(this.compiled, input, scope, { context, env, recorder }, {});
    const done = run.result
      .then((output): Outcome => ({ status: 'SUCCEEDED', output }), (error: unknown) => outcomeOf(error, recorder.abortReason))
      .then(async (outcome) => {
        scope.cancel('the execution ended');
        const flushLimit = new AbortController();
        const limit = sleep(HISTORY_FLUSH_LIMIT_MS, undefined, { ref: false, signal: flushLimit.signal }).catch(() => undefined);
        await Promise.race([run.consumed, limit]);
        flushLimit.abort();
        this.services.store.finish(executionArn, outcome);
      })
      .finally(() => this.running.delete(executionArn));
    this.running.set(executionArn, { scope, recorder, done });
    return done;
  }

  /** Runs one level; `consumed` settles when its events are all recorded. */
  private runLevel(level: CompiledLevel, input: unknown, scope: Scope, shared: Shared, place: RunPlace): { result: Promise<unknown>; consumed: Promise<void> } {
    const handlers: TaskHandlers = Object.fromEntries(level.overrides.map((o) => [o.name, this.handlerOf(o, scope, shared)]));
    const execution = level.machine.run(input as never, { overrides: { taskResourceLocalHandlers: handlers }, context: shared.context });
    scope.onCancel(() => execution.abort());
    return { result: execution.result, consumed: shared.recorder.consume(execution.eventLogs, place).catch(() => undefined) };
  }

  /** The override of a Task or Parallel state, given the Parameters as the library evaluated them. */
  private handlerOf(override: Override, scope: Scope, shared: Shared): TaskHandlers[string] {
    const { name, state } = override;
    const run = state.Type === 'Task' ? makeTaskHandler(name, state, scope, shared.env) : this.parallelHandler(override, scope, shared);
    return run as TaskHandlers[string];
  }

  /** Runs the branches; the first failure cancels the siblings at once, then fails the state with its error. */
  private parallelHandler({ name, branches }: Override, scope: Scope, shared: Shared) {
    return async (input: unknown): Promise<unknown> => {
      if (scope.cancelledBecause !== undefined) throw new ExecutionAbortedError();
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

const outcomeOf = (error: unknown, abortReason: string): Outcome => {
  if (error instanceof ExecutionTimeoutError) return { status: 'TIMED_OUT', error: 'States.Timeout', cause: 'The execution ran longer than its TimeoutSeconds' };
  if (error instanceof ExecutionAbortedError) return { status: 'ABORTED', error: 'States.Aborted', cause: abortReason };
  if (error instanceof ExecutionError && error.cause instanceof Error) {
    const cause = (error.cause as Error & { cause?: unknown }).cause;
    return { status: 'FAILED', error: error.cause.name, cause: typeof cause === 'string' ? cause : error.cause.message };
  }
  return { status: 'FAILED', error: 'States.Runtime', cause: error instanceof Error ? error.message : String(error) };
};

/**
 * Invokes handlers the way the Lambda service does: a fresh execution environment (container) per concurrent
 * invocation, reused when idle, with an init phase on first use; the function's environment applied; a
 * `context` with the usual fields; the function's Timeout enforced; errors returned as the Node.js runtime
 * serialises them (`{errorType, errorMessage, trace}`); and START / END / REPORT log lines.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Context } from 'aws-lambda';
import { CONCURRENCY_ENV, inScope, installInvokeStore } from './invoke-store';
import type { FaultInjector, FaultKind } from '../faults';
import type { LocalLog } from '../log';
import { shortFunctionName, type FunctionLogStore } from '../logs/function-log-store';
import type { LocalFunction } from '../template/local-model';
import { LOCAL_REGION } from '../template/physical-ids';

export type Handler = (event: unknown, context: Context) => Promise<unknown> | unknown;

export interface LambdaErrorPayload {
  errorType: string;
  errorMessage: string;
  trace: string[];
}

export type InvocationResult =
  | { ok: true; payload: unknown; requestId: string }
  /** `function`: the handler failed (FunctionError); `service`: the invoke itself failed (Lambda.* errors). */
  | { ok: false; source: 'function' | 'service'; error: LambdaErrorPayload; requestId: string };

export interface InvokeOptions {
  /** Names this invocation also answers to for fault injection (the state that invokes it). */
  aliases?: readonly string[];
  /**
   * Variables laid over the function's own for this call only (`sam local invoke --env-vars`). The call then
   * gets an execution environment of its own, initialised with them and discarded afterwards, so they reach
   * the init phase as they would on a fresh container and never leak into later invocations.
   */
  environment?: Readonly<Record<string, string>>;
  /** Receives each log line of this invocation (START, the handler's lines, END, REPORT) as it is written. */
  onLogLine?: (line: string) => void;
}

export interface LambdaRuntimeOptions {
  functions: readonly LocalFunction[];
  /** Builds the handler for one execution environment (the init phase). */
  createHandler: (fn: LocalFunction) => Handler;
  log: LocalLog;
  /** Keeps every line of the invocations (the handlers' output and START/END/REPORT), as CloudWatch Logs does. */
  functionLogs?: FunctionLogStore;
  faults: FaultInjector;
  /** Used only to shorten injected `timeout` faults. */
  timeScale: number;
}

export interface FunctionStats {
  invocations: number;
  errors: number;
  coldStarts: number;
  injectedFaults: number;
  /** Handler time of all invocations (init excluded), and the same rounded up per invocation as Lambda bills it. */
  durationMs?: number;
  billedMs?: number;
}

const toErrorPayload = (error: unknown): LambdaErrorPayload => {
  if (error instanceof Error) {
    return { errorType: error.name || 'Error', errorMessage: error.message, trace: (error.stack ?? '').split('\n') };
  }
  return { errorType: 'Error', errorMessage: typeof error === 'string' ? error : JSON.stringify(error), trace: [] };
};

/** `status` is set when the execution environment must not be reused (timeout, crash), as Lambda resets the sandbox. */
type Outcome = { ok: true; payload: unknown } | { ok: false; error: LambdaErrorPayload; status?: 'timeout' | 'error' };

/**
 * The process's heap in MB for the REPORT line's `Max Memory Used`, sampled at most every 250 ms: every
 * invocation writes a REPORT line (kept in the function's log even under --quiet), and `process.memoryUsage()`
 * per invocation was a measurable cost of a loaded stack.
 */
const heap = { mb: 0, sampledAt: -Infinity };
const heapUsedMb = (now = performance.now()): number => {
  if (now - heap.sampledAt >= 250) {
    heap.mb = Math.round(process.memoryUsage().heapUsed / 1024 / 1024);
    heap.sampledAt = now;
  }
  return heap.mb;
};

export class LambdaRuntime {
  /** Idle execution environments (their initialised handlers) per function. */
  private readonly idle = new Map<string, Handler[]>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly statistics = new Map<string, FunctionStats>();

  constructor(private readonly options: LambdaRuntimeOptions) {
    installInvokeStore();
  }

  find(ref: string): LocalFunction {
    const fn = this.options.functions.find((f) => f.logicalId === ref || f.name === ref || f.arn === ref || ref.startsWith(`${f.arn}:`));
    if (!fn) throw new Error(`Function not found: ${ref}`);
    return fn;
  }

  async invoke(ref: string, event: unknown, options: InvokeOptions = {}): Promise<InvocationResult> {
    const run = this.run(this.find(ref), event, options);
    this.inFlight.add(run);
    return run.finally(() => this.inFlight.delete(run));
  }

  /** Waits for invocations under way (used when stopping). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  stats(): Record<string, FunctionStats> {
    return Object.fromEntries(this.statistics);
  }

  private async run(declared: LocalFunction, event: unknown, options: InvokeOptions): Promise<InvocationResult> {
    const requestId = randomUUID();
    const fn = options.environment ? { ...declared, environment: { ...declared.environment, ...options.environment } } : declared;
    const stat = this.statistics.get(fn.logicalId) ?? { invocations: 0, errors: 0, coldStarts: 0, injectedFaults: 0, durationMs: 0, billedMs: 0 };
    this.statistics.set(fn.logicalId, stat);
    stat.invocations++;
    const fault = this.options.faults.decide([fn.logicalId, fn.logicalId.replace(/Function$/, ''), ...(options.aliases ?? [])]);
    if (fault) stat.injectedFaults++;
    if (fault?.type === 'error') {
      stat.errors++;
      return { ok: false, source: 'service', requestId, error: injectedServiceError(fault.errorType, requestId) };
    }
    const output = {
      write: (line: string): void => {
        this.options.functionLogs?.append(shortFunctionName(fn.logicalId), line);
        options.onLogLine?.(line);
      },
      quiet: this.options.log.quiet,
    };
    const log = (line: string): void => {
      this.options.log.lambda(fn.logicalId, line);
      output.write(line);
    };
    const env = {
      ...fn.environment,
      ...CONCURRENCY_ENV,
      AWS_LAMBDA_FUNCTION_NAME: fn.name,
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySize),
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.name}`,
    };
    // With `--env-vars` the call gets an environment of its own, neither taken from nor returned to the idle pool.
    const own = options.environment !== undefined;
    const pool = this.idle.get(fn.logicalId) ?? [];
    this.idle.set(fn.logicalId, pool);
    const reused = own ? undefined : pool.pop();
    const initStarted = performance.now();
    // Init runs in a scope with the function's environment but no request id, and without the concurrency
    // variable (which makes libraries look for an invocation's store): there is no invocation yet to scope state to.
    const { AWS_LAMBDA_MAX_CONCURRENCY: _none, ...initEnv } = env;
    const handler = reused ?? inScope(initEnv, undefined, () => this.options.createHandler(fn));
    const initMs = reused ? undefined : performance.now() - initStarted;
    if (!reused) stat.coldStarts++;
    log(`START RequestId: ${requestId} Version: $LATEST`);
    const started = performance.now();
    const context = this.context(fn, requestId, Date.now() + fn.timeoutSeconds * 1000);
    const call = (): Promise<Outcome> =>
      inScope(env, requestId, async (): Promise<Outcome> => {
        try {
          const result = await handler(structuredClone(event), context);
          return { ok: true, payload: JSON.parse(JSON.stringify(result ?? null)) as unknown };
        } catch (error) {
          return { ok: false, error: toErrorPayload(error) };
        }
      }, output);
    const outcome = await this.settle(fn, call, fault, context);
    const duration = performance.now() - started;
    stat.durationMs = (stat.durationMs ?? 0) + duration;
    stat.billedMs = (stat.billedMs ?? 0) + Math.ceil(duration);
    if (!outcome.ok) {
      stat.errors++;
      log(`ERROR Invoke Error ${JSON.stringify({ errorType: outcome.error.errorType, errorMessage: outcome.error.errorMessage })}`);
    }
    log(`END RequestId: ${requestId}`);
    const status = outcome.ok ? undefined : outcome.status;
    // Written under --quiet too: the function's log keeps it (src/local/emulator/logs/); its memory figure is sampled.
    log(reportLine(fn, requestId, duration, initMs, status));
    if (status === undefined && !own) pool.push(handler);
    return outcome.ok ? { ok: true, payload: outcome.payload, requestId } : { ok: false, source: 'function', error: outcome.error, requestId };
  }

  /** The handler's outcome under the function's Timeout, with an injected fault applied. */
  private async settle(fn: LocalFunction, call: () => Promise<Outcome>, fault: FaultKind | undefined, context: Context): Promise<Outcome> {
    const requestId = context.awsRequestId;
    if (fault?.type === 'crash-before') return exited(requestId);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<Outcome>((resolve) => {
      timer = setTimeout(() => resolve(timedOut(fn, requestId)), fn.timeoutSeconds * 1000);
    });
    try {
      const outcome = await Promise.race([call(), deadline]);
      if (!outcome.ok && outcome.status) return outcome;
      if (fault?.type === 'crash') return exited(requestId);
      if (fault?.type === 'timeout') {
        await sleep(Math.max(0, context.getRemainingTimeInMillis() * this.options.timeScale));
        return timedOut(fn, requestId);
      }
      return outcome;
    } finally {
      clearTimeout(timer);
    }
  }

  private context(fn: LocalFunction, requestId: string, deadline: number): Context {
    const fail = (): never => {
      throw new Error('context.done/succeed/fail are not supported; return or throw from an async handler');
    };
    return {
      callbackWaitsForEmptyEventLoop: true,
      functionName: fn.name,
      functionVersion: '$LATEST',
      invokedFunctionArn: fn.arn,
      memoryLimitInMB: String(fn.memorySize),
      awsRequestId: requestId,
      logGroupName: `/aws/lambda/${fn.name}`,
      logStreamName: `local/[$LATEST]${requestId.replaceAll('-', '')}`,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done: fail,
      fail,
      succeed: fail,
    };
  }
}

const reportLine = (fn: LocalFunction, requestId: string, duration: number, initMs: number | undefined, status?: string): string =>
  [
    `REPORT RequestId: ${requestId}`,
    `Duration: ${duration.toFixed(2)} ms`,
    `Billed Duration: ${Math.ceil(duration + (initMs ?? 0))} ms`,
    `Memory Size: ${fn.memorySize} MB`,
    // One process hosts every function, so this is the process's heap, not the function's own.
    `Max Memory Used: ${heapUsedMb()} MB`,
    ...(initMs !== undefined ? [`Init Duration: ${initMs.toFixed(2)} ms`] : []),
    ...(status ? [`Status: ${status}`] : []),
  ].join('\t');

const failure = (errorType: string, errorMessage: string, status?: 'timeout' | 'error'): Outcome & { ok: false } => ({
  ok: false,
  error: { errorType, errorMessage, trace: [] },
  ...(status ? { status } : {}),
});

const timedOut = (fn: LocalFunction, requestId: string): Outcome =>
  failure('Sandbox.Timedout', `RequestId: ${requestId} Error: Task timed out after ${fn.timeoutSeconds.toFixed(2)} seconds`, 'timeout');

const exited = (requestId: string): Outcome =>
  failure('Runtime.ExitError', `RequestId: ${requestId} Error: Runtime exited with error: signal: killed (injected by LOCAL_FAULTS)`, 'error');

const injectedServiceError = (errorType: string, requestId: string): LambdaErrorPayload => ({
  errorType,
  errorMessage: `${errorType}: injected by LOCAL_FAULTS (Service: Lambda, Status Code: 500, Request ID: ${requestId}, region: ${LOCAL_REGION})`,
  trace: [],
});

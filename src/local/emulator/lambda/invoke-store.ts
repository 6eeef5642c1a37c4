/**
 * What belongs to one invocation, kept apart although every function runs in this one process, concurrently: one
 * AsyncLocalStorage, which follows the handler's async work, scopes
 * - the Lambda runtime's per-invocation store (`globalThis.awslambda.InvokeStore`), as the Node.js runtime
 *   provides it when one execution environment serves concurrent invocations (AWS_LAMBDA_MAX_CONCURRENCY set):
 *   Powertools then keeps each invocation's log context, keys and level apart instead of sharing its singletons;
 * - the function's environment (the template's Variables plus the runtime's reserved ones): `process.env`
 *   becomes a view that shows them over the process's own, during the init phase and the invocation;
 * - where the invocation's output goes (the function's log, and the caller if it asked for the lines).
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const REQUEST_ID = Symbol.for('_AWS_LAMBDA_REQUEST_ID');
const X_RAY_TRACE_ID = Symbol.for('_AWS_LAMBDA_X_RAY_TRACE_ID');
const ENV = Symbol('local-stack.environment');
const OUTPUT = Symbol('local-stack.invocation-output');

type Store = Record<string | symbol, unknown>;
type Env = Readonly<Record<string, string>>;

/** Where the lines an invocation writes go; `quiet`: not also to the terminal. */
export interface InvocationOutput {
  write(line: string): void;
  quiet: boolean;
}

const als = new AsyncLocalStorage<Store>();
const get = (key: string | symbol): unknown => als.getStore()?.[key];

/** The InvokeStore methods that libraries call. */
const invokeStore = {
  getContext: (): Store | undefined => als.getStore(),
  hasContext: (): boolean => als.getStore() !== undefined,
  get,
  set: (key: string | symbol, value: unknown): void => {
    if (key === REQUEST_ID || key === X_RAY_TRACE_ID) throw new Error(`Cannot modify protected Lambda context field: ${String(key)}`);
    const store = als.getStore();
    if (!store) throw new Error('No context available');
    store[key] = value;
  },
  run: <T>(context: Store, fn: () => T): T => als.run(context, fn),
  getRequestId: (): string => (get(REQUEST_ID) as string | undefined) ?? '-',
  getXRayTraceId: (): string | undefined => get(X_RAY_TRACE_ID) as string | undefined,
  getTenantId: (): string | undefined => undefined,
};

/** The environment variable that tells libraries (Powertools) to use the store. */
export const CONCURRENCY_ENV = { AWS_LAMBDA_MAX_CONCURRENCY: '64' };

export const installInvokeStore = (): void => {
  const g = globalThis as { awslambda?: { InvokeStore?: unknown } };
  g.awslambda ??= {};
  g.awslambda.InvokeStore = invokeStore;
};

/**
 * Runs `work` with `env` over `process.env`, as invocation `requestId` writing to `output` (or, without a
 * request id, as an init phase, which has no invocation to scope state to).
 */
export const inScope = <T>(env: Env, requestId: string | undefined, work: () => T, output?: InvocationOutput): T =>
  als.run({ ...(requestId ? { [REQUEST_ID]: requestId } : {}), ...(output ? { [OUTPUT]: output } : {}), [ENV]: env }, work);

/** Runs `work` outside any invocation (and its environment), for what the local stack itself does. */
export const outsideInvocation = <T>(work: () => T): T => als.exit(work);

/** The current invocation's output, undefined outside one (read by the log capture). */
export const invocationOutput = (): InvocationOutput | undefined => get(OUTPUT) as InvocationOutput | undefined;

const scopedEnv = (): Env | undefined => get(ENV) as Env | undefined;

const overlayHandler: ProxyHandler<NodeJS.ProcessEnv> = {
  get: (target, key) => {
    const env = scopedEnv();
    return typeof key === 'string' && env && key in env ? env[key] : Reflect.get(target, key);
  },
  has: (target, key) => (typeof key === 'string' && scopedEnv()?.[key] !== undefined) || Reflect.has(target, key),
  ownKeys: (target) => [...new Set([...Reflect.ownKeys(target), ...Object.keys(scopedEnv() ?? {})])],
  getOwnPropertyDescriptor: (target, key) => {
    const env = scopedEnv();
    if (typeof key === 'string' && env && key in env) return { value: env[key], writable: true, enumerable: true, configurable: true };
    return Reflect.getOwnPropertyDescriptor(target, key);
  },
};

let overlays = 0;
let original: NodeJS.ProcessEnv | undefined;

/** Makes `process.env` the view (once per process, counted); returns the function that removes it. */
export const installEnvOverlay = (): (() => void) => {
  if (overlays++ === 0) {
    original = process.env;
    process.env = new Proxy(original, overlayHandler);
  }
  let removed = false;
  return () => {
    if (removed) return;
    removed = true;
    if (--overlays === 0 && original) process.env = original;
  };
};

/**
 * The Lambda runtime's per-invocation store (`globalThis.awslambda.InvokeStore`), as the Node.js runtime
 * provides it when one execution environment serves concurrent invocations (AWS_LAMBDA_MAX_CONCURRENCY set).
 * The local stack runs every invocation in one process, concurrently, so it presents itself the same way;
 * Powertools then keeps each invocation's log context, keys and level apart instead of sharing its singletons.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const REQUEST_ID = Symbol.for('_AWS_LAMBDA_REQUEST_ID');
const X_RAY_TRACE_ID = Symbol.for('_AWS_LAMBDA_X_RAY_TRACE_ID');
const PROTECTED = [REQUEST_ID, X_RAY_TRACE_ID];

type Store = Record<string | symbol, unknown>;

class LocalInvokeStore {
  private readonly als = new AsyncLocalStorage<Store>();

  getContext(): Store | undefined {
    return this.als.getStore();
  }

  hasContext(): boolean {
    return this.als.getStore() !== undefined;
  }

  get(key: string | symbol): unknown {
    return this.als.getStore()?.[key];
  }

  set(key: string | symbol, value: unknown): void {
    if (PROTECTED.includes(key as symbol)) throw new Error(`Cannot modify protected Lambda context field: ${String(key)}`);
    const store = this.als.getStore();
    if (!store) throw new Error('No context available');
    store[key] = value;
  }

  run<T>(context: Store, fn: () => T): T {
    return this.als.run(context, fn);
  }

  getRequestId(): string {
    return (this.get(REQUEST_ID) as string | undefined) ?? '-';
  }

  getXRayTraceId(): string | undefined {
    return this.get(X_RAY_TRACE_ID) as string | undefined;
  }

  getTenantId(): string | undefined {
    return undefined;
  }
}

const store = new LocalInvokeStore();

/** The environment variable that tells libraries (Powertools) to use the store. */
export const CONCURRENCY_ENV = { AWS_LAMBDA_MAX_CONCURRENCY: '64' };

export const installInvokeStore = (): void => {
  const g = globalThis as { awslambda?: { InvokeStore?: unknown } };
  g.awslambda ??= {};
  g.awslambda.InvokeStore = store;
};

/** Runs `work` as invocation `requestId`. */
export const inInvocation = <T>(requestId: string, work: () => T): T => store.run({ [REQUEST_ID]: requestId }, work);

/** A value of the current invocation that the local stack itself keeps (not one Lambda defines); undefined outside one. */
export const invocationField = (key: symbol): unknown => store.get(key);

/** Sets a value for the rest of the current invocation (its async continuations included); call only inside one. */
export const setInvocationField = (key: symbol, value: unknown): void => store.set(key, value);

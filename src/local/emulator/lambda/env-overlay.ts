/**
 * Each Lambda function sees its own environment (the template's Variables plus the runtime's reserved ones).
 * The local stack runs every function in one process, so `process.env` becomes a view that, inside an
 * invocation, shows that function's variables over the process's own (AsyncLocalStorage keeps invocations
 * that run concurrently apart).
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const storage = new AsyncLocalStorage<Readonly<Record<string, string>>>();
let installs = 0;
let original: NodeJS.ProcessEnv | undefined;

const overlayHandler: ProxyHandler<NodeJS.ProcessEnv> = {
  get: (target, key) => {
    const env = storage.getStore();
    return typeof key === 'string' && env && key in env ? env[key] : Reflect.get(target, key);
  },
  has: (target, key) => (typeof key === 'string' && storage.getStore()?.[key] !== undefined) || Reflect.has(target, key),
  ownKeys: (target) => [...new Set([...Reflect.ownKeys(target), ...Object.keys(storage.getStore() ?? {})])],
  getOwnPropertyDescriptor: (target, key) => {
    const env = storage.getStore();
    if (typeof key === 'string' && env && key in env) return { value: env[key], writable: true, enumerable: true, configurable: true };
    return Reflect.getOwnPropertyDescriptor(target, key);
  },
};

/** Installs the overlay (once per process, counted); returns the function that removes it. */
export const installEnvOverlay = (): (() => void) => {
  if (installs++ === 0) {
    original = process.env;
    process.env = new Proxy(original, overlayHandler);
  }
  let removed = false;
  return () => {
    if (removed) return;
    removed = true;
    if (--installs === 0 && original) process.env = original;
  };
};

/** Runs `work` with `env` layered over `process.env`. */
export const withEnv = <T>(env: Readonly<Record<string, string>>, work: () => T): T => storage.run(env, work);

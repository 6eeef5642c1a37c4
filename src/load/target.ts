/**
 * Where the load goes. `local`: the local stack started in this process on a free port, over a throw-away data
 * directory, with enough stock for the run (so `success` orders are not turned into out-of-stock ones by the
 * run itself). Otherwise a deployed API, whose template's MemorySize settings are read from template.yaml.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findProjectRoot } from '../local/config';
import { startLocalStack, type LocalStack } from '../local/stack';
import { buildLocalModel } from '../local/emulator/template/build-model';
import { loadTemplate } from '../local/emulator/template/load-template';
import type { LocalFunction } from '../local/emulator/template/local-model';
import { localObserver, remoteObserver, type Observer } from './observers';
import type { LoadOptions } from './options';

export interface LoadTarget {
  label: string;
  baseUrl: URL;
  apiKey: string;
  observer: Observer;
  local?: LocalStack;
  memoryMb: Record<string, number>;
  close(): Promise<void>;
}

/** Each order takes at most two units of a product; this much more stock keeps every run's `success` orders in stock. */
const UNITS_PER_ORDER = 2;

export const openTarget = async (options: LoadOptions): Promise<LoadTarget> => {
  if (options.target !== 'local') {
    const templatePath = join(findProjectRoot(), 'template.yaml');
    const model = buildLocalModel(loadTemplate(templatePath), { templatePath, baseUrl: options.target.origin });
    const apiKey = options.apiKey ?? '';
    return {
      label: options.target.href,
      baseUrl: options.target,
      apiKey,
      observer: remoteObserver({ baseUrl: options.target, apiKey }),
      memoryMb: memoryOf(model.functions),
      close: async () => undefined,
    };
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'order-load-'));
  const stack = await startLocalStack({ port: 0, dataDir, timeScale: options.timeScale, quiet: true });
  // Products that have stock get more; those at 0 stay sold out, as the `oos` scenario needs.
  stack.services.db.run('UPDATE inventory SET available = available + $extra WHERE available > 0', { extra: UNITS_PER_ORDER * options.orders });
  return {
    label: `local stack (${stack.url}, in-process)`,
    baseUrl: new URL(`${stack.url}/`),
    apiKey: stack.apiKey,
    observer: localObserver(stack),
    local: stack,
    memoryMb: memoryOf(stack.services.model.functions),
    close: async () => {
      await stack.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};

const memoryOf = (functions: readonly LocalFunction[]): Record<string, number> => Object.fromEntries(functions.map((f) => [f.logicalId, f.memorySize]));

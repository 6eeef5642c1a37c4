/**
 * `GET /_local/sample-events`: the sample events in `events/` (the files `sam local invoke -e` takes and the
 * tests load), each with the function it is for: the template function whose name, in kebab case and without
 * its `Function` suffix, starts the file name (`create-order-declined.json` → CreateOrderFunction); the
 * longest such name wins; null when none does. Read on each request, so a new file shows without a restart.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LocalFunction } from '../emulator/template/local-model';

export interface SampleEvent {
  name: string;
  functionLogicalId: string | null;
  /** The parsed file; absent when the file is not valid JSON (then `error` says why). */
  event?: unknown;
  error?: string;
}

const kebab = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/([A-Z])([A-Z][a-z])/g, '$1-$2').toLowerCase();

const functionForEvent = (fileName: string, functions: readonly Pick<LocalFunction, 'logicalId'>[]): string | null => {
  const stem = fileName.replace(/\.json$/i, '').toLowerCase();
  const named = functions
    .map((fn) => ({ id: fn.logicalId, prefix: kebab(fn.logicalId.replace(/Function$/, '')) }))
    .filter(({ prefix }) => stem === prefix || stem.startsWith(`${prefix}-`));
  return named.sort((a, b) => b.prefix.length - a.prefix.length)[0]?.id ?? null;
};

export const readSampleEvents = async (eventsDir: string, functions: readonly Pick<LocalFunction, 'logicalId'>[]): Promise<SampleEvent[]> => {
  const names = (await readdir(eventsDir).catch(() => [] as string[])).filter((name) => name.endsWith('.json')).sort();
  return Promise.all(
    names.map(async (name): Promise<SampleEvent> => {
      const functionLogicalId = functionForEvent(name, functions);
      const text = await readFile(join(eventsDir, name), 'utf8');
      try {
        return { name, functionLogicalId, event: JSON.parse(text) as unknown };
      } catch (error) {
        return { name, functionLogicalId, error: `not valid JSON: ${(error as Error).message}` };
      }
    }),
  );
};

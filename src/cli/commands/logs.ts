/**
 * `orders logs [--function X]... [--since 10m] [--filter text] [--tail]`: the functions' logs, merged by time.
 * With --tail it keeps polling from the newest line seen (what `sam logs --tail` does) until Ctrl-C.
 */
import { parseDuration, parseSince } from '../args';
import { UsageError } from '../errors';
import { renderLogLine } from '../render/log-text';
import type { LogLine } from '../sources/source';
import { type CommandContext } from './context';

const DEFAULT_WINDOW = '10m';
const DEFAULT_INTERVAL = '2s';

const canonical = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '').replace(/(function|loggroup)$/, '');

/** `process-payment`, `ProcessPayment` and `ProcessPaymentFunction` all name the ProcessPayment log. */
export const matchFunctions = (requested: readonly string[], available: readonly string[]): string[] =>
  requested.map((name) => {
    const match = available.find((candidate) => canonical(candidate) === canonical(name));
    if (!match) throw new UsageError(`No function or log named "${name}"; try one of: ${available.join(', ') || '(none)'}`);
    return match;
  });

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

export const logsCommand = async (
  context: CommandContext,
  values: { function?: string[]; since?: string; filter?: string; tail?: boolean; interval?: string },
): Promise<number> => {
  const { source, signal } = context;
  const requested = values.function ?? [];
  const functions = requested.length > 0 ? matchFunctions(requested, await source.logSources()) : [];
  const interval = parseDuration(values.interval ?? DEFAULT_INTERVAL);
  let since = parseSince(values.since, context.now(), DEFAULT_WINDOW) ?? context.now();
  const printed = new Set<string>();
  let width = Math.max(12, ...functions.map((name) => name.length));

  const print = (lines: readonly LogLine[]): void => {
    // The widest name of the batch, so its lines line up (a later, wider name only moves later lines).
    width = Math.max(width, ...lines.map((line) => line.source.length));
    for (const line of lines) {
      if (printed.has(line.id)) continue;
      printed.add(line.id);
      context.stdout.write(context.json ? `${JSON.stringify({ ...line, timestamp: new Date(line.timestamp).toISOString() })}\n` : renderLogLine(line, width, context.style));
      since = Math.max(since, line.timestamp);
    }
  };

  print(await source.readLogs({ functions, since, ...(values.filter && { filter: values.filter }) }));
  if (!values.tail) return 0;
  context.progress.note('Tailing logs; Ctrl-C to stop');
  while (!signal.aborted) {
    await sleep(interval, signal);
    if (signal.aborted) break;
    // From the newest line seen, inclusive: lines with that same millisecond may still arrive; ids drop the repeats.
    print(await source.readLogs({ functions, since, ...(values.filter && { filter: values.filter }) }));
  }
  return 0;
};

/** What every command gets: a source, where to write, how to style, and the clock. */
import type { Style } from '../render/format';
import type { Progress } from '../../shared/progress';
import type { OrdersSource } from '../sources/source';

export interface Writer {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface CommandContext {
  source: OrdersSource;
  stdout: Writer;
  stderr: Writer;
  style: Style;
  json: boolean;
  progress: Progress;
  now: () => number;
  /** Aborted on Ctrl-C, so `logs --tail` ends cleanly. */
  signal: AbortSignal;
}

/** Keys whose numeric values are epoch milliseconds; `--json` prints them as ISO 8601. */
const TIME_KEYS = new Set(['startedAt', 'stoppedAt', 'endedAt', 'at', 'timestamp']);

export const toJson = (value: unknown): string =>
  `${JSON.stringify(value, (key, v: unknown) => (TIME_KEYS.has(key) && typeof v === 'number' ? new Date(v).toISOString() : v), 2)}\n`;

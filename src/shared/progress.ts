/**
 * Progress of long operations (the `orders` CLI, `npm run load`) on stderr, so stdout stays clean for `--json`,
 * reports and pipes. On a terminal one line is redrawn in place; otherwise (CI, a file) a line is printed at
 * most every few seconds and at the end of each phase.
 */
export interface Progress {
  /** Starts a phase; `total` when known. */
  start(label: string, total?: number): void;
  /** Adds `step` (default 1) to the count; `detail` replaces the text shown after it. */
  tick(step?: number, detail?: string): void;
  /** Ends the phase with its final count. */
  done(): void;
  /** A one-off line (a warning, a phase that has no count). */
  note(message: string): void;
}

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

const LOG_EVERY_MS = 2000;
const CLEAR_LINE = '\r\u001b[2K';

export const silentProgress: Progress = { start: () => {}, tick: () => {}, done: () => {}, note: () => {} };

export const stderrProgress = (stream: ProgressStream = process.stderr, now: () => number = Date.now): Progress => {
  let label = '';
  let total: number | undefined;
  let count = 0;
  let detail = '';
  let lastLogged = 0;
  let active = false;
  const text = (): string => `${label}: ${count}${total !== undefined ? `/${total}` : ''}${detail ? ` ${detail}` : ''}`;
  const draw = (final: boolean): void => {
    if (stream.isTTY) {
      stream.write(`${CLEAR_LINE}${text()}${final ? '\n' : ''}`);
      return;
    }
    if (final || now() - lastLogged >= LOG_EVERY_MS) {
      lastLogged = now();
      stream.write(`${text()}\n`);
    }
  };
  return {
    start(newLabel, newTotal) {
      if (active) draw(true);
      label = newLabel;
      total = newTotal;
      count = 0;
      detail = '';
      lastLogged = now();
      active = true;
      if (stream.isTTY) draw(false);
    },
    tick(step = 1, newDetail) {
      count += step;
      if (newDetail !== undefined) detail = newDetail;
      if (active) draw(false);
    },
    done() {
      if (active) draw(true);
      active = false;
    },
    note(message) {
      stream.write(`${stream.isTTY && active ? CLEAR_LINE : ''}${message}\n`);
    },
  };
};

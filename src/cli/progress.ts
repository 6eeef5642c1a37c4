/**
 * Progress of long operations on stderr, so stdout stays clean for `--json` and pipes. On a terminal one line is
 * redrawn in place; otherwise (CI, a file) a line is printed at most every few seconds and at the end.
 */
export interface Progress {
  /** Starts a phase; `total` when known. */
  start(label: string, total?: number): void;
  tick(count?: number): void;
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

export const silentProgress: Progress = { start: () => {}, tick: () => {}, done: () => {}, note: () => {} };

export const stderrProgress = (stream: ProgressStream, now: () => number = Date.now): Progress => {
  let label = '';
  let total: number | undefined;
  let count = 0;
  let lastLogged = 0;
  let active = false;
  const text = (): string => `${label}: ${count}${total !== undefined ? `/${total}` : ''}`;
  const draw = (final: boolean): void => {
    if (stream.isTTY) {
      stream.write(`\r\u001b[2K${text()}${final ? '\n' : ''}`);
      return;
    }
    if (final || now() - lastLogged >= LOG_EVERY_MS) {
      lastLogged = now();
      stream.write(`${text()}\n`);
    }
  };
  return {
    start(newLabel, newTotal) {
      label = newLabel;
      total = newTotal;
      count = 0;
      lastLogged = now();
      active = true;
      if (stream.isTTY) draw(false);
    },
    tick(step = 1) {
      count += step;
      if (active) draw(false);
    },
    done() {
      if (active) draw(true);
      active = false;
    },
    note(message) {
      stream.write(`${stream.isTTY && active ? '\r\u001b[2K' : ''}${message}\n`);
    },
  };
};

/** Runs `task` over `items` with at most `limit` in flight, keeping the input order in the result. */
export const mapLimit = async <T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>, onEach?: () => void): Promise<R[]> => {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
      onEach?.();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
};

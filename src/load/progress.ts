/**
 * A one-line progress bar on stderr (stdout stays clean for the report): redrawn in place on a terminal,
 * printed every 10 % otherwise (CI logs, pipes).
 */
export interface ProgressState {
  phase: string;
  done: number;
  total: number;
  detail: string;
}

export interface Progress {
  update(state: ProgressState): void;
  finish(): void;
}

const WIDTH = 30;

export const renderBar = ({ phase, done, total, detail }: ProgressState): string => {
  const fraction = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(fraction * WIDTH);
  return `${phase.padEnd(9)} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${String(done).padStart(String(total).length)}/${total} ${detail}`;
};

export const stderrProgress = (stream: NodeJS.WriteStream = process.stderr): Progress => {
  let lastDecile = -1;
  let lastPhase = '';
  let drawn = false;
  return {
    update(state) {
      if (stream.isTTY) {
        stream.write(`\r${renderBar(state)}\x1b[K`);
        drawn = true;
        return;
      }
      const decile = state.total > 0 ? Math.floor((10 * state.done) / state.total) : 10;
      if (decile === lastDecile && state.phase === lastPhase) return;
      lastDecile = decile;
      lastPhase = state.phase;
      stream.write(`${renderBar(state)}\n`);
    },
    finish() {
      if (drawn) stream.write('\n');
      drawn = false;
    },
  };
};

export const silentProgress: Progress = { update: () => undefined, finish: () => undefined };

/**
 * Per-state view of one normalized execution history (src/cli/core/history.ts): what the console's graph colours
 * and what a click on a state shows. Computed from the same normalized events as `orders history`, for both
 * sources.
 */
import type { ExecutionHistory, StateEvent } from '../../cli/core/history';

export type StateRunStatus = 'running' | 'succeeded' | 'caught' | 'failed' | 'aborted';

export interface StateAttempt {
  /** 1 for the first try. */
  attempt: number;
  startedAt: number;
  endedAt?: number;
  error?: string;
  cause?: string;
}

export interface StateRun {
  state: string;
  stateType?: string;
  status: StateRunStatus;
  /** How many times the state was entered (a state can be visited again after a loop or a redrive). */
  visits: number;
  retries: number;
  attempts: StateAttempt[];
  enteredAt: number;
  exitedAt?: number;
  durationMs?: number;
  input?: unknown;
  output?: unknown;
  error?: string;
  cause?: string;
  /** Where a Catcher sent the execution. */
  caughtTo?: string;
}

export interface ExecutionView {
  history: ExecutionHistory;
  /** Keyed by state name: the last visit of each state that ran. */
  states: Record<string, StateRun>;
  /** State names in the order they were entered: the path taken. */
  path: string[];
}

const startVisit = (event: StateEvent, previous: StateRun | undefined): StateRun => ({
  state: event.state,
  ...(event.stateType !== undefined && { stateType: event.stateType }),
  status: 'running',
  visits: (previous?.visits ?? 0) + 1,
  retries: 0,
  attempts: [{ attempt: 1, startedAt: event.timestamp }],
  enteredAt: event.timestamp,
  ...(event.input !== undefined && { input: event.input }),
});

const close = (run: StateRun, at: number): void => {
  run.exitedAt = at;
  run.durationMs = at - run.enteredAt;
  const last = run.attempts.at(-1);
  if (last && last.endedAt === undefined) last.endedAt = at;
};

const apply = (run: StateRun, event: StateEvent): void => {
  const attempt = run.attempts.at(-1);
  switch (event.kind) {
    case 'exited':
      // A caught state also exits (towards its Catcher's Next): it stays caught.
      if (run.status !== 'caught') run.status = 'succeeded';
      if (event.output !== undefined) run.output = event.output;
      close(run, event.timestamp);
      break;
    case 'failed':
      run.status = 'failed';
      if (event.error !== undefined) run.error = event.error;
      if (event.cause !== undefined) run.cause = event.cause;
      if (attempt) {
        attempt.endedAt = event.timestamp;
        if (event.error !== undefined) attempt.error = event.error;
        if (event.cause !== undefined) attempt.cause = event.cause;
      }
      close(run, event.timestamp);
      break;
    case 'retried':
      run.status = 'running';
      run.retries += 1;
      run.attempts.push({ attempt: event.attempt ?? run.attempts.length + 1, startedAt: event.timestamp });
      break;
    case 'caught':
      run.status = 'caught';
      if (event.next !== undefined) run.caughtTo = event.next;
      run.exitedAt = event.timestamp;
      run.durationMs = event.timestamp - run.enteredAt;
      break;
    case 'aborted':
      run.status = 'aborted';
      close(run, event.timestamp);
      break;
    default:
      break;
  }
};

export const viewExecution = (history: ExecutionHistory): ExecutionView => {
  const states: Record<string, StateRun> = {};
  const path: string[] = [];
  for (const event of history.events) {
    if (event.kind === 'entered') {
      states[event.state] = startVisit(event, states[event.state]);
      path.push(event.state);
      continue;
    }
    const run = states[event.state];
    if (run) apply(run, event);
  }
  // A state still running in a finished execution was cut short (its branch was cancelled, or the run stopped).
  if (history.status !== 'RUNNING') {
    for (const run of Object.values(states)) if (run.status === 'running') run.status = 'aborted';
  }
  return { history, states, path };
};

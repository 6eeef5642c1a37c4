/**
 * One row per state visit, in the order the states were entered: what `orders history` prints, and what the
 * Step Functions console's event view shows, folded per state.
 */
import { readableCause } from '../../domain/failure';
import { findFailurePoint, type FailurePoint } from './failure-point';
import type { ExecutionHistory, ExecutionSummary, StateEvent } from './history';

/**
 * - `succeeded`: exited normally; `failed`: its last attempt failed and nothing caught it (the error went up to
 *   the enclosing Parallel or ended the execution); `caught`: failed, and a Catcher moved on; `aborted`: cancelled;
 * - `ended`: a Fail or Succeed state, which ends its branch or the execution; `running`: not finished yet.
 */
export type StepResult = 'succeeded' | 'failed' | 'caught' | 'aborted' | 'ended' | 'running';

export interface Retry {
  attempt: number;
  at: number;
  /** The error of the attempt before. */
  error?: string;
}

export interface TimelineStep {
  state: string;
  stateType?: string;
  /** Nesting inside Parallel (or Map) states. */
  depth: number;
  startedAt: number;
  /** From the start of the execution. */
  offsetMs: number;
  endedAt?: number;
  durationMs?: number;
  attempts: number;
  retries: Retry[];
  result: StepResult;
  error?: string;
  cause?: string;
  /** Where a Catcher sent the execution. */
  next?: string;
  /** Marks the visit where the execution went wrong. */
  failurePoint: boolean;
  input?: unknown;
  output?: unknown;
}

export interface Timeline {
  execution: ExecutionSummary & { durationMs?: number; error?: string; cause?: string; input?: unknown; output?: unknown };
  failure?: FailurePoint;
  steps: TimelineStep[];
}

export interface TimelineOptions {
  /** Keep each state's input and output (`--data`). */
  includeData?: boolean;
}

const CONTAINER_TYPES = new Set(['Parallel', 'Map']);
const TERMINAL_TYPES = new Set(['Fail', 'Succeed']);

export const buildTimeline = (history: ExecutionHistory, { includeData = false }: TimelineOptions = {}): Timeline => {
  const steps: TimelineStep[] = [];
  const open = new Map<string, TimelineStep>();
  const openContainers = new Set<TimelineStep>();
  const close = (step: TimelineStep, at: number): void => {
    step.endedAt = at;
    step.durationMs = Math.max(0, at - step.startedAt);
    openContainers.delete(step);
  };

  for (const event of history.events) {
    if (event.kind === 'entered') {
      const step = newStep(event, history.startedAt, openContainers.size, includeData);
      steps.push(step);
      open.set(event.state, step);
      if (event.stateType && CONTAINER_TYPES.has(event.stateType)) openContainers.add(step);
      if (event.stateType && TERMINAL_TYPES.has(event.stateType)) {
        step.result = 'ended';
        close(step, event.timestamp);
      }
      continue;
    }
    const step = open.get(event.state);
    if (!step) continue;
    applyEvent(step, event, includeData, close);
  }

  // A state still open when the execution has ended was cancelled with it (the local stack writes no abort event).
  if (history.stoppedAt !== undefined) {
    for (const step of steps) {
      if (step.result !== 'running') continue;
      step.result = 'aborted';
      close(step, Math.max(step.startedAt, history.stoppedAt));
    }
  }

  const failure = findFailurePoint(history);
  markFailurePoint(steps, failure);
  const { events: _events, input, output, ...summary } = history;
  return {
    execution: {
      ...summary,
      ...(history.stoppedAt !== undefined && { durationMs: Math.max(0, history.stoppedAt - history.startedAt) }),
      ...(includeData && { input, output }),
    },
    ...(failure && { failure }),
    steps,
  };
};

const newStep = (event: StateEvent, executionStart: number, depth: number, includeData: boolean): TimelineStep => ({
  state: event.state,
  ...(event.stateType && { stateType: event.stateType }),
  depth,
  startedAt: event.timestamp,
  offsetMs: Math.max(0, event.timestamp - executionStart),
  attempts: 1,
  retries: [],
  result: 'running',
  failurePoint: false,
  ...(includeData && { input: event.input }),
});

const applyEvent = (step: TimelineStep, event: StateEvent, includeData: boolean, close: (step: TimelineStep, at: number) => void): void => {
  switch (event.kind) {
    case 'exited':
      if (step.result === 'running' || step.result === 'failed') step.result = step.result === 'failed' ? 'caught' : 'succeeded';
      close(step, event.timestamp);
      if (includeData) step.output = event.output;
      return;
    case 'failed':
      if (event.error !== undefined) step.error = event.error;
      if (event.cause !== undefined) step.cause = readableCause(event.cause);
      // A Fail state "fails" by design: it keeps its `ended` result and shows the error it ends with.
      if (step.result === 'ended') return;
      step.result = 'failed';
      close(step, event.timestamp);
      return;
    case 'retried':
      step.attempts = event.attempt ?? step.attempts + 1;
      step.retries.push({ attempt: step.attempts, at: event.timestamp, ...(step.error !== undefined && { error: step.error }) });
      step.result = 'running';
      delete step.error;
      delete step.cause;
      delete step.endedAt;
      delete step.durationMs;
      return;
    case 'caught':
      step.result = 'caught';
      if (event.next !== undefined) step.next = event.next;
      if (step.endedAt === undefined) close(step, event.timestamp);
      return;
    case 'aborted':
      step.result = 'aborted';
      close(step, event.timestamp);
      return;
    default:
      return;
  }
};

/** The last visit of the failed state; when the failure names no visited state, the last step that failed. */
const markFailurePoint = (steps: TimelineStep[], failure: FailurePoint | undefined): void => {
  if (!failure) return;
  const byState = steps.findLast((step) => step.state === failure.state);
  const byResult = steps.findLast((step) => step.result === 'failed' || step.result === 'caught');
  const step = byState ?? byResult;
  if (step) step.failurePoint = true;
};

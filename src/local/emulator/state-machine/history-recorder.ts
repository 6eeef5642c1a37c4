/**
 * Turns the library's execution event logs (of the top level and of each Parallel branch, which we run as
 * separate machines) into one history per execution, with state types from the original definition and
 * the time spent in each state.
 */
import type { ExecutionStore } from './execution-store';
import type { StateInfo } from './definition';

/** The fields of `aws-local-stepfunctions` events that we read. */
export interface LibraryEvent {
  type: string;
  timestamp: number;
  input?: unknown;
  output?: unknown;
  Error?: string;
  Cause?: unknown;
  index?: number;
  state?: { name: string; type: string; input?: unknown; output?: unknown };
  retry?: { attempt: number; retrier: { ErrorEquals: string[] } };
  catch?: { catcher: { ErrorEquals: string[]; Next: string } };
}

/** Where a run sits: the top level, or branch `branch` of Parallel state `parallel`. */
export interface RunPlace {
  parallel?: string;
  branch?: number;
}

const causeText = (cause: unknown): string | undefined =>
  cause === undefined || cause === null ? undefined : typeof cause === 'string' ? cause : JSON.stringify(cause);

export class HistoryRecorder {
  private readonly enteredAt = new Map<string, number>();
  abortReason = 'The execution was stopped';

  constructor(
    private readonly store: ExecutionStore,
    private readonly executionArn: string,
    private readonly states: ReadonlyMap<string, StateInfo>,
  ) {}

  /**
   * Records `type` for this execution (task and Lambda events that the library does not report). The library's
   * own events reach us a few microtasks late; deferring ours keeps "StateEntered" before "TaskSubmitted".
   */
  append(type: string, stateName: string | undefined, details: Record<string, unknown>): void {
    const timestamp = Date.now();
    setImmediate(() => this.store.append(this.executionArn, type, stateName, details, timestamp));
  }

  async consume(events: AsyncGenerator<unknown>, place: RunPlace): Promise<void> {
    for await (const event of events) this.record(event as LibraryEvent, place);
  }

  private record(e: LibraryEvent, place: RunPlace): void {
    const branch = place.parallel !== undefined ? { parallel: place.parallel, branch: place.branch } : {};
    const write = (type: string, stateName: string | undefined, details: Record<string, unknown>): void =>
      this.store.append(this.executionArn, type, stateName, details, e.timestamp);
    const name = e.state?.name;
    const type = name ? (this.states.get(name)?.type ?? e.state?.type) : undefined;
    const error = { ...(e.Error !== undefined ? { error: e.Error } : {}), ...(causeText(e.Cause) !== undefined ? { cause: causeText(e.Cause) } : {}) };
    switch (e.type) {
      case 'ExecutionStarted':
        return place.parallel ? write('ParallelBranchStarted', place.parallel, { branch: place.branch }) : write('ExecutionStarted', undefined, { input: e.input });
      case 'ExecutionSucceeded':
        return place.parallel
          ? write('ParallelBranchSucceeded', place.parallel, { branch: place.branch })
          : write('ExecutionSucceeded', undefined, { output: e.output });
      case 'ExecutionFailed':
        return place.parallel ? write('ParallelBranchFailed', place.parallel, { branch: place.branch, ...error }) : write('ExecutionFailed', undefined, error);
      case 'ExecutionAborted':
        return place.parallel
          ? write('ParallelBranchAborted', place.parallel, { branch: place.branch, reason: this.abortReason })
          : write('ExecutionAborted', undefined, { reason: this.abortReason });
      case 'ExecutionTimeout':
        return write('ExecutionTimedOut', undefined, {});
      case 'StateEntered':
        this.enteredAt.set(name as string, e.timestamp);
        return write('StateEntered', name, { stateType: type, input: e.state?.input, ...branch });
      case 'StateExited': {
        const entered = this.enteredAt.get(name as string);
        return write('StateExited', name, {
          stateType: type,
          output: e.state?.output,
          ...(entered !== undefined ? { durationMs: e.timestamp - entered } : {}),
          ...branch,
        });
      }
      case 'StateFailed':
        return write('StateFailed', name, { stateType: type, ...error, ...branch });
      case 'StateRetried':
        return write('StateRetried', name, { stateType: type, attempt: e.retry?.attempt, errorEquals: e.retry?.retrier.ErrorEquals, ...branch });
      case 'StateCaught':
        return write('StateCaught', name, { stateType: type, errorEquals: e.catch?.catcher.ErrorEquals, next: e.catch?.catcher.Next, ...branch });
      default:
        return write(e.type, name, { ...(e.index !== undefined ? { index: e.index } : {}), ...error, ...branch });
    }
  }
}

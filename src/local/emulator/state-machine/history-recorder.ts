/**
 * Turns the library's execution event logs (of the top level and of each Parallel branch, which we run as
 * separate machines) into one history per execution, with state types from the original definition and
 * the time spent in each state. Details left undefined are dropped when the event is stored (JSON).
 */
import type { ExecutionStore } from './execution-store';
import type { StateInfo } from './definition';

/** The fields of `aws-local-stepfunctions` events that we read. */
interface LibraryEvent {
  type: string;
  timestamp: number;
  input?: unknown;
  output?: unknown;
  Error?: string;
  Cause?: unknown;
  state?: { name: string; type: string; input?: unknown; output?: unknown };
  retry?: { attempt: number; retrier: { ErrorEquals: string[] } };
  catch?: { catcher: { ErrorEquals: string[]; Next: string } };
}

/** Where a run sits: the top level, or branch `branch` of Parallel state `parallel`. */
export type RunPlace = { parallel?: string; branch?: number };

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

  private record(e: LibraryEvent, { parallel, branch }: RunPlace): void {
    const write = (type: string, stateName: string | undefined, details: Record<string, unknown>): void =>
      this.store.append(this.executionArn, type, stateName, details, e.timestamp);
    const cause = e.Cause === undefined || e.Cause === null || typeof e.Cause === 'string' ? e.Cause : JSON.stringify(e.Cause);
    const outcome = { error: e.Error, cause: cause ?? undefined, ...(e.type === 'ExecutionAborted' ? { reason: this.abortReason } : {}) };
    if (e.type === 'ExecutionTimeout') return write('ExecutionTimedOut', undefined, {});
    // A branch's execution events become the ParallelBranch* events of its Parallel state.
    if (e.type.startsWith('Execution')) {
      return parallel === undefined
        ? write(e.type, undefined, { input: e.input, output: e.output, ...outcome })
        : write(e.type.replace('Execution', 'ParallelBranch'), parallel, { branch, ...outcome });
    }
    const name = e.state?.name as string;
    if (e.type === 'StateEntered') this.enteredAt.set(name, e.timestamp);
    const entered = e.type === 'StateExited' ? this.enteredAt.get(name) : undefined;
    // One shape for every state event; the store writes JSON, so a field the event does not have (undefined) is left
    // out: StateEntered gets input, StateExited output and durationMs, StateFailed error and cause, StateRetried
    // attempt and errorEquals, StateCaught errorEquals and next.
    write(e.type, name, {
      stateType: this.states.get(name)?.type ?? e.state?.type,
      ...(e.type === 'StateEntered' ? { input: e.state?.input } : {}),
      ...(e.type === 'StateExited' ? { output: e.state?.output, durationMs: entered === undefined ? undefined : e.timestamp - entered } : {}),
      ...outcome,
      attempt: e.retry?.attempt,
      errorEquals: (e.retry?.retrier ?? e.catch?.catcher)?.ErrorEquals,
      next: e.catch?.catcher.Next,
      ...(parallel === undefined ? {} : { parallel, branch }),
    });
  }
}

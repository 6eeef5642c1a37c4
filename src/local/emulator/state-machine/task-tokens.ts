/**
 * Task tokens of `.waitForTaskToken` tasks, and the callbacks that answer them (SendTaskSuccess,
 * SendTaskFailure, SendTaskHeartbeat). A token lives until it is answered, its task times out
 * (TimeoutSeconds → States.Timeout, HeartbeatSeconds without heartbeat → States.HeartbeatTimeout), or its
 * scope is cancelled (a sibling branch failed, the execution ended). After that every callback fails with
 * the error Step Functions answers: `TaskTimedOut` for a token that closed, `InvalidToken` for one never issued.
 */
import { randomBytes } from 'node:crypto';
import type { Scope } from './scope';

/** A callback for a dead token, named as the Step Functions API names it (TaskTimedOut, InvalidToken). */
export class DeadTaskTokenError extends Error {
  constructor(name: 'TaskTimedOut' | 'InvalidToken', message: string) {
    super(message);
    this.name = name;
  }
}

/** An error with the ASL `Error` as its name and the `Cause` as its message, as the library reads them. */
export class StateError extends Error {
  constructor(error: string, cause: string) {
    super(cause);
    this.name = error;
  }
}

export interface TokenOwner {
  executionArn: string;
  stateName: string;
}

export interface TokenEvents {
  /** Something happened to a token (answered, timed out, cancelled, late callback refused). */
  record(owner: TokenOwner, type: string, details: Record<string, unknown>): void;
}

interface Pending extends TokenOwner {
  resolve(output: unknown): void;
  reject(error: Error): void;
  heartbeatMs: number | undefined;
  heartbeatTimer?: NodeJS.Timeout;
  timeoutTimer?: NodeJS.Timeout;
  unsubscribe(): void;
}

const MAX_REMEMBERED_CLOSED = 100_000;

export class TaskTokens {
  private readonly pending = new Map<string, Pending>();
  /** Closed tokens and why, so a late callback gets a precise answer and lands in the right history. */
  private readonly closed = new Map<string, TokenOwner & { reason: string }>();

  constructor(private readonly events: TokenEvents) {}

  mint(): string {
    return `local-${randomBytes(48).toString('base64url')}`;
  }

  /** Waits for the callback of `token`; the promise rejects with States.Timeout/HeartbeatTimeout or on cancel. */
  wait(token: string, owner: TokenOwner, scope: Scope, limits: { timeoutMs?: number; heartbeatMs?: number }): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const entry: Pending = { ...owner, resolve, reject, heartbeatMs: limits.heartbeatMs, unsubscribe: () => undefined };
      this.pending.set(token, entry);
      if (limits.timeoutMs !== undefined) {
        entry.timeoutTimer = setTimeout(() => this.expire(token, 'States.Timeout', 'The task timed out (TimeoutSeconds)'), limits.timeoutMs);
      }
      this.armHeartbeat(token, entry);
      entry.unsubscribe = scope.onCancel((reason) => {
        const closed = `cancelled: ${reason}`;
        this.settle(token, closed, ['TaskCancelled', { reason: closed }])?.reject(new StateError('States.Cancelled', reason));
      });
    });
  }

  /** Closes a token whose message could not be sent. */
  discard(token: string, reason: string): void {
    this.settle(token, reason);
  }

  async succeed(taskToken: string, output: Record<string, unknown>): Promise<void> {
    this.live(taskToken, 'SendTaskSuccess');
    const waiting = this.settle(taskToken, 'answered with SendTaskSuccess', ['TaskSucceeded', { output }]);
    waiting?.resolve(JSON.parse(JSON.stringify(output ?? null)));
  }

  async fail(taskToken: string, error: string, cause: string): Promise<void> {
    this.live(taskToken, 'SendTaskFailure');
    const waiting = this.settle(taskToken, 'answered with SendTaskFailure', ['TaskFailed', { error, cause }]);
    waiting?.reject(new StateError(error, cause));
  }

  async heartbeat(taskToken: string): Promise<void> {
    const entry = this.live(taskToken, 'SendTaskHeartbeat');
    this.armHeartbeat(taskToken, entry);
    this.events.record(entry, 'TaskHeartbeat', {});
  }

  /** Tokens waiting for an answer (for the console). */
  pendingTokens(): (TokenOwner & { token: string })[] {
    return [...this.pending.entries()].map(([token, p]) => ({ token, executionArn: p.executionArn, stateName: p.stateName }));
  }

  private live(token: string, action: string): Pending {
    const entry = this.pending.get(token);
    if (entry) return entry;
    const closed = this.closed.get(token);
    if (closed) {
      this.events.record(closed, 'TaskCallbackRejected', { action, reason: closed.reason });
      throw new DeadTaskTokenError('TaskTimedOut', `Task Timed Out: 'Provided task does not exist anymore' (${closed.reason})`);
    }
    throw new DeadTaskTokenError('InvalidToken', 'Invalid token (unknown to this local stack; tokens do not survive a restart)');
  }

  private armHeartbeat(token: string, entry: Pending): void {
    if (entry.heartbeatMs === undefined) return;
    clearTimeout(entry.heartbeatTimer);
    entry.heartbeatTimer = setTimeout(() => this.expire(token, 'States.HeartbeatTimeout', 'No heartbeat within HeartbeatSeconds'), entry.heartbeatMs);
  }

  private expire(token: string, error: string, cause: string): void {
    this.settle(token, `timed out (${error})`, ['TaskTimedOut', { error, cause }])?.reject(new StateError(error, cause));
  }

  /** Closes a live token (its timers stop, why is remembered), records `event`, and returns it to be answered. */
  private settle(token: string, reason: string, event?: [type: string, details: Record<string, unknown>]): Pending | undefined {
    const entry = this.pending.get(token);
    if (!entry) return undefined;
    clearTimeout(entry.timeoutTimer);
    clearTimeout(entry.heartbeatTimer);
    entry.unsubscribe();
    this.pending.delete(token);
    this.closed.set(token, { executionArn: entry.executionArn, stateName: entry.stateName, reason });
    if (this.closed.size > MAX_REMEMBERED_CLOSED) this.closed.delete(this.closed.keys().next().value as string);
    if (event) this.events.record(entry, ...event);
    return entry;
  }
}

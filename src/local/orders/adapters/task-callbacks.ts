/**
 * TaskCallbacks on the local stack's task tokens: the emulator answers a dead token as Step Functions does
 * (TaskTimedOut, InvalidToken); the port promises `TaskNoLongerActiveError`, as the AWS adapter gives.
 */
import { TaskNoLongerActiveError } from '../../../domain/errors';
import type { TaskCallbacks } from '../../../domain/ports';
import { DeadTaskTokenError, type TaskTokens } from '../../emulator/state-machine/task-tokens';

export class LocalTaskCallbacks implements TaskCallbacks {
  constructor(private readonly tokens: TaskTokens) {}

  succeed(taskToken: string, output: Record<string, unknown>): Promise<void> {
    return this.answer(() => this.tokens.succeed(taskToken, output));
  }

  fail(taskToken: string, error: string, cause: string): Promise<void> {
    return this.answer(() => this.tokens.fail(taskToken, error, cause));
  }

  heartbeat(taskToken: string): Promise<void> {
    return this.answer(() => this.tokens.heartbeat(taskToken));
  }

  private async answer(call: () => Promise<void>): Promise<void> {
    try {
      await call();
    } catch (error) {
      if (error instanceof DeadTaskTokenError) throw new TaskNoLongerActiveError(`${error.name}: ${error.message}`, { cause: error });
      throw error;
    }
  }
}

/**
 * TaskCallbacks on Step Functions. A token dies when its task times out, is cancelled (the other Parallel branch
 * failed) or its execution ends; all three answers become `TaskNoLongerActiveError` so the caller can compensate.
 */
import {
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { TaskNoLongerActiveError } from '../../domain/errors';
import type { TaskCallbacks } from '../../domain/ports';
import { hasErrorName } from './aws-errors';

export interface SfnTaskCallbacksOptions {
  client: SFNClient;
}

const DEAD_TOKEN_ERRORS = ['TaskTimedOut', 'InvalidToken', 'TaskDoesNotExist'] as const;
// Service limits for SendTaskFailure; longer values are rejected, losing the failure altogether.
const MAX_ERROR_LENGTH = 256;
const MAX_CAUSE_LENGTH = 32_768;

export class SfnTaskCallbacks implements TaskCallbacks {
  private readonly client: SFNClient;

  constructor({ client }: SfnTaskCallbacksOptions) {
    this.client = client;
  }

  async succeed(taskToken: string, output: Record<string, unknown>): Promise<void> {
    await this.send(() => this.client.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) })));
  }

  async fail(taskToken: string, error: string, cause: string): Promise<void> {
    await this.send(() =>
      this.client.send(
        new SendTaskFailureCommand({
          taskToken,
          error: error.slice(0, MAX_ERROR_LENGTH),
          cause: cause.slice(0, MAX_CAUSE_LENGTH),
        }),
      ),
    );
  }

  async heartbeat(taskToken: string): Promise<void> {
    await this.send(() => this.client.send(new SendTaskHeartbeatCommand({ taskToken })));
  }

  private async send(call: () => Promise<unknown>): Promise<void> {
    try {
      await call();
    } catch (error) {
      if (hasErrorName(error, ...DEAD_TOKEN_ERRORS)) {
        throw new TaskNoLongerActiveError(`Task token is no longer active (${error.name})`, { cause: error });
      }
      throw error;
    }
  }
}

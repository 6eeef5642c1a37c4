/**
 * WorkflowStarter on Step Functions. The execution is named after the order, so a repeated start cannot run the
 * workflow twice: Step Functions answers a repeat with the same input with the running execution, and anything
 * else with `ExecutionAlreadyExists`, for which the ARN is derived instead of asking the service again.
 */
import { StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { WorkflowStarter } from '../../domain/ports';
import { hasErrorName } from './aws-errors';

export interface SfnWorkflowStarterOptions {
  client: SFNClient;
  stateMachineArn: string;
}

/** `arn:<partition>:states:<region>:<account>:stateMachine:<machine>` → `...:execution:<machine>:<name>`. */
export const executionArnOf = (stateMachineArn: string, name: string): string =>
  `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;

export class SfnWorkflowStarter implements WorkflowStarter {
  private readonly client: SFNClient;
  private readonly stateMachineArn: string;

  constructor({ client, stateMachineArn }: SfnWorkflowStarterOptions) {
    this.client = client;
    this.stateMachineArn = stateMachineArn;
  }

  async start(name: string, input: Record<string, unknown>): Promise<{ executionArn: string; alreadyStarted: boolean }> {
    try {
      const { executionArn } = await this.client.send(
        new StartExecutionCommand({ stateMachineArn: this.stateMachineArn, name, input: JSON.stringify(input) }),
      );
      return { executionArn: executionArn ?? executionArnOf(this.stateMachineArn, name), alreadyStarted: false };
    } catch (error) {
      if (!hasErrorName(error, 'ExecutionAlreadyExists')) throw error;
      return { executionArn: executionArnOf(this.stateMachineArn, name), alreadyStarted: true };
    }
  }
}

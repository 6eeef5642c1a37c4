/**
 * WorkflowStarter on Step Functions. The execution is named after the order, so a repeated start cannot run the
 * workflow twice: on a Standard machine StartExecution answers a repeat with the same input, while the execution
 * runs, with that execution; another input, or a repeat after the execution ended, is `ExecutionAlreadyExists`,
 * which becomes `ExecutionAlreadyExistsError` naming the existing execution (its ARN derived, not asked for).
 */
import { StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { ExecutionAlreadyExistsError } from '../../domain/errors';
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

  async start(name: string, input: Record<string, unknown>): Promise<{ executionArn: string }> {
    try {
      const { executionArn } = await this.client.send(
        new StartExecutionCommand({ stateMachineArn: this.stateMachineArn, name, input: JSON.stringify(input) }),
      );
      return { executionArn: executionArn ?? executionArnOf(this.stateMachineArn, name) };
    } catch (error) {
      if (!hasErrorName(error, 'ExecutionAlreadyExists')) throw error;
      throw new ExecutionAlreadyExistsError(executionArnOf(this.stateMachineArn, name), { cause: error });
    }
  }
}

/** WorkflowStarter on the local stack's state machine runner, which answers StartExecution as Step Functions does. */
import { ExecutionAlreadyExistsError } from '../../../domain/errors';
import type { WorkflowStarter } from '../../../domain/ports';
import { ExecutionAlreadyExistsError as RunnerExecutionAlreadyExists, type LocalStateMachineRunner } from '../../emulator/state-machine/runner';
import { executionArn as toExecutionArn } from '../../emulator/template/physical-ids';

export class LocalWorkflowStarter implements WorkflowStarter {
  constructor(private readonly runner: Pick<LocalStateMachineRunner, 'start' | 'machine'>) {}

  async start(name: string, input: Record<string, unknown>): Promise<{ executionArn: string }> {
    try {
      return await this.runner.start(name, input);
    } catch (error) {
      if (!(error instanceof RunnerExecutionAlreadyExists)) throw error;
      throw new ExecutionAlreadyExistsError(toExecutionArn(this.runner.machine.name, name), { cause: error });
    }
  }
}

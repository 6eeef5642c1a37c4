/**
 * WorkflowStarter on the local stack's state machine runner, held to Step Functions' StartExecution on a Standard
 * machine: the runner answers any repeat with the same input with the existing execution, even one that has
 * ended, and refuses another input with its own error; Step Functions refuses both with ExecutionAlreadyExists,
 * which the port turns into `ExecutionAlreadyExistsError`.
 */
import { ExecutionAlreadyExistsError } from '../../../domain/errors';
import type { WorkflowStarter } from '../../../domain/ports';
import type { ExecutionStore } from '../../emulator/state-machine/execution-store';
import { ExecutionAlreadyExistsError as RunnerExecutionAlreadyExists, type LocalStateMachineRunner } from '../../emulator/state-machine/runner';
import { executionArn as toExecutionArn } from '../../emulator/template/physical-ids';

export class LocalWorkflowStarter implements WorkflowStarter {
  constructor(
    private readonly runner: Pick<LocalStateMachineRunner, 'start' | 'machine'>,
    private readonly executions: Pick<ExecutionStore, 'get'>,
  ) {}

  async start(name: string, input: Record<string, unknown>): Promise<{ executionArn: string }> {
    const existing = this.executions.get(toExecutionArn(this.runner.machine.name, name));
    if (existing && existing.status !== 'RUNNING') throw new ExecutionAlreadyExistsError(existing.executionArn);
    try {
      const { executionArn } = await this.runner.start(name, input);
      return { executionArn };
    } catch (error) {
      if (!(error instanceof RunnerExecutionAlreadyExists)) throw error;
      throw new ExecutionAlreadyExistsError(toExecutionArn(this.runner.machine.name, name), { cause: error });
    }
  }
}

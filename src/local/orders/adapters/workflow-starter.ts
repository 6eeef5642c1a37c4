/**
 * WorkflowStarter on the local stack's state machine runner, held to Step Functions' StartExecution on a Standard
 * machine, which receives the input as JSON text: a repeat is the running execution only when its input is the
 * same JSON; another input, or any repeat once the execution has ended, is `ExecutionAlreadyExistsError`. The
 * runner alone answers a repeat of an ended execution with that execution, and compares inputs structurally
 * (prototypes included), so it is asked only to start names it has not seen.
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
    if (existing) {
      if (existing.status === 'RUNNING' && JSON.stringify(existing.input) === JSON.stringify(input)) return { executionArn: existing.executionArn };
      throw new ExecutionAlreadyExistsError(existing.executionArn);
    }
    try {
      const { executionArn } = await this.runner.start(name, input);
      return { executionArn };
    } catch (error) {
      // The runner saw the name after all (it keeps its own record of executions).
      if (!(error instanceof RunnerExecutionAlreadyExists)) throw error;
      throw new ExecutionAlreadyExistsError(toExecutionArn(this.runner.machine.name, name), { cause: error });
    }
  }
}

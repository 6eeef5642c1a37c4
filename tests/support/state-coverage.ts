/**
 * State coverage of the workflow tests: which states of the order state machine the executions of a test
 * run entered. The expected set is read from the ASL the template points at (every state, including those
 * inside Parallel branches), so adding a state without a test that reaches it fails the check.
 */
import { join } from 'node:path';
import { collectStates, type LevelDefinition } from '../../src/local/emulator/state-machine/definition';
import { buildLocalModel } from '../../src/local/emulator/template/build-model';
import { loadTemplate } from '../../src/local/emulator/template/load-template';
import type { LocalStateMachine } from '../../src/local/emulator/template/local-model';
import type { ExecutionView, StackClient } from './local-stack';

const templatePath = join(__dirname, '..', '..', 'template.yaml');

/** The state machine that the API's order-creating route starts (found through the function's environment). */
export const orderStateMachine = (): LocalStateMachine => {
  const model = buildLocalModel(loadTemplate(templatePath), { templatePath, baseUrl: 'http://127.0.0.1' });
  const create = model.apis.flatMap((a) => a.routes).find((r) => r.method === 'POST' && r.requestModel && r.functionLogicalId);
  const env = new Set(Object.values(model.functions.find((f) => f.logicalId === create?.functionLogicalId)?.environment ?? {}));
  const machine = model.stateMachines.find((m) => env.has(m.arn));
  if (!machine) throw new Error('No state machine is started by the API route with a request model');
  return machine;
};

export const allStates = (machine: LocalStateMachine): string[] => [...collectStates(machine.definition as LevelDefinition).keys()];

export class StateCoverage {
  readonly entered = new Set<string>();

  /** Adds the states entered by every execution the stack knows. */
  async collect(client: StackClient): Promise<void> {
    const executions = await client.console<{ executionArn: string }[]>('executions?limit=10000');
    for (const { executionArn } of executions) {
      const detail = await client.console<ExecutionView>(`executions/${encodeURIComponent(executionArn)}`);
      for (const e of detail.events) if (e.type === 'StateEntered' && e.stateName) this.entered.add(e.stateName);
    }
  }

  missing(machine: LocalStateMachine): string[] {
    return allStates(machine).filter((s) => !this.entered.has(s));
  }
}

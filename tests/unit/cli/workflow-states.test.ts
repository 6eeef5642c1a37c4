/** The state names the report reads meaning from exist in the workflow. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { WorkflowStates } from '../../../src/cli/core/workflow-states';

const stateNames = (states: Record<string, { Branches?: { States: Record<string, unknown> }[] }>): string[] =>
  Object.entries(states).flatMap(([name, state]) => [name, ...(state.Branches ?? []).flatMap((branch) => stateNames(branch.States as never))]);

test('every name in WorkflowStates is a state of statemachine/order.asl.json', () => {
  const asl = JSON.parse(readFileSync(path.resolve(__dirname, '../../../statemachine/order.asl.json'), 'utf8')) as { States: never };
  const names = stateNames(asl.States);
  for (const name of Object.values(WorkflowStates)) expect(names).toContain(name);
});

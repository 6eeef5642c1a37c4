/**
 * A payload template (a state's Parameters) evaluated by aws-local-stepfunctions outside an execution, through a
 * one-state machine, so that code re-running a single step (restart recovery) builds the same payload.
 */
import { StateMachine, type RunOptions, type StateMachineDefinition } from 'aws-local-stepfunctions';

export const evaluatePayload = async (template: unknown, input: unknown, context: unknown): Promise<unknown> => {
  const definition = { StartAt: 'Payload', States: { Payload: { Type: 'Pass', Parameters: template, End: true } } };
  const machine = new StateMachine(definition as unknown as StateMachineDefinition, { validationOptions: { noValidate: true } });
  return machine.run(input as never, { context: context as RunOptions['context'] }).result;
};

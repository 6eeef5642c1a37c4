/** The ASL object of a state machine, checked just enough for the graph to walk it. */
import type { AslDefinition } from '../shared/api';

export const definitionOf = (definition: Record<string, unknown>): AslDefinition => {
  if (typeof definition.StartAt !== 'string' || typeof definition.States !== 'object' || definition.States === null) {
    throw new Error('A state machine definition without StartAt or States');
  }
  return definition as unknown as AslDefinition;
};

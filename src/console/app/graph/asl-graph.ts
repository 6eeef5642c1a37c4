/**
 * An ASL definition as a graph: every state (nested in Parallel branches as groups), and every transition with
 * its kind — Next, Choice rule (with its condition), Default, Catch, the branches a Parallel starts and the join
 * from a branch's end back to the Parallel's Next. Retriers are kept on their state (drawn as a loop).
 */
import type { AslDefinition, AslState } from '../../shared/api';

export type EdgeKind = 'next' | 'choice' | 'default' | 'catch' | 'branch' | 'join';

export interface StateNode {
  id: string;
  type: string;
  /** The group (Parallel branch) the state is in, if any. */
  parent?: string;
  retry?: string;
  end: boolean;
}

export interface GroupNode {
  id: string;
  label: string;
  parent?: string;
}

export interface GraphEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  label?: string;
}

export interface AslGraph {
  states: StateNode[];
  groups: GroupNode[];
  edges: GraphEdge[];
  startAt: string;
}

const COMPARATORS = /^(String|Numeric|Boolean|Timestamp)(Equals|LessThan|GreaterThan|LessThanEquals|GreaterThanEquals|Matches)(Path)?$|^Is(Null|Present|Numeric|String|Boolean|Timestamp)$/;

/** A Choice rule as one line: `$.validation.valid == false`, `not (…)`, `a and b`. */
const conditionText = (rule: Record<string, unknown>): string => {
  if (Array.isArray(rule.And)) return (rule.And as Record<string, unknown>[]).map(conditionText).join(' and ');
  if (Array.isArray(rule.Or)) return (rule.Or as Record<string, unknown>[]).map(conditionText).join(' or ');
  if (rule.Not && typeof rule.Not === 'object') return `not (${conditionText(rule.Not as Record<string, unknown>)})`;
  if (typeof rule.Condition === 'string') return rule.Condition;
  const key = Object.keys(rule).find((k) => COMPARATORS.test(k));
  if (!key) return 'rule';
  const op = key.replace(/^(String|Numeric|Boolean|Timestamp)/, '').replace(/Path$/, '');
  const symbol: Record<string, string> = { Equals: '==', LessThan: '<', GreaterThan: '>', LessThanEquals: '<=', GreaterThanEquals: '>=', Matches: 'matches' };
  return `${String(rule.Variable)} ${symbol[op] ?? key} ${JSON.stringify(rule[key])}`;
};

const retryText = (state: AslState): string | undefined =>
  state.Retry && state.Retry.length > 0
    ? state.Retry.map((r) => `${r.ErrorEquals.join(', ')} ×${r.MaxAttempts ?? 3}`).join('; ')
    : undefined;

/** States of a definition that end it (End: true, Succeed, Fail), for the joins of a Parallel branch. */
const terminalStates = (definition: AslDefinition): string[] =>
  Object.entries(definition.States)
    .filter(([, s]) => s.End === true || s.Type === 'Succeed')
    .map(([name]) => name);

export const buildAslGraph = (definition: AslDefinition): AslGraph => {
  const graph: AslGraph = { states: [], groups: [], edges: [], startAt: definition.StartAt };
  const walk = (def: AslDefinition, parent: string | undefined): void => {
    for (const [name, state] of Object.entries(def.States)) {
      const retry = retryText(state);
      graph.states.push({ id: name, type: state.Type, ...(parent && { parent }), ...(retry && { retry }), end: state.End === true });
      if (state.Next) graph.edges.push({ from: name, to: state.Next, kind: 'next' });
      for (const choice of state.Choices ?? []) {
        if (typeof choice.Next === 'string') graph.edges.push({ from: name, to: choice.Next, kind: 'choice', label: conditionText(choice) });
      }
      if (state.Default) graph.edges.push({ from: name, to: state.Default, kind: 'default', label: 'default' });
      for (const c of state.Catch ?? []) graph.edges.push({ from: name, to: c.Next, kind: 'catch', label: `catch ${c.ErrorEquals.join(', ')}` });
      if (state.Type === 'Parallel' && state.Branches) {
        state.Branches.forEach((branch, index) => {
          const group = `${name}#${index + 1}`;
          graph.groups.push({ id: group, label: `branch ${index + 1}`, ...(parent && { parent }) });
          walk(branch, group);
          graph.edges.push({ from: name, to: branch.StartAt, kind: 'branch' });
          if (state.Next) for (const end of terminalStates(branch)) graph.edges.push({ from: end, to: state.Next, kind: 'join' });
        });
      }
    }
  };
  walk(definition, undefined);
  return graph;
};

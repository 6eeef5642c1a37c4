/**
 * Prepares an ASL definition for `aws-local-stepfunctions`, one level at a time (the top level, or one branch
 * of a Parallel state):
 * - time fields are multiplied by LOCAL_TIME_SCALE (Retry IntervalSeconds/MaxDelaySeconds, Wait Seconds, the
 *   execution's TimeoutSeconds);
 * - Task TimeoutSeconds/HeartbeatSeconds are taken out of the library's hands and enforced by our task
 *   overrides, so that a timeout and the death of the task token happen in the same instant (no late callback
 *   can slip in between);
 * - Parallel states become Task states whose override runs the branches, so that the moment one branch fails
 *   the others are cancelled: no new task starts in them and their task tokens die, as on AWS;
 * - the library evaluates Parameters and ResultSelector, intrinsic functions included, except the one thing it
 *   gets wrong: a `States.JsonToString` field is handed to it unwrapped and stringified by our override
 *   (json-to-string.ts); a Pass state with such a field becomes a Task whose override does it.
 */
import { splitJsonToString, type JsonToStringFields } from './json-to-string';
export type StateDefinition = Record<string, unknown> & { Type: string };
export interface LevelDefinition {
  StartAt: string;
  States: Record<string, StateDefinition>;
  TimeoutSeconds?: number;
  [key: string]: unknown;
}

/** Longest delay `setTimeout` accepts (~24.8 days): "no timeout" for the library's task timer. */
export const NO_TIMEOUT_SECONDS = Math.floor((2 ** 31 - 1) / 1000);
export const PARALLEL_RESOURCE = 'arn:aws:states:::local:parallel';
export const PASS_RESOURCE = 'arn:aws:states:::local:pass';
const DEFAULT_RETRY_INTERVAL_SECONDS = 1;

export interface StateInfo {
  name: string;
  type: string;
  definition: StateDefinition;
  /** Names of the Parallel states that contain this state, outermost first. */
  parents: string[];
}

/** Every state of the machine, including those inside Parallel branches and Map iterators. */
export const collectStates = (definition: LevelDefinition, parents: string[] = []): Map<string, StateInfo> => {
  const states = new Map<string, StateInfo>();
  for (const [name, state] of Object.entries(definition.States)) {
    states.set(name, { name, type: state.Type, definition: state, parents });
    const nested = [...((state.Branches as LevelDefinition[] | undefined) ?? []), ...subMachines(state)];
    for (const level of nested) for (const [n, info] of collectStates(level, [...parents, name])) states.set(n, info);
  }
  return states;
};

const subMachines = (state: StateDefinition): LevelDefinition[] =>
  [state.Iterator, state.ItemProcessor].filter((m): m is LevelDefinition => typeof m === 'object' && m !== null);

const scaleRetry = (retry: unknown, scale: number): unknown =>
  Array.isArray(retry)
    ? retry.map((r: Record<string, unknown>) => ({
        ...r,
        IntervalSeconds: Number(r.IntervalSeconds ?? DEFAULT_RETRY_INTERVAL_SECONDS) * scale,
        ...(r.MaxDelaySeconds !== undefined ? { MaxDelaySeconds: Number(r.MaxDelaySeconds) * scale } : {}),
      }))
    : retry;

/** A state's `States.JsonToString` fields (json-to-string.ts); throws, at start-up, where the workaround cannot apply. */
export const jsonToStringFields = (name: string, state: StateDefinition): JsonToStringFields | undefined => {
  for (const key of ['ResultSelector', 'ItemSelector']) {
    if (JSON.stringify(state[key] ?? null).includes('States.JsonToString')) throw new Error(`State ${name}: States.JsonToString in ${key} is not supported locally`);
  }
  const split = splitJsonToString(state.Parameters, `State ${name}`);
  if (split.fields.length === 0) return undefined;
  if (!['Task', 'Parallel', 'Pass'].includes(state.Type) || 'Result' in state) {
    throw new Error(`State ${name}: States.JsonToString in the Parameters of this ${state.Type} state is not supported locally`);
  }
  return split;
};

const prepareState = (name: string, state: StateDefinition, scale: number): StateDefinition => {
  const prepared: StateDefinition = { ...state };
  const jsonStrings = jsonToStringFields(name, state);
  if (jsonStrings) prepared.Parameters = jsonStrings.template;
  if (state.Type === 'Pass' && jsonStrings) {
    prepared.Type = 'Task';
    prepared.Resource = PASS_RESOURCE;
    prepared.TimeoutSeconds = NO_TIMEOUT_SECONDS;
  }
  if ('Retry' in state) prepared.Retry = scaleRetry(state.Retry, scale);
  if (state.Type === 'Wait' && typeof state.Seconds === 'number') prepared.Seconds = state.Seconds * scale;
  if (state.Type === 'Task' || state.Type === 'Parallel') {
    for (const key of ['TimeoutSeconds', 'TimeoutSecondsPath', 'HeartbeatSeconds', 'HeartbeatSecondsPath']) delete prepared[key];
    prepared.TimeoutSeconds = NO_TIMEOUT_SECONDS;
  }
  if (state.Type === 'Parallel') {
    delete prepared.Branches;
    prepared.Type = 'Task';
    prepared.Resource = PARALLEL_RESOURCE;
  }
  return prepared;
};

/** The library's view of one level; `root` also scales the execution's own TimeoutSeconds. */
export const prepareLevel = (level: LevelDefinition, scale: number, root: boolean): LevelDefinition => {
  const { TimeoutSeconds, ...rest } = level;
  return {
    ...rest,
    ...(root && TimeoutSeconds !== undefined ? { TimeoutSeconds: TimeoutSeconds * scale } : {}),
    States: Object.fromEntries(Object.entries(level.States).map(([name, state]) => [name, prepareState(name, state, scale)])),
  };
};

/** A Task state's own limits, scaled, in milliseconds. */
export const taskLimits = (state: StateDefinition, scale: number): { timeoutMs?: number; heartbeatMs?: number } => ({
  ...(typeof state.TimeoutSeconds === 'number' ? { timeoutMs: state.TimeoutSeconds * 1000 * scale } : {}),
  ...(typeof state.HeartbeatSeconds === 'number' ? { heartbeatMs: state.HeartbeatSeconds * 1000 * scale } : {}),
});

/** Unresolved `${Name}` left in the definition: a DefinitionSubstitutions entry is missing. */
export const unresolvedSubstitutions = (definition: unknown): string[] => {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') for (const m of value.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)) found.add(m[1] as string);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(visit);
  };
  visit(definition);
  return [...found];
};

/**
 * Compiles an ASL definition for `aws-local-stepfunctions` once, at start-up, one level at a time (the top
 * level, or one branch of a Parallel state):
 * - time fields are multiplied by LOCAL_TIME_SCALE (Retry intervals, Wait Seconds, the execution's TimeoutSeconds);
 * - Task TimeoutSeconds/HeartbeatSeconds are enforced by our task overrides, not the library, so that a timeout
 *   and the death of the task token happen in the same instant (no late callback can slip in between);
 * - Parallel states become Task states whose override runs the branches, so that the moment one branch fails
 *   the others are cancelled: no new task starts in them and their task tokens die, as on AWS;
 * - the library evaluates Parameters, ResultSelector and intrinsic functions.
 * What the local stack cannot honour (Map states, other Task resources, *Path limits, a nested States.JsonToString)
 * stops start-up.
 */
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';

export type StateDefinition = Record<string, unknown> & { Type: string };
export interface LevelDefinition {
  StartAt: string;
  States: Record<string, StateDefinition>;
  TimeoutSeconds?: number;
  [key: string]: unknown;
}

/** Longest delay `setTimeout` accepts (~24.8 days): "no timeout" for the library's task timer. */
const NO_TIMEOUT_SECONDS = Math.floor((2 ** 31 - 1) / 1000);
const DEFAULT_RETRY_INTERVAL_SECONDS = 1;

export interface StateInfo {
  name: string;
  type: string;
  definition: StateDefinition;
}

/** Every state of the machine by name, including those inside Parallel branches. */
export const collectStates = (level: LevelDefinition): Map<string, StateInfo> =>
  new Map(
    Object.entries(level.States).flatMap(([name, state]): [string, StateInfo][] => [
      [name, { name, type: state.Type, definition: state }],
      ...branchesOf(state).flatMap((branch) => [...collectStates(branch)]),
    ]),
  );

const branchesOf = (state: StateDefinition): LevelDefinition[] => (state.Branches as LevelDefinition[] | undefined) ?? [];

/** A state whose work the runner does itself: a Task or a Parallel. */
export interface Override {
  name: string;
  state: StateDefinition;
  /** A Parallel state's branches, compiled. */
  branches: CompiledLevel[];
}

export type CompiledLevel = { machine: StateMachine; overrides: Override[] };

const scaleRetry = (retry: unknown, scale: number): unknown =>
  Array.isArray(retry)
    ? retry.map((r: Record<string, unknown>) => ({
        ...r,
        IntervalSeconds: Number(r.IntervalSeconds ?? DEFAULT_RETRY_INTERVAL_SECONDS) * scale,
        ...(r.MaxDelaySeconds !== undefined ? { MaxDelaySeconds: Number(r.MaxDelaySeconds) * scale } : {}),
      }))
    : retry;

/** A Task state's Resource, as the local stack runs it. */
export type TaskResource =
  | { kind: 'lambda-arn'; functionRef: string; waitForTaskToken: false }
  | { kind: 'sqs:sendMessage'; waitForTaskToken: boolean };

export const classifyResource = (resource: string, where = 'Task state'): TaskResource => {
  if (/^arn:aws:lambda:[^:]*:[^:]*:function:/.test(resource)) return { kind: 'lambda-arn', functionRef: resource, waitForTaskToken: false };
  const match = /^arn:aws:states:::sqs:sendMessage(\.waitForTaskToken)?$/.exec(resource);
  if (match) return { kind: 'sqs:sendMessage', waitForTaskToken: Boolean(match[1]) };
  const supported = 'a Lambda function ARN, or sqs:sendMessage with or without .waitForTaskToken';
  throw new Error(`${where}: Resource ${resource} is not supported by the local stack (${supported})`);
};

/**
 * The library strips every backslash from an intrinsic function's string result; patches/ exempts States.JsonToString
 * (whose result is JSON text), but only as the outermost call of a field: inside another function it would still lose
 * its escapes.
 */
const NESTED_JSON_TO_STRING = /[^"\s]\s*States\.JsonToString\(/;

const refuseUnsupported = (name: string, state: StateDefinition): void => {
  const unsupported =
    state.Type === 'Map' ? 'Type Map'
    : NESTED_JSON_TO_STRING.test(JSON.stringify({ ...state, Comment: undefined })) ? 'States.JsonToString inside another intrinsic function'
    : ['TimeoutSecondsPath', 'HeartbeatSecondsPath'].find((key) => key in state);
  if (unsupported) throw new Error(`State ${name}: ${unsupported} is not supported by the local stack`);
  if (state.Type === 'Task') classifyResource(String(state.Resource), `State ${name}`);
};

/** The library's machine for one level, and the states the runner overrides; `root` also scales the execution's TimeoutSeconds. */
export const compileLevel = (level: LevelDefinition, scale: number, root: boolean): CompiledLevel => {
  const overrides: Override[] = [];
  const states: Record<string, StateDefinition> = {};
  for (const [name, state] of Object.entries(level.States)) {
    refuseUnsupported(name, state);
    const prepared: StateDefinition = { ...state };
    if ('Retry' in state) prepared.Retry = scaleRetry(state.Retry, scale);
    if (state.Type === 'Wait' && typeof state.Seconds === 'number') prepared.Seconds = state.Seconds * scale;
    if (state.Type === 'Task' || state.Type === 'Parallel') {
      delete prepared.Branches;
      Object.assign(prepared, { Type: 'Task', TimeoutSeconds: NO_TIMEOUT_SECONDS });
      const branches = branchesOf(state).map((branch) => compileLevel(branch, scale, false));
      overrides.push({ name, state, branches });
    }
    states[name] = prepared;
  }
  const { TimeoutSeconds, ...rest } = level;
  const definition = { ...rest, ...(root && TimeoutSeconds !== undefined ? { TimeoutSeconds: TimeoutSeconds * scale } : {}), States: states };
  return { machine: new StateMachine(definition as unknown as StateMachineDefinition, { validationOptions: { noValidate: true } }), overrides };
};

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

/**
 * Evaluates CloudFormation intrinsic functions and conditions the way CloudFormation would at deploy time,
 * with the physical names and ARNs of the local stack standing in for the deployed ones.
 */
export const LOCAL_REGION = 'local';
export const LOCAL_ACCOUNT = '000000000000';
export const LOCAL_STACK_NAME = 'local';

/** Marker for `AWS::NoValue`: the property is removed, as CloudFormation does. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

export interface IntrinsicContext {
  parameters: Readonly<Record<string, unknown>>;
  mappings: Readonly<Record<string, Record<string, Record<string, unknown>>>>;
  condition(name: string): boolean;
  /** `Ref` of a resource. */
  ref(logicalId: string): unknown;
  /** `Fn::GetAtt` of a resource. */
  getAtt(logicalId: string, attribute: string): unknown;
  /** `Fn::Transform` of `AWS::Include` with a local file. */
  include?(location: string): unknown;
}

export const PSEUDO_PARAMETERS: Readonly<Record<string, unknown>> = {
  'AWS::Region': LOCAL_REGION,
  'AWS::AccountId': LOCAL_ACCOUNT,
  'AWS::StackName': LOCAL_STACK_NAME,
  'AWS::StackId': `arn:aws:cloudformation:${LOCAL_REGION}:${LOCAL_ACCOUNT}:stack/${LOCAL_STACK_NAME}/local`,
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::NotificationARNs': [],
  'AWS::NoValue': NO_VALUE,
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An intrinsic function the local stack does not resolve; `node` is the template value that uses it. */
export class UnsupportedIntrinsicError extends Error {
  constructor(
    readonly fn: string,
    readonly node: unknown,
    reason = 'the local stack does not resolve it',
  ) {
    super(`${fn}: ${reason}`);
    this.name = 'UnsupportedIntrinsicError';
  }
}

/** CloudFormation holds scalars as strings (1 equals "1", true equals "true"); lists and maps compare member by member. */
const cfnEquals = (a: unknown, b: unknown): boolean => {
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => cfnEquals(x, b[i]));
  if (isRecord(a) || isRecord(b)) {
    return isRecord(a) && isRecord(b) && Object.keys(a).length === Object.keys(b).length && Object.keys(a).every((k) => k in b && cfnEquals(a[k], b[k]));
  }
  return a !== undefined && b !== undefined && String(a) === String(b);
};

/** Resolves every intrinsic in `value`, recursively; `AWS::NoValue` entries disappear. */
export const resolveValue = (value: unknown, ctx: IntrinsicContext): unknown => {
  if (Array.isArray(value)) return value.map((item) => resolveValue(item, ctx)).filter((item) => item !== NO_VALUE);
  if (!isRecord(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1) {
    const key = keys[0] as string;
    if (key === 'Ref' || key.startsWith('Fn::') || key === 'Condition') {
      const evaluated = evaluateFunction(key, value[key], ctx, value);
      if (evaluated !== undefined) return evaluated;
    }
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const resolved = resolveValue(item, ctx);
    if (resolved !== NO_VALUE) out[key] = resolved;
  }
  return out;
};

/** Returns undefined when the key is not an intrinsic that applies here (e.g. a property named `Condition`). */
const evaluateFunction = (name: string, arg: unknown, ctx: IntrinsicContext, node: unknown): unknown => {
  switch (name) {
    case 'Ref':
      return ref(String(arg), ctx);
    case 'Condition':
      return typeof arg === 'string' ? ctx.condition(arg) : undefined;
    case 'Fn::GetAtt': {
      const [id, ...attribute] = typeof arg === 'string' ? arg.split('.') : (resolveValue(arg, ctx) as string[]);
      return ctx.getAtt(String(id), attribute.join('.'));
    }
    case 'Fn::Sub':
      return substitute(arg, ctx);
    case 'Fn::If': {
      const [condition, whenTrue, whenFalse] = arg as [string, unknown, unknown];
      return resolveValue(ctx.condition(condition) ? whenTrue : whenFalse, ctx);
    }
    case 'Fn::Equals': {
      const values = resolveValue(arg, ctx);
      if (!Array.isArray(values) || values.length !== 2) throw new UnsupportedIntrinsicError(name, node, 'takes a list of exactly two values');
      return cfnEquals(values[0], values[1]);
    }
    case 'Fn::Not':
      return !(resolveValue(arg, ctx) as boolean[])[0];
    case 'Fn::And':
      return (resolveValue(arg, ctx) as boolean[]).every(Boolean);
    case 'Fn::Or':
      return (resolveValue(arg, ctx) as boolean[]).some(Boolean);
    case 'Fn::Join': {
      const [delimiter, list] = resolveValue(arg, ctx) as [string, unknown[]];
      return list.map(String).join(delimiter);
    }
    case 'Fn::Select': {
      const [index, list] = resolveValue(arg, ctx) as [number | string, unknown[]];
      return list[Number(index)];
    }
    case 'Fn::Split': {
      const [delimiter, text] = resolveValue(arg, ctx) as [string, string];
      return String(text).split(delimiter);
    }
    case 'Fn::FindInMap': {
      const [map, top, second] = resolveValue(arg, ctx) as [string, string, string];
      return ctx.mappings[map]?.[top]?.[second];
    }
    case 'Fn::GetAZs':
      return [`${LOCAL_REGION}-a`, `${LOCAL_REGION}-b`];
    case 'Fn::Base64':
      return Buffer.from(String(resolveValue(arg, ctx))).toString('base64');
    case 'Fn::ToJsonString':
      return JSON.stringify(resolveValue(arg, ctx));
    case 'Fn::Length':
      return (resolveValue(arg, ctx) as unknown[]).length;
    case 'Fn::Transform':
      return transform(arg, ctx, node);
    case 'Fn::ImportValue':
      throw new UnsupportedIntrinsicError(name, node, `${JSON.stringify(arg)} needs another stack; the local stack cannot resolve it`);
    default:
      // Fn::Cidr, Fn::GetStackOutput, Fn::ForEach…: an error, never a value left unresolved.
      throw new UnsupportedIntrinsicError(name, node);
  }
};

const ref = (name: string, ctx: IntrinsicContext): unknown => {
  if (name in PSEUDO_PARAMETERS) return PSEUDO_PARAMETERS[name];
  if (name in ctx.parameters) return ctx.parameters[name];
  return ctx.ref(name);
};

/** `${Param}`, `${Resource}`, `${Resource.Attr}`, `${!Literal}`, with optional explicit variables. */
const substitute = (arg: unknown, ctx: IntrinsicContext): string => {
  const [text, variables] = Array.isArray(arg) ? (arg as [string, Record<string, unknown>]) : [arg as string, {}];
  const resolvedVariables = resolveValue(variables ?? {}, ctx) as Record<string, unknown>;
  return String(text).replace(/\$\{([^}]+)\}/g, (whole, inner: string) => {
    if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
    if (inner in resolvedVariables) return String(resolvedVariables[inner]);
    const dot = inner.indexOf('.');
    if (dot > 0 && !inner.startsWith('AWS::')) return String(ctx.getAtt(inner.slice(0, dot), inner.slice(dot + 1)));
    return String(ref(inner, ctx));
  });
};

const transform = (arg: unknown, ctx: IntrinsicContext, node: unknown): unknown => {
  const { Name, Parameters } = (arg ?? {}) as { Name?: string; Parameters?: { Location?: string } };
  if (Name === 'AWS::Include' && Parameters?.Location && ctx.include) return ctx.include(String(resolveValue(Parameters.Location, ctx)));
  throw new UnsupportedIntrinsicError('Fn::Transform', node, `${JSON.stringify(arg)} is not supported by the local stack (only AWS::Include of a local file)`);
};

/** Evaluates the template's Conditions lazily (a condition may use another), memoised. */
export const makeConditionEvaluator = (
  conditions: Readonly<Record<string, unknown>>,
  context: () => IntrinsicContext,
): ((name: string) => boolean) => {
  const memo = new Map<string, boolean>();
  const evaluate = (name: string): boolean => {
    const known = memo.get(name);
    if (known !== undefined) return known;
    if (!(name in conditions)) throw new Error(`Unknown condition ${name}`);
    const value = Boolean(resolveValue(conditions[name], context()));
    memo.set(name, value);
    return value;
  };
  return evaluate;
};

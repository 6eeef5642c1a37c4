/**
 * Evaluates the CloudFormation intrinsic functions and conditions that template.yaml uses (Ref, Fn::GetAtt, Fn::Sub,
 * Fn::Equals, Fn::Not, Condition), the way CloudFormation would at deploy time, with the physical names and ARNs of
 * the local stack standing in for the deployed ones. Any other function stops start-up naming it and where it is,
 * never a value left unresolved.
 */
import { isRecord } from './load-template';
import { PSEUDO_PARAMETERS } from './physical-ids';

export interface IntrinsicContext {
  parameters: Readonly<Record<string, unknown>>;
  condition(name: string): boolean;
  /** `Ref` of a resource. */
  ref(logicalId: string): unknown;
  /** `Fn::GetAtt` of a resource. */
  getAtt(logicalId: string, attribute: string): unknown;
}

/** An intrinsic function the local stack does not resolve; `node` is the template value that uses it. */
export class UnsupportedIntrinsicError extends Error {
  override name = 'UnsupportedIntrinsicError';
  constructor(fn: string, readonly node: unknown, reason = 'the local stack does not resolve it') {
    super(`${fn}: ${reason}`);
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

/** Resolves every intrinsic in `value`, recursively. */
export const resolveValue = (value: unknown, ctx: IntrinsicContext): unknown => {
  if (Array.isArray(value)) return value.map((item) => resolveValue(item, ctx));
  if (!isRecord(value)) return value;
  const [key, ...others] = Object.keys(value);
  // A property that happens to be named `Condition` (a resource's own) holds a name, not a function.
  if (key !== undefined && others.length === 0 && (key === 'Ref' || key.startsWith('Fn::') || (key === 'Condition' && typeof value[key] === 'string'))) {
    return evaluateFunction(key, value[key], ctx, value);
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveValue(v, ctx)]));
};

const evaluateFunction = (name: string, arg: unknown, ctx: IntrinsicContext, node: unknown): unknown => {
  const args = (): unknown[] => resolveValue(arg, ctx) as unknown[];
  switch (name) {
    case 'Ref':
      return ref(String(arg), ctx, node);
    case 'Condition':
      return ctx.condition(String(arg));
    case 'Fn::GetAtt': {
      const [id, ...attribute] = typeof arg === 'string' ? arg.split('.') : (args() as string[]);
      return ctx.getAtt(String(id), attribute.join('.'));
    }
    case 'Fn::Sub':
      return substitute(arg, ctx, node);
    case 'Fn::Equals':
      if (!Array.isArray(arg) || arg.length !== 2) throw new UnsupportedIntrinsicError(name, node, 'takes a list of exactly two values');
      return cfnEquals(...(args() as [unknown, unknown]));
    case 'Fn::Not':
      return !args()[0];
    default:
      // Fn::If, Fn::Join, Fn::FindInMap, Fn::Cidr, Fn::ImportValue…: an error, never a value left unresolved.
      throw new UnsupportedIntrinsicError(name, node);
  }
};

const ref = (name: string, ctx: IntrinsicContext, node: unknown): unknown => {
  if (name in PSEUDO_PARAMETERS) return PSEUDO_PARAMETERS[name];
  // AWS::NoValue means something only inside Fn::If, which is not resolved either.
  if (name.startsWith('AWS::')) throw new UnsupportedIntrinsicError(`Ref ${name}`, node);
  return name in ctx.parameters ? ctx.parameters[name] : ctx.ref(name);
};

/** `${Param}`, `${Resource}`, `${Resource.Attr}`, `${!Literal}`, with optional explicit variables. */
const substitute = (arg: unknown, ctx: IntrinsicContext, node: unknown): string => {
  const [text, variables] = Array.isArray(arg) ? (arg as [string, Record<string, unknown>]) : [String(arg), {}];
  const resolvedVariables = resolveValue(variables, ctx) as Record<string, unknown>;
  return text.replace(/\$\{([^}]+)\}/g, (_whole, inner: string) => {
    if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
    if (inner in resolvedVariables) return String(resolvedVariables[inner]);
    const dot = inner.indexOf('.');
    if (dot > 0 && !inner.startsWith('AWS::')) return String(ctx.getAtt(inner.slice(0, dot), inner.slice(dot + 1)));
    return String(ref(inner, ctx, node));
  });
};

/** Evaluates the template's Conditions lazily (a condition may use another), memoised. */
export const makeConditionEvaluator = (conditions: Readonly<Record<string, unknown>>, context: () => IntrinsicContext): ((name: string) => boolean) => {
  const memo = new Map<string, boolean>();
  return (name) => {
    if (!(name in conditions)) throw new Error(`Unknown condition ${name}`);
    if (!memo.has(name)) memo.set(name, Boolean(resolveValue(conditions[name], context())));
    return memo.get(name)!;
  };
};

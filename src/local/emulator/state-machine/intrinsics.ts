/**
 * ASL payload templates with intrinsic functions (`States.Format`, `States.JsonToString`, `States.Array`, …),
 * evaluated the way Step Functions does. `aws-local-stepfunctions` 3.0 strips every backslash from an
 * intrinsic's string result and re-parses nested results, so `States.JsonToString` of a value that holds
 * quotes (a Lambda error's Cause) comes out as invalid JSON; states whose Parameters use intrinsics are
 * evaluated here instead. Paths are ASL reference paths (`$.a.b`, `$['a'][0]`, `$$.Execution.Id`).
 */
import { createHash, randomUUID } from 'node:crypto';
import { StateError } from './task-tokens';

type Json = unknown;

const runtimeError = (message: string): StateError => new StateError('States.Runtime', message);

/** `$.a.b[0]['c']` → ['a', 'b', 0, 'c']. */
const parsePath = (path: string): (string | number)[] => {
  const segments: (string | number)[] = [];
  const re = /\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]|\["((?:[^"\\]|\\.)*)"\]/gy;
  const rest = path.replace(/^\$\$?/, '');
  let index = 0;
  while (index < rest.length) {
    re.lastIndex = index;
    const m = re.exec(rest);
    if (!m) throw runtimeError(`Unsupported JSONPath ${path} (the local evaluator handles reference paths only)`);
    segments.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : (m[3] ?? m[4] ?? '')));
    index = re.lastIndex;
  }
  return segments;
};

export const queryPath = (path: string, input: Json, context: Json): Json => {
  let value: Json = path.startsWith('$$') ? context : input;
  for (const segment of parsePath(path)) {
    if (value === null || typeof value !== 'object' || !(segment in (value as object))) {
      throw runtimeError(`The JSONPath '${path}' could not be found in the input`);
    }
    value = (value as Record<string | number, Json>)[segment];
  }
  return value;
};

const OPEN = '\uE000';
const CLOSE = '\uE001';
const unmark = (value: Json): Json => (typeof value === 'string' ? value.replaceAll(OPEN, '{').replaceAll(CLOSE, '}') : value);

type Arg = { kind: 'value'; value: Json } | { kind: 'path'; path: string } | { kind: 'call'; name: string; args: Arg[] };

/** Parses `States.Name(arg, …)`; string literals use single quotes, with `\'`, `\{`, `\}` and `\\` escapes. */
const parseCall = (text: string): Arg => {
  let pos = 0;
  const fail = (what: string): never => {
    throw runtimeError(`Invalid intrinsic function ${text}: ${what} at ${pos}`);
  };
  const skip = (): void => {
    while (text[pos] === ' ') pos++;
  };
  const arg = (): Arg => {
    skip();
    const c = text[pos];
    if (c === "'") {
      pos++;
      let out = '';
      while (pos < text.length && text[pos] !== "'") {
        if (text[pos] === '\\') {
          pos++;
          // Escaped braces stay literal in States.Format; they are marked until formatting is done.
          if (text[pos] === '{' || text[pos] === '}') {
            out += text[pos++] === '{' ? OPEN : CLOSE;
            continue;
          }
        }
        out += text[pos++] ?? '';
      }
      if (text[pos] !== "'") fail('unterminated string');
      pos++;
      return { kind: 'value', value: out };
    }
    const token = /^[^,()]+/.exec(text.slice(pos))?.[0].trim() ?? '';
    if (token.startsWith('States.')) return call();
    pos += text.slice(pos).match(/^[^,()]+/)?.[0].length ?? 0;
    if (token.startsWith('$')) return { kind: 'path', path: token };
    if (token === 'null' || token === 'true' || token === 'false' || /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(token)) {
      return { kind: 'value', value: JSON.parse(token) as Json };
    }
    return fail(`unexpected "${token}"`);
  };
  const call = (): Arg => {
    skip();
    const name = /^States\.[A-Za-z]+/.exec(text.slice(pos))?.[0] ?? fail('expected a function name');
    pos += name.length;
    skip();
    if (text[pos] !== '(') fail('expected (');
    pos++;
    const args: Arg[] = [];
    skip();
    if (text[pos] === ')') pos++;
    else {
      for (;;) {
        args.push(arg());
        skip();
        if (text[pos] === ',') pos++;
        else if (text[pos] === ')') {
          pos++;
          break;
        } else fail('expected , or )');
      }
    }
    return { kind: 'call', name, args };
  };
  const parsed = call();
  skip();
  if (pos !== text.length) fail('trailing text');
  return parsed;
};

const formatValue = (v: Json): string => (typeof v === 'string' ? v : JSON.stringify(v));

const FUNCTIONS: Record<string, (...args: Json[]) => Json> = {
  'States.Format': (template, ...values) => {
    const placeholders = String(template).match(/\{\}/g)?.length ?? 0;
    if (placeholders !== values.length) throw runtimeError(`States.Format has ${placeholders} placeholders and ${values.length} values`);
    let i = 0;
    return unmark(String(template).replace(/\{\}/g, () => formatValue(values[i++])));
  },
  'States.StringToJson': (text) => JSON.parse(String(text)) as Json,
  'States.JsonToString': (value) => JSON.stringify(value),
  'States.Array': (...values) => values,
  'States.ArrayPartition': (array, size) => {
    const a = array as Json[];
    const out: Json[][] = [];
    for (let i = 0; i < a.length; i += Number(size)) out.push(a.slice(i, i + Number(size)));
    return out;
  },
  'States.ArrayContains': (array, value) => (array as Json[]).some((v) => JSON.stringify(v) === JSON.stringify(value)),
  'States.ArrayRange': (start, end, step) => {
    const out: number[] = [];
    for (let v = Number(start); Number(step) > 0 ? v <= Number(end) : v >= Number(end); v += Number(step)) out.push(v);
    return out;
  },
  'States.ArrayGetItem': (array, index) => (array as Json[])[Number(index)],
  'States.ArrayLength': (array) => (array as Json[]).length,
  'States.ArrayUnique': (array) => [...new Map((array as Json[]).map((v) => [JSON.stringify(v), v])).values()],
  'States.Base64Encode': (text) => Buffer.from(String(text)).toString('base64'),
  'States.Base64Decode': (text) => Buffer.from(String(text), 'base64').toString('utf8'),
  'States.Hash': (value, algorithm) =>
    createHash(String(algorithm).toLowerCase().replace('-', '')).update(typeof value === 'string' ? value : JSON.stringify(value)).digest('hex'),
  'States.JsonMerge': (a, b) => ({ ...(a as object), ...(b as object) }),
  'States.MathRandom': (start, end) => Math.floor(Number(start) + Math.random() * (Number(end) - Number(start))),
  'States.MathAdd': (a, b) => Number(a) + Number(b),
  'States.StringSplit': (text, separators) => String(text).split(new RegExp(`[${String(separators).replace(/[\]\\^-]/g, '\\$&')}]`)).filter(Boolean),
  'States.UUID': () => randomUUID(),
};

const evaluate = (arg: Arg, input: Json, context: Json): Json => {
  if (arg.kind === 'value') return unmark(arg.value);
  if (arg.kind === 'path') return queryPath(arg.path, input, context);
  const fn = FUNCTIONS[arg.name];
  if (!fn) throw runtimeError(`Unknown intrinsic function ${arg.name}`);
  const [first, ...rest] = arg.args;
  // The template of States.Format keeps its escaped-brace marks until the placeholders are filled.
  const firstValue = arg.name === 'States.Format' && first?.kind === 'value' ? first.value : first && evaluate(first, input, context);
  return fn(...(first ? [firstValue] : []), ...rest.map((a) => evaluate(a, input, context)));
};

export const evaluateIntrinsic = (expression: string, input: Json, context: Json): Json => evaluate(parseCall(expression.trim()), input, context);

/** Whether a payload template uses an intrinsic function anywhere. */
export const usesIntrinsics = (template: Json): boolean => {
  if (Array.isArray(template)) return template.some(usesIntrinsics);
  if (typeof template !== 'object' || template === null) return false;
  return Object.entries(template).some(([k, v]) => (k.endsWith('.$') && typeof v === 'string' && v.trim().startsWith('States.')) || usesIntrinsics(v));
};

/** Evaluates a payload template (Parameters, ResultSelector): `key.$` fields take a path or an intrinsic. */
export const evaluatePayload = (template: Json, input: Json, context: Json): Json => {
  if (Array.isArray(template)) return template.map((t) => evaluatePayload(t, input, context));
  if (typeof template !== 'object' || template === null) return template;
  return Object.fromEntries(
    Object.entries(template).map(([key, value]) => {
      if (key.endsWith('.$') && typeof value === 'string') {
        const resolved = value.startsWith('$') ? queryPath(value, input, context) : evaluateIntrinsic(value, input, context);
        return [key.slice(0, -2), resolved];
      }
      return [key, evaluatePayload(value, input, context)];
    }),
  );
};

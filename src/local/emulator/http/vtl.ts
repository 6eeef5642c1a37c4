/**
 * API Gateway mapping templates: Velocity (VTL) rendered by velocityjs, plus what API Gateway adds — `$input`
 * (body, json, path, params), `$util`, `$context` and the Java String methods that templates call — and
 * Velocity 1.7's semantics where velocityjs differs (only null and false are false in `#if`, so `#if('')` is
 * true; integer division; the bare `#stop`). Templates are compiled when the API is loaded: a construct that
 * velocityjs cannot render as API Gateway does is an error then, never a silent mis-render.
 */
import { Compile, parse } from 'velocityjs';
import { queryPath } from './json-path';

export class MappingTemplateError extends Error {
  override name = 'MappingTemplateError';
}

export interface MappingInput {
  body: string;
  params: { path: Record<string, string>; querystring: Record<string, string>; header: Record<string, string> };
  /** `$context`; a template may write to it (`$context.responseOverride`). */
  context: Record<string, unknown>;
}

export type MappingTemplate = (input: MappingInput) => string;

/** Apache Commons' escapeJavaScript, which `$util.escapeJavaScript` is. */
export const escapeJavaScript = (text: string): string =>
  text.replace(/[\\'"/\b\f\n\r\t]|[^\x20-\x7e]/g, (c) => {
    const named: Record<string, string> = { '\\': '\\\\', "'": "\\'", '"': '\\"', '/': '\\/', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    return named[c] ?? `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  });

const util = {
  escapeJavaScript: (s: unknown) => escapeJavaScript(String(s)),
  parseJson: (s: unknown) => JSON.parse(String(s)) as unknown,
  urlEncode: (s: unknown) => encodeURIComponent(String(s)),
  urlDecode: (s: unknown) => decodeURIComponent(String(s)),
  base64Encode: (s: unknown) => Buffer.from(String(s)).toString('base64'),
  base64Decode: (s: unknown) => Buffer.from(String(s), 'base64').toString('utf8'),
};
const INPUT_MEMBERS = ['body', 'json', 'path', 'params'];

/** java.lang.String's methods that JavaScript lacks or has with other semantics (replaceAll takes a regex). */
const STRING_METHODS: Record<string, (s: string, ...a: unknown[]) => unknown> = {
  replaceAll: (s, re, by) => s.replace(new RegExp(String(re), 'g'), String(by)),
  replaceFirst: (s, re, by) => s.replace(new RegExp(String(re)), String(by)),
  replace: (s, a, b) => s.split(String(a)).join(String(b)),
  matches: (s, re) => new RegExp(`^(?:${String(re)})$`).test(s),
  length: (s) => s.length,
  contains: (s, a) => s.includes(String(a)),
  isEmpty: (s) => s.length === 0,
  equals: (s, a) => s === a,
  equalsIgnoreCase: (s, a) => s.toLowerCase() === String(a).toLowerCase(),
};

type VELOCITY_AST = ReturnType<typeof parse>[number];
const javaTrue = (v: unknown): boolean => v !== undefined && v !== null && v !== false;
type MathNode = { type: 'math'; operator: string; expression: VELOCITY_AST[] };

/** velocityjs with Velocity 1.7's truthiness and integer division. */
class ApiGatewayVelocity extends Compile {
  protected override getExpression(ast: VELOCITY_AST): string {
    if (ast.type !== 'math') return super.getExpression(ast);
    const { operator, expression: [a, b] } = ast as unknown as MathNode;
    const result = (v: unknown): string => v as string;
    if (operator === 'not') return result(!javaTrue(this.getExpression(a!)));
    if (operator === '&&') return result(javaTrue(this.getExpression(a!)) && javaTrue(this.getExpression(b!)));
    if (operator === '||') return result(javaTrue(this.getExpression(a!)) || javaTrue(this.getExpression(b!)));
    if (operator === '/') {
      const [x, y] = [Number(this.getExpression(a!)), Number(this.getExpression(b!))];
      return result(Number.isInteger(x) && Number.isInteger(y) ? Math.trunc(x / y) : x / y);
    }
    return super.getExpression(ast);
  }
}

type Node = Record<string, unknown> & { type: string };
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string';
const SENTINEL = '__mappingTemplateEnd';

/** Parses, checks and adapts the tree; throws MappingTemplateError naming the construct and `where`. */
const prepare = (template: string, where: string): VELOCITY_AST[] => {
  const fail = (what: string): never => {
    throw new MappingTemplateError(`Mapping template of ${where}: ${what}`);
  };
  let tree: VELOCITY_AST[];
  try {
    // velocityjs knows #stop only as a macro call, #stop().
    tree = parse(`${template.replace(/#(stop|\{stop\})(?![\w(])/g, '#stop()')}$${SENTINEL}`);
  } catch (error) {
    return fail((error as Error).message.split('\n')[0] ?? 'does not parse');
  }
  const nodes: Node[] = [];
  JSON.stringify(tree, (_key, value: unknown) => {
    if (isNode(value)) nodes.push(value);
    return value;
  });
  // velocityjs drops what follows a stray #end and repeats what follows an unclosed block: the sentinel shows both.
  const sentinels = nodes.filter((n) => n.id === SENTINEL);
  if (sentinels.length !== 1 || tree.pop() !== sentinels[0]) fail('its #if/#foreach/#macro and #end do not pair up');
  const macros = new Set<string>(['stop', 'break']);
  for (const node of nodes) if (node.type === 'macro') macros.add(String(node.id));
  for (const node of nodes) {
    if (node.type === 'macro_call' && !macros.has(String(node.id))) fail(`#${String(node.id)} is not supported (API Gateway has no #include, #parse or #evaluate)`);
    if (node.type === 'references') {
      const [first] = (node.path as { id: string }[] | undefined) ?? [];
      if (node.id === 'util' && !(first && Object.hasOwn(util, first.id))) fail(`$util.${first?.id ?? ''} is not supported`);
      if (node.id === 'input' && !(first && INPUT_MEMBERS.includes(first.id))) fail(`$input.${first?.id ?? ''} is not supported`);
      // API Gateway renders a path that selects nothing as nothing, not as the reference's text.
      if (node.id === 'input') node.leader = '$!';
    }
    // velocityjs re-parses a double-quoted string when it renders it: check its contents now.
    if (node.type === 'string' && node.isEval === true && /[$#]/.test(String(node.value))) prepare(String(node.value), where);
    // A condition goes through Velocity's truthiness (the double `not` of ApiGatewayVelocity) before velocityjs tests it.
    if (node.type === 'if' || node.type === 'elseif') {
      node.condition = { type: 'math', operator: 'not', expression: [{ type: 'math', operator: 'not', expression: [node.condition] }] };
    }
  }
  return tree;
};

const scopeOf = (input: MappingInput): Record<string, unknown> => {
  let parsed: unknown;
  try {
    parsed = input.body ? JSON.parse(input.body) : {};
  } catch {
    parsed = undefined;
  }
  const { path: pathParams, querystring, header } = input.params;
  return {
    input: {
      body: input.body,
      path: (p: unknown) => queryPath(String(p ?? '$'), parsed),
      json: (p: unknown) => JSON.stringify(queryPath(String(p ?? '$'), parsed) ?? null),
      params: (name?: unknown) =>
        name === undefined ? input.params : (pathParams[String(name)] ?? querystring[String(name)] ?? header[String(name)]),
    },
    util,
    context: input.context,
  };
};

/** Compiles `template` (checked now) into a renderer; `where` names it in errors, e.g. "POST /quotes request". */
export const compileMappingTemplate = (template: string, where: string): MappingTemplate => {
  const tree = prepare(template, where);
  return (input) => {
    const velocity = new ApiGatewayVelocity(tree, {
      env: 'development',
      customMethodHandlers: [
        {
          uid: 'java.lang.String',
          match: ({ context, property }) => typeof context === 'string' && Object.hasOwn(STRING_METHODS, property),
          resolve: ({ context, property, params }) => STRING_METHODS[property]!(context as string, ...(params as unknown[])),
        },
      ],
    });
    try {
      return velocity.render(scopeOf(input));
    } catch (error) {
      throw new MappingTemplateError(`Mapping template of ${where}: ${(error as Error).message.split('\n')[0] ?? ''}`, { cause: error });
    }
  };
};

/**
 * The subset of Velocity (VTL) that API Gateway mapping templates use: text with `$references`
 * (`$input.path('$.x')`, `$util.escapeJavaScript(...)`, `${name}`, `$!name`, method chains such as
 * `.replaceAll(a, b)`), and the directives `#set`, `#if` / `#elseif` / `#else` / `#end`, `#foreach` and `##`
 * comments. Enough for request and response templates of AWS service integrations; anything else is an
 * error that names the construct, so a template is never silently mis-rendered.
 */
import { Parser, type Expr, type Node } from './vtl-parser';
import { VtlError, type VtlScope, type VtlValue } from './vtl-types';

export { VtlError, type VtlScope, type VtlValue } from './vtl-types';

const isRecord = (v: VtlValue): v is Record<string, VtlValue> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Java's String methods that templates call on values. */
const STRING_METHODS: Record<string, (s: string, ...a: VtlValue[]) => VtlValue> = {
  replaceAll: (s, re, by) => s.replace(new RegExp(String(re), 'g'), String(by)),
  replaceFirst: (s, re, by) => s.replace(new RegExp(String(re)), String(by)),
  replace: (s, a, b) => s.split(String(a)).join(String(b)),
  length: (s) => s.length,
  toLowerCase: (s) => s.toLowerCase(),
  toUpperCase: (s) => s.toUpperCase(),
  trim: (s) => s.trim(),
  contains: (s, a) => s.includes(String(a)),
  startsWith: (s, a) => s.startsWith(String(a)),
  endsWith: (s, a) => s.endsWith(String(a)),
  substring: (s, a, b) => s.substring(Number(a), b === undefined ? undefined : Number(b)),
  indexOf: (s, a) => s.indexOf(String(a)),
  isEmpty: (s) => s.length === 0,
  equals: (s, a) => s === a,
};

const render = (v: VtlValue): string => (typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v));

const looseEquals = (a: VtlValue, b: VtlValue): boolean => {
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  return render(a) === render(b);
};

class Evaluator {
  constructor(private readonly scope: VtlScope) {}

  run(nodes: Node[]): string {
    let out = '';
    for (const node of nodes) out += this.node(node);
    return out;
  }

  private node(node: Node): string {
    switch (node.kind) {
      case 'text':
        return node.text;
      case 'ref': {
        const value = this.expr(node.expr);
        if (value === undefined || value === null) return node.silent ? '' : node.source;
        return render(value);
      }
      case 'set':
        this.assign(node.target, this.expr(node.value));
        return '';
      case 'if': {
        const branch = node.branches.find((b) => b.cond === undefined || truthy(this.expr(b.cond)));
        return branch ? this.run(branch.body) : '';
      }
      case 'foreach': {
        const list = this.expr(node.list);
        const items = Array.isArray(list) ? list : isRecord(list) ? Object.values(list) : [];
        let out = '';
        items.forEach((item, index) => {
          this.scope[node.variable] = item;
          this.scope.foreach = { index, count: index + 1, hasNext: index < items.length - 1 };
          out += this.run(node.body);
        });
        return out;
      }
    }
  }

  private assign(target: Expr, value: VtlValue): void {
    if (target.kind === 'var') {
      this.scope[target.name] = value;
      return;
    }
    if (target.kind === 'prop') {
      let holder = this.expr(target.target);
      if (!isRecord(holder)) {
        holder = {};
        this.assign(target.target, holder);
      }
      (holder as Record<string, VtlValue>)[target.name] = value;
      return;
    }
    throw new VtlError('Mapping template: #set needs a $variable or $variable.property');
  }

  expr(e: Expr): VtlValue {
    switch (e.kind) {
      case 'lit':
        return e.value;
      case 'str':
        return this.run(e.parts);
      case 'var':
        return this.scope[e.name];
      case 'prop': {
        const target = this.expr(e.target);
        if (isRecord(target)) return target[e.name];
        if (typeof target === 'string' && e.name === 'length') return target.length;
        return undefined;
      }
      case 'index': {
        const target = this.expr(e.target);
        const index = this.expr(e.index);
        return Array.isArray(target) ? target[Number(index)] : isRecord(target) ? target[String(index)] : undefined;
      }
      case 'call':
        return this.call(e);
      case 'list':
        return e.items.map((i) => this.expr(i));
      case 'map':
        return Object.fromEntries(e.entries.map(([k, v]) => [render(this.expr(k)), this.expr(v)]));
      case 'unary':
        return e.op === '!' ? !truthy(this.expr(e.arg)) : -Number(this.expr(e.arg));
      case 'binary':
        return this.binary(e.op, e.left, e.right);
    }
  }

  private binary(op: string, l: Expr, r: Expr): VtlValue {
    if (op === '&&') return truthy(this.expr(l)) && truthy(this.expr(r));
    if (op === '||') return truthy(this.expr(l)) || truthy(this.expr(r));
    const a = this.expr(l);
    const b = this.expr(r);
    switch (op) {
      case '==':
        return looseEquals(a, b);
      case '!=':
        return !looseEquals(a, b);
      case '<':
        return Number(a) < Number(b);
      case '>':
        return Number(a) > Number(b);
      case '<=':
        return Number(a) <= Number(b);
      case '>=':
        return Number(a) >= Number(b);
      case '+':
        return typeof a === 'number' && typeof b === 'number' ? a + b : render(a) + render(b);
      case '-':
        return Number(a) - Number(b);
      case '*':
        return Number(a) * Number(b);
      case '/':
        return Math.trunc(Number(a) / Number(b));
      case '%':
        return Number(a) % Number(b);
      default:
        throw new VtlError(`Mapping template: operator ${op} is not supported`);
    }
  }

  private call(e: Extract<Expr, { kind: 'call' }>): VtlValue {
    const target = this.expr(e.target);
    const args = e.args.map((a) => this.expr(a));
    if (isRecord(target) && Object.hasOwn(target, e.name) && typeof target[e.name] === 'function') return (target[e.name] as (...a: VtlValue[]) => VtlValue)(...args);
    const stringMethod = typeof target === 'string' && Object.hasOwn(STRING_METHODS, e.name) ? STRING_METHODS[e.name] : undefined;
    if (typeof target === 'string' && stringMethod) return stringMethod(target, ...args);
    if (Array.isArray(target) && e.name === 'size') return target.length;
    if (isRecord(target) && e.name === 'get') return target[String(args[0])];
    if (isRecord(target) && e.name === 'keySet') return Object.keys(target);
    if (isRecord(target) && e.name === 'size') return Object.keys(target).length;
    throw new VtlError(`Mapping template: .${e.name}() is not supported on ${target === undefined ? 'an undefined reference' : typeof target}`);
  }
}

const truthy = (v: VtlValue): boolean => v !== undefined && v !== null && v !== false;

/** Renders `template` with `scope` (which it may modify through #set, e.g. `$context.responseOverride`). */
export const renderVtl = (template: string, scope: VtlScope): string => new Evaluator(scope).run(new Parser(template).nodes().nodes);

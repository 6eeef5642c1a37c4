/** Parses the VTL subset of API Gateway mapping templates into nodes and expressions (see vtl.ts). */
import { VtlError, type VtlValue } from './vtl-types';

export type Node =
  | { kind: 'text'; text: string }
  | { kind: 'ref'; expr: Expr; silent: boolean; source: string }
  | { kind: 'set'; target: Expr; value: Expr }
  | { kind: 'if'; branches: { cond?: Expr; body: Node[] }[] }
  | { kind: 'foreach'; variable: string; list: Expr; body: Node[] };

export type Expr =
  | { kind: 'lit'; value: VtlValue }
  | { kind: 'str'; parts: Node[] }
  | { kind: 'var'; name: string }
  | { kind: 'prop'; target: Expr; name: string }
  | { kind: 'index'; target: Expr; index: Expr }
  | { kind: 'call'; target: Expr; name: string; args: Expr[] }
  | { kind: 'list'; items: Expr[] }
  | { kind: 'map'; entries: [Expr, Expr][] }
  | { kind: 'unary'; op: '!' | '-'; arg: Expr }
  | { kind: 'binary'; op: string; left: Expr; right: Expr };

const IDENT = /[A-Za-z_][\w-]*/y;

export class Parser {
  pos = 0;
  constructor(private readonly src: string) {}

  fail(what: string): never {
    throw new VtlError(`Mapping template: ${what} at offset ${this.pos}: ${JSON.stringify(this.src.slice(this.pos, this.pos + 30))}`);
  }

  /** Parses nodes until one of `stops` (directive names) is reached. */
  nodes(stops: string[] = []): { nodes: Node[]; stop?: string } {
    const out: Node[] = [];
    let text = '';
    const flush = (): void => {
      if (text) out.push({ kind: 'text', text });
      text = '';
    };
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '\\' && (this.src[this.pos + 1] === '$' || this.src[this.pos + 1] === '#')) {
        text += this.src[this.pos + 1];
        this.pos += 2;
        continue;
      }
      if (c === '#') {
        if (this.src.startsWith('##', this.pos)) {
          const end = this.src.indexOf('\n', this.pos);
          this.pos = end < 0 ? this.src.length : end + 1;
          continue;
        }
        const name = /#\{?(set|if|elseif|else|end|foreach)\}?/y;
        name.lastIndex = this.pos;
        const m = name.exec(this.src);
        if (m) {
          const directive = m[1] as string;
          flush();
          if (stops.includes(directive)) {
            this.pos = name.lastIndex;
            return { nodes: out, stop: directive };
          }
          this.pos = name.lastIndex;
          out.push(this.directive(directive));
          this.skipDirectiveLineEnd();
          continue;
        }
      }
      if (c === '$') {
        const ref = this.reference();
        if (ref) {
          flush();
          out.push(ref);
          continue;
        }
      }
      text += c;
      this.pos++;
    }
    flush();
    if (stops.length) this.fail(`missing #${stops.join('/#')}`);
    return { nodes: out };
  }

  /** A line holding only a directive leaves no blank line behind, as in Velocity. */
  private skipDirectiveLineEnd(): void {
    const m = /[ \t]*\r?\n/y;
    m.lastIndex = this.pos;
    if (m.exec(this.src)) this.pos = m.lastIndex;
  }

  private directive(name: string): Node {
    switch (name) {
      case 'set': {
        this.expectChar('(');
        const target = this.expr();
        this.ws();
        this.expectChar('=');
        const value = this.expr();
        this.ws();
        this.expectChar(')');
        return { kind: 'set', target, value };
      }
      case 'if': {
        const branches: { cond?: Expr; body: Node[] }[] = [];
        let cond: Expr | undefined = this.condition();
        for (;;) {
          this.skipDirectiveLineEnd();
          const { nodes, stop } = this.nodes(['elseif', 'else', 'end']);
          branches.push(cond ? { cond, body: nodes } : { body: nodes });
          if (stop === 'end') return { kind: 'if', branches };
          cond = stop === 'elseif' ? this.condition() : undefined;
        }
      }
      case 'foreach': {
        this.expectChar('(');
        this.ws();
        const variable = this.variableName();
        this.ws();
        if (!this.src.startsWith('in', this.pos)) this.fail('expected "in"');
        this.pos += 2;
        const list = this.expr();
        this.ws();
        this.expectChar(')');
        this.skipDirectiveLineEnd();
        const { nodes } = this.nodes(['end']);
        return { kind: 'foreach', variable, list, body: nodes };
      }
      default:
        return this.fail(`#${name} without its #if`);
    }
  }

  private condition(): Expr {
    this.ws();
    this.expectChar('(');
    const e = this.expr();
    this.ws();
    this.expectChar(')');
    return e;
  }

  private variableName(): string {
    this.expectChar('$');
    if (this.src[this.pos] === '{') this.pos++;
    const name = this.ident() ?? this.fail('expected a variable name');
    if (this.src[this.pos] === '}') this.pos++;
    return name;
  }

  private ws(): void {
    while (/\s/.test(this.src[this.pos] ?? '')) this.pos++;
  }

  private expectChar(c: string): void {
    this.ws();
    if (this.src[this.pos] !== c) this.fail(`expected "${c}"`);
    this.pos++;
  }

  private ident(): string | undefined {
    IDENT.lastIndex = this.pos;
    const m = IDENT.exec(this.src);
    if (!m) return undefined;
    this.pos = IDENT.lastIndex;
    return m[0];
  }

  /** `$name…` in text; undefined when the `$` does not start a reference (a literal dollar). */
  private reference(): Node | undefined {
    const start = this.pos;
    this.pos++;
    const silent = this.src[this.pos] === '!';
    if (silent) this.pos++;
    const braced = this.src[this.pos] === '{';
    if (braced) this.pos++;
    const name = this.ident();
    if (!name) {
      this.pos = start;
      return undefined;
    }
    const expr = this.suffixes({ kind: 'var', name }, braced);
    if (braced) this.expectChar('}');
    return { kind: 'ref', expr, silent, source: this.src.slice(start, this.pos) };
  }

  /** `.name`, `.name(args)`, `[index]` after a reference. */
  private suffixes(base: Expr, braced: boolean): Expr {
    let expr = base;
    for (;;) {
      const c = this.src[this.pos];
      if (c === '.' && /[A-Za-z_]/.test(this.src[this.pos + 1] ?? '')) {
        this.pos++;
        const name = this.ident() as string;
        if (this.src[this.pos] === '(') {
          this.pos++;
          expr = { kind: 'call', target: expr, name, args: this.args(')') };
        } else expr = { kind: 'prop', target: expr, name };
      } else if (c === '[' && !braced) {
        this.pos++;
        const index = this.expr();
        this.expectChar(']');
        expr = { kind: 'index', target: expr, index };
      } else return expr;
    }
  }

  private args(close: string): Expr[] {
    const args: Expr[] = [];
    this.ws();
    if (this.src[this.pos] === close) {
      this.pos++;
      return args;
    }
    for (;;) {
      args.push(this.expr());
      this.ws();
      if (this.src[this.pos] === ',') this.pos++;
      else {
        this.expectChar(close);
        return args;
      }
    }
  }

  expr(): Expr {
    return this.binary(0);
  }

  private static readonly LEVELS = [['||', 'or'], ['&&', 'and'], ['==', '!=', 'eq', 'ne'], ['<=', '>=', '<', '>', 'le', 'ge', 'lt', 'gt'], ['+', '-'], ['*', '/', '%']];
  private static readonly ALIASES: Record<string, string> = { or: '||', and: '&&', eq: '==', ne: '!=', le: '<=', ge: '>=', lt: '<', gt: '>' };

  private binary(level: number): Expr {
    if (level >= Parser.LEVELS.length) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      this.ws();
      const op = (Parser.LEVELS[level] as string[]).find((o) => this.src.startsWith(o, this.pos) && (/\w/.test(o) ? !/\w/.test(this.src[this.pos + o.length] ?? '') : true));
      if (!op) return left;
      this.pos += op.length;
      left = { kind: 'binary', op: Parser.ALIASES[op] ?? op, left, right: this.binary(level + 1) };
    }
  }

  private unary(): Expr {
    this.ws();
    if (this.src[this.pos] === '!' && this.src[this.pos + 1] !== '=') {
      this.pos++;
      return { kind: 'unary', op: '!', arg: this.unary() };
    }
    return this.primary();
  }

  private primary(): Expr {
    this.ws();
    const c = this.src[this.pos];
    if (c === '(') {
      this.pos++;
      const e = this.expr();
      this.expectChar(')');
      return e;
    }
    if (c === "'") return { kind: 'lit', value: this.quoted("'") };
    if (c === '"') return { kind: 'str', parts: new Parser(this.quoted('"')).nodes().nodes };
    if (c === '[') {
      this.pos++;
      return { kind: 'list', items: this.args(']') };
    }
    if (c === '{') {
      this.pos++;
      const entries: [Expr, Expr][] = [];
      this.ws();
      if (this.src[this.pos] === '}') this.pos++;
      else
        for (;;) {
          const key = this.expr();
          this.expectChar(':');
          entries.push([key, this.expr()]);
          this.ws();
          if (this.src[this.pos] === ',') this.pos++;
          else {
            this.expectChar('}');
            break;
          }
        }
      return { kind: 'map', entries };
    }
    if (c === '$') {
      this.pos++;
      if (this.src[this.pos] === '!') this.pos++;
      const braced = this.src[this.pos] === '{';
      if (braced) this.pos++;
      const name = this.ident() ?? this.fail('expected a reference');
      const e = this.suffixes({ kind: 'var', name }, braced);
      if (braced) this.expectChar('}');
      return e;
    }
    const literal = /-?\d+(\.\d+)?|true\b|false\b|null\b/y;
    literal.lastIndex = this.pos;
    const m = literal.exec(this.src);
    if (m) {
      this.pos = literal.lastIndex;
      return { kind: 'lit', value: JSON.parse(m[0]) as VtlValue };
    }
    return this.fail('unexpected expression');
  }

  /** A quoted string literal; VTL keeps backslashes as they are, only a doubled quote stands for one. */
  private quoted(quote: string): string {
    this.pos++;
    let out = '';
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) this.fail('unterminated string');
      if (c === quote) {
        if (this.src[this.pos + 1] === quote) {
          out += quote;
          this.pos += 2;
          continue;
        }
        this.pos++;
        return out;
      }
      out += c;
      this.pos++;
    }
  }
}

/**
 * The AWS calls a Lambda function's code can make, read from the code itself (no list kept by hand).
 *
 * 1. esbuild bundles the function's entry (as `sam build` does) with a metafile: the project modules that end up in
 *    the bundle are the code the function can run.
 * 2. The entry wires adapters into the handler factory (`orders: new DynamoDbOrderRepository({ tableName:
 *    requireEnv('ORDERS_TABLE') })`): each dependency key gets an adapter and each adapter option an environment
 *    variable.
 * 3. The handler and use-case modules of the bundle show which adapter methods are called (`deps.orders.get(`,
 *    `history.attemptsOf(`), so a function is held only to the methods it uses, not to the whole adapter.
 * 4. Each adapter method is followed through `this.x(` and helper functions (also in other adapter modules) to the
 *    SDK commands it sends (`new XCommand({...})`, `paginateX(`), with the table, topic or state machine each names,
 *    and the items of any TransactWrite it builds.
 * Anything the reader cannot pin down (a command with no IAM mapping, a table it cannot trace to an environment
 * variable) becomes an `unmapped` entry, which the test reports as a failure rather than skipping.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseSync } from '@swc/core';
import { buildSync } from 'esbuild';

type Node = Record<string, unknown>;

const isNode = (value: unknown): value is Node => value !== null && typeof value === 'object' && !Array.isArray(value);
const nodes = (value: unknown): Node[] => (Array.isArray(value) ? value.filter(isNode) : []);
const child = (node: Node | undefined, key: string): Node | undefined => {
  const value = node?.[key];
  return isNode(value) ? value : undefined;
};
const identifierName = (node: Node | undefined): string | undefined =>
  node?.type === 'Identifier' && typeof node.value === 'string' ? node.value : undefined;
/** The name of a property key: `a`, `'a'`. */
const keyName = (key: Node | undefined): string | undefined =>
  identifierName(key) ?? (key?.type === 'StringLiteral' && typeof key.value === 'string' ? key.value : undefined);
/** The expression of a call argument (`{ spread, expression }`). */
const argExpression = (arg: Node | undefined): Node | undefined => child(arg, 'expression');

/** Calls every node under `root` (depth first, root included). */
const walk = (root: unknown, visit: (node: Node) => void): void => {
  if (Array.isArray(root)) {
    for (const item of root) walk(item, visit);
    return;
  }
  if (!isNode(root)) return;
  visit(root);
  for (const [key, value] of Object.entries(root)) if (key !== 'span' && typeof value === 'object') walk(value, visit);
};

/** What a table/topic/ARN expression was traced back to. */
export type Target =
  | { kind: 'env'; variable: string }
  | { kind: 'literal'; value: string }
  | { kind: 'unknown'; detail: string };

/** Inside an adapter: an option of the constructor, a parameter bound at the call site, or already resolved. */
type Symbolic = Target | { kind: 'option'; name: string };

/** One SDK command as sent, with the expressions that name its resources. */
interface SentCommand {
  command: string;
  module: string;
  /** The input's properties that name resources, by property name (TableName, IndexName, TopicArn, …). */
  fields: Record<string, Symbolic>;
  /** Tables named as keys of RequestItems (BatchGet/BatchWrite). */
  requestTables: Symbolic[];
}

/** An item of a transaction built somewhere in the same method: `{ Update: { TableName, … } }`. */
interface TransactionItem {
  operation: string;
  table: Symbolic;
}

interface Reach {
  commands: SentCommand[];
  transactionItems: TransactionItem[];
}

interface ParsedModule {
  file: string;
  body: Node[];
  /** Imported name → { source module, imported name }. */
  imports: Map<string, { source: string; imported: string }>;
  /** Top-level functions (declarations and `const f = (…) => …`). */
  functions: Map<string, Node>;
  /** Top-level `const X = 'literal'` and `const x = requireEnv('VAR')`. */
  constants: Map<string, Target>;
  classes: Map<string, Node>;
}

const parsedModules = new Map<string, ParsedModule>();

const resolveImport = (from: string, source: string): string => {
  if (!source.startsWith('.')) return source;
  const base = path.resolve(path.dirname(from), source);
  return base.endsWith('.ts') ? base : `${base}.ts`;
};

const requireEnvVariable = (node: Node | undefined): string | undefined => {
  if (node?.type !== 'CallExpression' || identifierName(child(node, 'callee')) !== 'requireEnv') return undefined;
  const first = argExpression(nodes(node.arguments)[0]);
  return first?.type === 'StringLiteral' && typeof first.value === 'string' ? first.value : undefined;
};

const parseModule = (file: string): ParsedModule => {
  const cached = parsedModules.get(file);
  if (cached) return cached;
  const program = parseSync(readFileSync(file, 'utf8'), { syntax: 'typescript' }) as unknown as Node;
  const parsed: ParsedModule = { file, body: nodes(program.body), imports: new Map(), functions: new Map(), constants: new Map(), classes: new Map() };
  for (const statement of parsed.body) {
    const declaration = statement.type === 'ExportDeclaration' ? child(statement, 'declaration') : statement;
    if (statement.type === 'ImportDeclaration') {
      const source = resolveImport(file, String(child(statement, 'source')?.value));
      for (const specifier of nodes(statement.specifiers)) {
        const local = identifierName(child(specifier, 'local'));
        if (local) parsed.imports.set(local, { source, imported: identifierName(child(specifier, 'imported')) ?? local });
      }
    } else if (declaration?.type === 'FunctionDeclaration') {
      const name = identifierName(child(declaration, 'identifier'));
      if (name) parsed.functions.set(name, declaration);
    } else if (declaration?.type === 'ClassDeclaration') {
      const name = identifierName(child(declaration, 'identifier'));
      if (name) parsed.classes.set(name, declaration);
    } else if (declaration?.type === 'VariableDeclaration') {
      for (const declarator of nodes(declaration.declarations)) {
        const name = identifierName(child(declarator, 'id'));
        const init = child(declarator, 'init');
        if (!name || !init) continue;
        if (init.type === 'ArrowFunctionExpression' || init.type === 'FunctionExpression') parsed.functions.set(name, init);
        else if (init.type === 'StringLiteral') parsed.constants.set(name, { kind: 'literal', value: String(init.value) });
        const variable = requireEnvVariable(init);
        if (variable) parsed.constants.set(name, { kind: 'env', variable });
      }
    }
  }
  parsedModules.set(file, parsed);
  return parsed;
};

/** Parameter names of a function, method or arrow, in order (non-identifier patterns give undefined). */
const parameterNames = (fn: Node): (string | undefined)[] =>
  nodes(fn.params).map((param) => identifierName(child(param, 'pat') ?? param));

/** The body of a function-like node (a method's `function`, a declaration, an arrow). */
const bodyOf = (fn: Node): Node | undefined => child(fn, 'body');

/** A class's `this.field = option` assignments in its constructor, as field → constructor option. */
const fieldOptions = (cls: Node): Map<string, string> => {
  const fields = new Map<string, string>();
  const constructor = nodes(cls.body).find((member) => member.type === 'Constructor');
  if (!constructor) return fields;
  const renamed = new Map<string, string>();
  for (const param of nodes(constructor.params)) {
    for (const property of nodes(child(child(param, 'pat') ?? param, 'left')?.properties ?? child(param, 'pat')?.properties)) {
      const key = keyName(child(property, 'key'));
      const local = property.type === 'KeyValuePatternProperty' ? identifierName(child(property, 'value')) : key;
      if (key && local) renamed.set(local, key);
    }
  }
  walk(bodyOf(constructor), (node) => {
    if (node.type !== 'AssignmentExpression') return;
    const left = child(node, 'left');
    const field = child(left, 'object')?.type === 'ThisExpression' ? identifierName(child(left, 'property')) : undefined;
    const source = identifierName(child(node, 'right'));
    if (field && source) fields.set(field, renamed.get(source) ?? source);
  });
  return fields;
};

const methodsOf = (cls: Node): Map<string, Node> =>
  new Map(
    nodes(cls.body)
      .filter((member) => member.type === 'ClassMethod')
      .flatMap((member) => {
        const name = keyName(child(member, 'key'));
        const fn = child(member, 'function');
        return name && fn ? [[name, fn] as [string, Node]] : [];
      }),
  );

interface Scope {
  module: ParsedModule;
  cls?: { fields: Map<string, string>; methods: Map<string, Node> };
  bindings: Map<string, Symbolic>;
}

const nodeKind = (node: Node | undefined): string => String(node?.type ?? 'nothing');

const evaluate = (node: Node | undefined, scope: Scope): Symbolic => {
  if (!node) return { kind: 'unknown', detail: 'missing' };
  if (node.type === 'StringLiteral') return { kind: 'literal', value: String(node.value) };
  if (node.type === 'TsAsExpression' || node.type === 'ParenthesisExpression') return evaluate(child(node, 'expression'), scope);
  const variable = requireEnvVariable(node);
  if (variable) return { kind: 'env', variable };
  const name = identifierName(node);
  if (name) return scope.bindings.get(name) ?? scope.module.constants.get(name) ?? { kind: 'unknown', detail: `identifier ${name}` };
  if (node.type === 'MemberExpression' && child(node, 'object')?.type === 'ThisExpression') {
    const field = identifierName(child(node, 'property'));
    const option = field === undefined ? undefined : scope.cls?.fields.get(field);
    return option ? { kind: 'option', name: option } : { kind: 'unknown', detail: `this.${field}` };
  }
  return { kind: 'unknown', detail: nodeKind(node) };
};

/** Properties of an object literal, by key (spread and computed keys left out). */
const objectFields = (object: Node | undefined): Map<string, Node> => {
  const fields = new Map<string, Node>();
  for (const property of nodes(object?.properties)) {
    const key = property.type === 'KeyValueProperty' ? keyName(child(property, 'key')) : identifierName(property);
    const value = property.type === 'KeyValueProperty' ? child(property, 'value') : property;
    if (key && value) fields.set(key, value);
  }
  return fields;
};

const RESOURCE_FIELDS = ['TableName', 'IndexName', 'TopicArn', 'QueueUrl', 'stateMachineArn', 'executionArn', 'FunctionName'];
const TRANSACTION_OPERATIONS = ['Update', 'Put', 'Delete', 'ConditionCheck', 'Get'];

const isSdkSource = (source: string | undefined): boolean => source?.startsWith('@aws-sdk/') === true;

const sentCommand = (command: string, input: Node | undefined, scope: Scope): SentCommand => {
  const fields = objectFields(input);
  const resourceFields: Record<string, Symbolic> = {};
  for (const field of RESOURCE_FIELDS) {
    const value = fields.get(field);
    if (value) resourceFields[field] = evaluate(value, scope);
  }
  const requestItems = fields.get('RequestItems');
  const requestTables = nodes(requestItems?.properties).map((property) => {
    const key = child(property, 'key');
    return key?.type === 'Computed' ? evaluate(child(key, 'expression'), scope) : evaluate(key, scope);
  });
  if (input === undefined || (input.type !== 'ObjectExpression')) resourceFields.input = { kind: 'unknown', detail: `input is ${nodeKind(input)}` };
  return { command, module: path.basename(scope.module.file), fields: resourceFields, requestTables };
};

/** Everything a function-like node can send, following calls into methods of its class and helper functions. */
const reachFrom = (fn: Node, scope: Scope, seen: Set<Node> = new Set()): Reach => {
  const reach: Reach = { commands: [], transactionItems: [] };
  if (seen.has(fn)) return reach;
  seen.add(fn);
  const enter = (target: Node, args: Node[], targetScope: Omit<Scope, 'bindings'>): void => {
    const bindings = new Map<string, Symbolic>();
    parameterNames(target).forEach((name, index) => {
      if (name) bindings.set(name, evaluate(argExpression(args[index]), scope));
    });
    const inner = reachFrom(target, { ...targetScope, bindings }, seen);
    reach.commands.push(...inner.commands);
    reach.transactionItems.push(...inner.transactionItems);
  };
  walk(bodyOf(fn) ?? fn, (node) => {
    if (node.type === 'NewExpression') {
      const name = identifierName(child(node, 'callee'));
      const imported = name === undefined ? undefined : scope.module.imports.get(name);
      if (name?.endsWith('Command') && isSdkSource(imported?.source)) {
        reach.commands.push(sentCommand(imported?.imported ?? name, argExpression(nodes(node.arguments)[0]), scope));
      }
    }
    if (node.type === 'CallExpression') {
      const callee = child(node, 'callee');
      const args = nodes(node.arguments);
      const name = identifierName(callee);
      if (name) {
        const imported = scope.module.imports.get(name);
        if (imported && isSdkSource(imported.source) && imported.imported.startsWith('paginate')) {
          reach.commands.push(sentCommand(`${imported.imported.slice('paginate'.length)}Command`, argExpression(args[1]), scope));
        }
        const local = scope.module.functions.get(name);
        if (local) enter(local, args, { module: scope.module });
        if (imported?.source.startsWith('/') && imported.source.includes(`${path.sep}adapters${path.sep}`)) {
          const other = parseModule(imported.source);
          const target = other.functions.get(imported.imported);
          if (target) enter(target, args, { module: other });
        }
      }
      if (callee?.type === 'MemberExpression' && child(callee, 'object')?.type === 'ThisExpression' && scope.cls) {
        const method = scope.cls.methods.get(identifierName(child(callee, 'property')) ?? '');
        if (method) enter(method, args, { module: scope.module, cls: scope.cls });
      }
    }
    if (node.type === 'ObjectExpression') {
      for (const [operation, value] of objectFields(node)) {
        if (!TRANSACTION_OPERATIONS.includes(operation) || value.type !== 'ObjectExpression') continue;
        const table = objectFields(value).get('TableName');
        if (table) reach.transactionItems.push({ operation, table: evaluate(table, scope) });
      }
    }
  });
  return reach;
};

/** One call the function can make: the IAM action(s) come later, from the command. */
export interface CodeCall {
  /** `DynamoDbOrderRepository.get` or `seedCatalogue`. */
  via: string;
  command: string;
  fields: Record<string, Target>;
  requestTables: Target[];
  /** Items of a TransactWrite/TransactGet built by the same method. */
  transactionItems: { operation: string; table: Target }[];
}

const bindOption = (value: Symbolic, options: Map<string, Target>): Target =>
  value.kind === 'option' ? (options.get(value.name) ?? { kind: 'unknown', detail: `option ${value.name} not passed` }) : value;

/** The dependency wiring of an entry: `makeXHandler({ key: new Adapter({...}) | (…) => helper(…) })`. */
interface Dependency {
  key: string;
  adapterClass?: { module: ParsedModule; name: string; node: Node; options: Map<string, Target> };
  inline?: Node;
}

const dependenciesOf = (entry: ParsedModule): Dependency[] => {
  const dependencies: Dependency[] = [];
  walk(entry.body, (node) => {
    if (node.type !== 'CallExpression' || !/^make\w+Handler$/.test(identifierName(child(node, 'callee')) ?? '')) return;
    for (const [key, value] of objectFields(argExpression(nodes(node.arguments)[0]))) {
      if (value.type === 'NewExpression') {
        const name = identifierName(child(value, 'callee')) ?? '';
        const imported = entry.imports.get(name);
        if (!imported?.source.startsWith('/')) continue;
        const module = parseModule(imported.source);
        const cls = module.classes.get(imported.imported);
        if (!cls) continue;
        const scope: Scope = { module: entry, bindings: new Map() };
        const options = new Map<string, Target>();
        for (const [option, expression] of objectFields(argExpression(nodes(value.arguments)[0]))) {
          const target = evaluate(expression, scope);
          if (target.kind !== 'option') options.set(option, target);
        }
        dependencies.push({ key, adapterClass: { module, name: imported.imported, node: cls, options } });
      } else if (value.type === 'ArrowFunctionExpression' || value.type === 'FunctionExpression') {
        dependencies.push({ key, inline: value });
      }
    }
  });
  return dependencies;
};

/** Method names called on a dependency key in the given modules: `deps.orders.get(`, `orders.get(`. */
const methodsCalledOn = (key: string, modules: readonly ParsedModule[]): Set<string> => {
  const called = new Set<string>();
  for (const module of modules) {
    walk(module.body, (node) => {
      if (node.type !== 'CallExpression') return;
      const callee = child(node, 'callee');
      if (callee?.type !== 'MemberExpression') return;
      const receiver = child(callee, 'object');
      const receiverName = identifierName(receiver) ?? (receiver?.type === 'MemberExpression' ? identifierName(child(receiver, 'property')) : undefined);
      const method = identifierName(child(callee, 'property'));
      if (receiverName === key && method) called.add(method);
    });
  }
  return called;
};

/** The project's own modules that esbuild puts into the function's bundle (tree-shaken modules left out). */
export const bundledModules = (entryPoint: string, root: string): string[] => {
  const result = buildSync({
    entryPoints: [entryPoint],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    logLevel: 'silent',
    outdir: path.join(root, '.iam-analysis'),
  });
  const output = Object.values(result.metafile.outputs)[0];
  return Object.entries(output?.inputs ?? {})
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([file]) => path.resolve(root, file))
    .filter((file) => file.endsWith('.ts'));
};

const isAdapter = (file: string): boolean => file.includes(`${path.sep}adapters${path.sep}`);

export interface FunctionCode {
  calls: CodeCall[];
  /**
   * Adapters wired into the handler on which no method call was found: either dead wiring or a use this reader
   * cannot see (a dependency renamed on the way), which would hide its calls. The test requires none.
   */
  idleDependencies: string[];
}

/** Every SDK call the function whose entry this is can make, from its bundle. */
export const codeOf = (entryPoint: string, root: string): FunctionCode => {
  const bundled = bundledModules(entryPoint, root);
  const entry = parseModule(entryPoint);
  const callers = bundled.filter((file) => !isAdapter(file) && file !== entryPoint).map(parseModule);
  const calls: CodeCall[] = [];
  const idleDependencies: string[] = [];
  const record = (via: string, reach: Reach, options: Map<string, Target>): void => {
    const items = reach.transactionItems.map(({ operation, table }) => ({ operation, table: bindOption(table, options) }));
    for (const sent of reach.commands) {
      calls.push({
        via,
        command: sent.command,
        fields: Object.fromEntries(Object.entries(sent.fields).map(([field, value]) => [field, bindOption(value, options)])),
        requestTables: sent.requestTables.map((table) => bindOption(table, options)),
        transactionItems: /^Transact/.test(sent.command) ? items : [],
      });
    }
  };
  for (const dependency of dependenciesOf(entry)) {
    if (dependency.inline) {
      record(dependency.key, reachFrom(dependency.inline, { module: entry, bindings: new Map() }), new Map());
      continue;
    }
    const adapter = dependency.adapterClass;
    if (!adapter) continue;
    const cls = { fields: fieldOptions(adapter.node), methods: methodsOf(adapter.node) };
    const used = [...methodsCalledOn(dependency.key, callers)].filter((method) => cls.methods.has(method));
    if (used.length === 0) idleDependencies.push(`${dependency.key} (${adapter.name})`);
    for (const method of used) {
      const fn = cls.methods.get(method);
      if (!fn) continue;
      record(`${adapter.name}.${method}`, reachFrom(fn, { module: adapter.module, cls, bindings: new Map() }), adapter.options);
    }
  }
  return { calls, idleDependencies };
};

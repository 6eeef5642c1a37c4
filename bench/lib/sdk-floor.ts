/**
 * A function's "SDK floor": an entry that imports only the AWS SDK clients and commands the function's bundle
 * contains and builds the clients when the function does (at init, or lazily on the first call), nothing else. Built with the same profile, it is
 * the least any handler using those clients can cost; the function's cold start over its floor is what our code,
 * Middy and Powertools add.
 */
import { readFileSync } from 'node:fs';
import { build, type Metafile } from 'esbuild';
import { parseSync } from '@swc/core';

/** When a function builds its SDK clients: at import (`eager`) or inside its handler (`lazy`). */
export type ClientInit = 'eager' | 'lazy';

export interface SdkUsage {
  /** Package → exported names used (clients and commands), sorted. */
  exports: Record<string, string[]>;
  /** The service client packages (`@aws-sdk/client-*`), sorted: what "one or two SDK clients" counts. */
  clientPackages: string[];
}

const CLIENT = /node_modules\/(@aws-sdk\/client-[a-z0-9-]+)\/dist-es\/([A-Za-z0-9]+Client)\.js$/;
const DOCUMENT_CLIENT = /node_modules\/(@aws-sdk\/lib-dynamodb)\/dist-es\/(DynamoDBDocumentClient)\.js$/;
const COMMAND = /node_modules\/(@aws-sdk\/(?:client|lib)-[a-z0-9-]+)\/dist-es\/commands\/([A-Za-z0-9]+Command)\.js$/;

/** Reads SDK usage from a metafile of a build that resolved the SDK's ES modules (one file per client/command). */
export const sdkUsageOf = (metafile: Metafile): SdkUsage => {
  const used = new Map<string, Set<string>>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const match = bytesInOutput > 0 ? (CLIENT.exec(input) ?? DOCUMENT_CLIENT.exec(input) ?? COMMAND.exec(input)) : null;
      if (!match?.[1] || !match[2]) continue;
      const names = used.get(match[1]) ?? new Set<string>();
      used.set(match[1], names.add(match[2]));
    }
  }
  const packages = [...used.keys()].sort();
  return {
    exports: Object.fromEntries(packages.map((name) => [name, [...(used.get(name) ?? [])].sort()])),
    clientPackages: packages.filter((name) => name.startsWith('@aws-sdk/client-')),
  };
};

/** SDK usage of an entry file: an in-memory bundle that resolves the SDK's ES modules, so each command is a file. */
export const analyseSdkUsage = async (entryPoint: string, root: string): Promise<SdkUsage> => {
  const result = await build({
    entryPoints: [entryPoint],
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'esm',
    mainFields: ['module', 'main'],
    write: false,
    metafile: true,
    outdir: 'out',
    logLevel: 'silent',
  });
  return sdkUsageOf(result.metafile);
};

const identifier = (packageName: string, name: string): string => `${packageName.replace(/^@aws-sdk\//, '').replace(/-/g, '_')}_${name}`;

/** The client getters of src/adapters/aws/clients.ts (`documentClient()`, `sfnClient()`): a call builds a client. */
const CLIENT_GETTER = /^[a-z][A-Za-z]*Client$/;
const FUNCTION_NODES = new Set(['ArrowFunctionExpression', 'FunctionExpression', 'FunctionDeclaration', 'ClassMethod', 'PrivateMethod', 'Constructor', 'GetterProperty', 'SetterProperty', 'MethodProperty']);

/**
 * Whether an entry module builds a client at import: any client-getter call outside a function body does. A floor
 * that built its clients eagerly for a lazy function (SeedInventory) would cost more than the function itself.
 */
export const clientInitOf = (source: string): ClientInit => {
  const found = { eager: false };
  const visit = (node: unknown, insideFunction: boolean): void => {
    if (found.eager || typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) {
      for (const child of node) visit(child, insideFunction);
      return;
    }
    const record = node as { type?: string; callee?: { type?: string; value?: string } };
    if (record.type === 'CallExpression' && record.callee?.type === 'Identifier' && CLIENT_GETTER.test(record.callee.value ?? '') && !insideFunction) found.eager = true;
    const inside = insideFunction || FUNCTION_NODES.has(record.type ?? '');
    for (const child of Object.values(node)) visit(child, inside);
  };
  visit(parseSync(source, { syntax: 'typescript' }), false);
  return found.eager ? 'eager' : 'lazy';
};

export const clientInitOfFile = (entryPoint: string): ClientInit => clientInitOf(readFileSync(entryPoint, 'utf8'));

/** TypeScript source of the floor entry for a function's SDK usage, building its clients as the function does. */
export const floorSource = (functionName: string, usage: SdkUsage, init: ClientInit = 'eager'): string => {
  const imports: string[] = [];
  const clients: string[] = [];
  const commands: string[] = [];
  const documentClient = usage.exports['@aws-sdk/lib-dynamodb']?.includes('DynamoDBDocumentClient');
  for (const [packageName, names] of Object.entries(usage.exports)) {
    const specifiers = names.map((name) => (name.endsWith('Command') ? `${name} as ${identifier(packageName, name)}` : name));
    imports.push(`import { ${specifiers.join(', ')} } from '${packageName}';`);
    for (const name of names) {
      if (name.endsWith('Command')) commands.push(identifier(packageName, name));
      else if (name === 'DynamoDBClient' && documentClient) clients.push('DynamoDBDocumentClient.from(new DynamoDBClient({}))');
      else if (name !== 'DynamoDBDocumentClient') clients.push(`new ${name}({})`);
    }
  }
  const build = `(): unknown[] => [${clients.join(', ')}]`;
  return [
    `// SDK floor of ${functionName}: the SDK clients and commands its bundle holds, built ${init === 'eager' ? 'at init' : 'on the first call'}, nothing else.`,
    ...imports,
    `const buildClients = ${build};`,
    init === 'eager' ? 'const clients = buildClients();' : 'let clients: unknown[] | undefined;',
    `export const commands: unknown[] = [${commands.join(', ')}];`,
    init === 'eager' ? 'export const handler = async (): Promise<number> => clients.length;' : 'export const handler = async (): Promise<number> => (clients ??= buildClients()).length;',
    '',
  ].join('\n');
};

export const EMPTY_HANDLER_SOURCE = `// Baseline: a handler that imports nothing.\nexport const handler = async (): Promise<Record<string, never>> => ({});\n`;

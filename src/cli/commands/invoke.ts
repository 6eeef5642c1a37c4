/**
 * `orders invoke <FunctionLogicalId> [-e PATH|-] [--env-vars PATH]`: the Docker-free `sam local invoke`. It
 * sends the event to the local stack (POST /_local/functions/{id}/invoke, the endpoint the console uses), so
 * the function runs with the stack's adapters, state and faults, and prints what sam prints: the function's
 * response as JSON on stdout and its log lines on stderr; exit 1 when the function fails. `--json` prints
 * the endpoint's whole answer instead. Without `-e` the event is `{}`, as with sam.
 *
 * `--env-vars` takes sam's file, `{ "Parameters": { … }, "<FunctionLogicalId>": { … } }`: the global
 * variables, then the function's own over them; the stack applies only those the template declares for the
 * function (as sam does) and this command says which it ignored.
 */
import type { EnvVarValue, InvokeAnswer } from '../../local/dev-api/invoke-answer';
import { readFile } from 'node:fs/promises';
import { CliError, UsageError } from '../errors';
import type { CommandContext } from './context';
import { toJson } from './context';

export interface InvokeOptions {
  event?: string;
  'env-vars'?: string;
  url: string;
  /** No log lines on stderr. */
  quiet?: boolean;
}



export type ReadStdin = () => Promise<string>;

const readProcessStdin: ReadStdin = async () => {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
};

const parseJson = (text: string, what: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`${what} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
};

const readText = async (path: string, what: string): Promise<string> => {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read ${what} "${path}": ${(error as Error).message}`, { cause: error });
  }
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The variables sam's env-vars file gives `logicalId`: `Parameters` for every function, then its own entry. */
const envVarsFor = (file: unknown, logicalId: string, path = '--env-vars'): Record<string, EnvVarValue> => {
  if (!isRecord(file)) throw new UsageError(`${path} must hold a JSON object like { "Parameters": { "NAME": "value" }, "${logicalId}": { … } }`);
  const section = (key: string): Record<string, EnvVarValue> => {
    const value = file[key];
    if (value === undefined) return {};
    if (!isRecord(value)) throw new UsageError(`${path}: "${key}" must be an object of variable names to values`);
    for (const [name, v] of Object.entries(value)) {
      if (!['string', 'number', 'boolean'].includes(typeof v)) throw new UsageError(`${path}: ${key}.${name} must be a string, number or boolean`);
    }
    return value as Record<string, EnvVarValue>;
  };
  return { ...section('Parameters'), ...(Object.hasOwn(file, logicalId) ? section(logicalId) : {}) };
};

const readEvent = async (source: string | undefined, readStdin: ReadStdin): Promise<unknown> => {
  if (source === undefined) return {};
  if (source === '-') return parseJson(await readStdin(), 'The event on stdin');
  return parseJson(await readText(source, 'the event file'), `The event file "${source}"`);
};

const describeProblem = (status: number, text: string): string => {
  try {
    const body = JSON.parse(text) as { message?: string; errors?: { field: string; message: string }[] };
    const fields = (body.errors ?? []).map((e) => `\n  ${e.field}: ${e.message}`).join('');
    return `${body.message ?? `HTTP ${status}`}${fields}`;
  } catch {
    return `HTTP ${status}: ${text.slice(0, 300)}`;
  }
};

export const invokeCommand = async (context: CommandContext, args: readonly string[], options: InvokeOptions, readStdin: ReadStdin = readProcessStdin): Promise<number> => {
  const [logicalId, ...extra] = args;
  if (!logicalId) throw new UsageError('invoke needs the function\'s logical id, e.g. orders invoke CreateOrderFunction -e events/create-order.json');
  if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}"`);
  const event = await readEvent(options.event, readStdin);
  const envFile = options['env-vars'];
  const envVars = envFile === undefined ? undefined : envVarsFor(parseJson(await readText(envFile, 'the env-vars file'), `The env-vars file "${envFile}"`), logicalId, envFile);
  const url = `${options.url.replace(/\/+$/, '')}/_local/functions/${encodeURIComponent(logicalId)}/invoke`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ event, ...(envVars ? { envVars } : {}) }),
      signal: context.signal,
    });
  } catch (error) {
    throw new CliError(`No local stack answers at ${options.url} (${(error as Error).message}). Start it with \`npm start\` or pass --url.`, { cause: error });
  }
  const text = await response.text();
  if (!response.ok) throw new CliError(`${logicalId}: ${describeProblem(response.status, text)}`);
  const answer = JSON.parse(text) as InvokeAnswer;
  if (context.json) {
    context.stdout.write(toJson(answer));
  } else {
    if (!options.quiet) for (const line of answer.logs) context.stderr.write(`${line}\n`);
    context.stdout.write(`${JSON.stringify(answer.error ?? answer.result ?? null)}\n`);
  }
  if (answer.ignoredEnvVars?.length) {
    context.stderr.write(`orders: ignored ${answer.ignoredEnvVars.join(', ')}: not declared in the template for ${logicalId} (sam local invoke ignores them too)\n`);
  }
  return answer.error ? 1 : 0;
};

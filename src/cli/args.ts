/** Command-line parsing with node:util parseArgs: global options, one command, its own options. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors';

type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

export const GLOBAL_OPTIONS = {
  'stack-name': { type: 'string' },
  region: { type: 'string' },
  url: { type: 'string' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpecs;

export const COMMAND_OPTIONS = {
  list: { status: { type: 'string' }, since: { type: 'string' }, limit: { type: 'string' } },
  history: { data: { type: 'boolean' } },
  report: { since: { type: 'string' } },
  logs: { function: { type: 'string', short: 'f', multiple: true }, tail: { type: 'boolean', short: 't' }, since: { type: 'string' }, filter: { type: 'string' }, interval: { type: 'string' } },
  dlq: { max: { type: 'string' }, wait: { type: 'boolean' } },
  console: { port: { type: 'string' } },
  invoke: { event: { type: 'string', short: 'e' }, 'env-vars': { type: 'string' } },
} as const satisfies Record<string, OptionSpecs>;

export type CommandName = keyof typeof COMMAND_OPTIONS;

export interface ParsedCommand {
  command?: CommandName;
  /** Positionals after the command (`history <ref>`, `dlq list`). */
  args: string[];
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
}

const isCommand = (name: string | undefined): name is CommandName => name !== undefined && Object.hasOwn(COMMAND_OPTIONS, name);

export const parseCommandLine = (argv: readonly string[]): ParsedCommand => {
  // First pass, lenient: find the command word, skipping the values of global options that may precede it.
  const { positionals } = parseArgs({ args: [...argv], options: GLOBAL_OPTIONS, strict: false, allowPositionals: true });
  const [first, ...rest] = positionals;
  if (first === undefined || first === 'help') {
    const { values } = parseStrict(argv.filter((arg) => arg !== 'help'), GLOBAL_OPTIONS);
    return { args: rest, values: first === 'help' ? { ...values, help: true } : values };
  }
  if (!isCommand(first)) throw new UsageError(`Unknown command "${first}"`);
  const { values, positionals: all } = parseStrict(argv, { ...GLOBAL_OPTIONS, ...COMMAND_OPTIONS[first] });
  return { command: first, args: all.slice(1), values };
};

const parseStrict = (argv: readonly string[], options: OptionSpecs) => {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError((error as Error).message, { cause: error });
  }
};

const UNITS_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `90s`, `15m`, `1h`, `7d`, `2w` → milliseconds. */
export const parseDuration = (text: string): number => {
  const match = /^(\d+(?:\.\d+)?)\s*([smhdw])$/i.exec(text.trim());
  if (!match) throw new UsageError(`"${text}" is not a duration like 30m, 1h, 24h or 7d`);
  return Number(match[1]) * (UNITS_MS[(match[2] ?? '').toLowerCase()] ?? 0);
};

/** `--since` as a duration back from now, or an ISO 8601 timestamp; epoch ms. */
export const parseSince = (text: string | undefined, now: number, fallback?: string): number | undefined => {
  const value = text ?? fallback;
  if (value === undefined) return undefined;
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) {
    const at = Date.parse(value);
    if (Number.isNaN(at)) throw new UsageError(`"${value}" is not a valid timestamp`);
    return at;
  }
  return now - parseDuration(value);
};

/**
 * `orders`: what happened to an order, how healthy the workflow is, and which step fails most — against the
 * local stack by default, or a deployed stack with --stack-name. Exit codes: 0 done, 1 failed, 2 usage error.
 */
import { OrderNotFoundError } from '../domain/errors';
import { parseCommandLine, type ParsedCommand } from './args';
import { consoleCommand } from './commands/console';
import { dlqCommand } from './commands/dlq';
import { historyCommand } from './commands/history';
import { invokeCommand, type ReadStdin } from './commands/invoke';
import { listCommand } from './commands/list';
import { logsCommand } from './commands/logs';
import { reportCommand } from './commands/report';
import type { CommandContext, Writer } from './commands/context';
import { OptionValueError } from '../shared/option-values';
import { CliError, UsageError } from './errors';
import { styleFor } from './render/format';
import { silentProgress, stderrProgress } from '../shared/progress';
import { AwsSource } from './sources/aws-source';
import { DEFAULT_LOCAL_PORT, LocalSource } from './sources/local-source';
import type { OrdersSource } from './sources/source';

export const EXIT_OK = 0;
export const EXIT_ERROR = 1;
export const EXIT_USAGE = 2;

export const USAGE = `Usage: orders <command> [options]

Commands
  list [--status S] [--since 1h] [--limit 50]   Recent executions, newest first, with the failed state and error
                                                 S: RUNNING SUCCEEDED FAILED TIMED_OUT ABORTED COMPLETED REJECTED
  history <orderId|executionArn> [--data]        One run as a timeline; --data adds each state's input and output
  report [--since 24h]                           Outcomes, success rate, duration p50/p90/p99, failures by state
                                                 and error, retries, compensations, DLQ depth
  logs [--function X]... [--since 10m] [--filter TEXT] [--tail] [--interval 2s]
                                                 Function logs merged by time; --tail keeps following
  dlq list [--max 10]                            Messages in the payment dead-letter queue (not consumed)
  dlq redrive [--wait]                           Moves them back to the payment queue (AWS: StartMessageMoveTask)
  console --stack-name S [--port 3100]           The web console for a deployed stack, read-only, on 127.0.0.1
  invoke <FunctionLogicalId> [-e PATH|-] [--env-vars PATH]
                                                 Runs one function on the local stack, like sam local invoke:
                                                 its response on stdout, its log lines on stderr

Where
  (default)                  the local stack at http://127.0.0.1:$PORT (PORT defaults to ${DEFAULT_LOCAL_PORT})
  --url URL                  another local stack
  --stack-name S             a deployed stack, read through its CloudFormation outputs (AWS credentials as usual)
  --region R                 its region (else AWS_REGION / the profile's)

Output
  --json                     machine-readable output on stdout
  -q, --quiet                no progress on stderr
  -h, --help                 this help

Durations: 30s, 15m, 1h, 24h, 7d (or an ISO timestamp for --since). Exit codes: 0 ok, 1 error, 2 usage.
`;

export interface CliEnvironment {
  stdout: Writer;
  stderr: Writer;
  env: NodeJS.ProcessEnv;
  now?: () => number;
  signal?: AbortSignal;
  /** Tests hand in a source; otherwise it is built from --stack-name / --url. */
  makeSource?: (values: ParsedCommand['values']) => OrdersSource;
  /** What `invoke -e -` reads (default: process.stdin). */
  readStdin?: ReadStdin;
}

const stringValue = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

export const sourceFor = (values: ParsedCommand['values'], env: NodeJS.ProcessEnv): OrdersSource => {
  const stackName = stringValue(values['stack-name']);
  const region = stringValue(values.region);
  if (stackName) {
    if (values.url) throw new UsageError('--url is for the local stack and --stack-name for AWS; give one of them');
    return new AwsSource({ stackName, ...(region && { region }) });
  }
  if (region) throw new UsageError('--region goes with --stack-name');
  return new LocalSource({ url: localStackUrl(values, env) });
};

const localStackUrl = (values: ParsedCommand['values'], env: NodeJS.ProcessEnv): string =>
  stringValue(values.url) ?? env.ORDERS_URL ?? `http://127.0.0.1:${env.PORT ?? DEFAULT_LOCAL_PORT}`;

export const runCli = async (argv: readonly string[], io: CliEnvironment): Promise<number> => {
  try {
    const parsed = parseCommandLine(argv);
    if (parsed.values.help || !parsed.command) {
      io.stdout.write(USAGE);
      return parsed.values.help ? EXIT_OK : EXIT_USAGE;
    }
    const context: CommandContext = {
      source: (io.makeSource ?? ((values) => sourceFor(values, io.env)))(parsed.values),
      stdout: io.stdout,
      stderr: io.stderr,
      style: styleFor(io.stdout.isTTY === true, io.env),
      json: parsed.values.json === true,
      progress: parsed.values.quiet ? silentProgress : stderrProgress(io.stderr),
      now: io.now ?? Date.now,
      signal: io.signal ?? new AbortController().signal,
    };
    return await dispatch(context, parsed, io);
  } catch (error) {
    return reportError(error, io.stderr);
  }
};

const dispatch = (context: CommandContext, { command, args, values }: ParsedCommand, io: CliEnvironment): Promise<number> => {
  const only = (count: number): void => {
    if (args.length > count) throw new UsageError(`Unexpected argument "${args[count]}"`);
  };
  switch (command) {
    case 'list':
      only(0);
      return listCommand(context, values as { status?: string; since?: string; limit?: string });
    case 'history':
      return historyCommand(context, args, values as { data?: boolean });
    case 'report':
      only(0);
      return reportCommand(context, values as { since?: string });
    case 'logs':
      only(0);
      return logsCommand(context, values as { function?: string[]; since?: string; filter?: string; tail?: boolean; interval?: string });
    case 'dlq':
      return dlqCommand(context, args, values as { max?: string; wait?: boolean });
    case 'console':
      only(0);
      return consoleCommand(context, values as { port?: string; 'stack-name'?: string });
    case 'invoke':
      if (values['stack-name']) throw new UsageError('invoke runs a function on the local stack; for a deployed stack use sam remote invoke');
      return invokeCommand(context, args, { ...(values as { event?: string; 'env-vars'?: string; quiet?: boolean }), url: localStackUrl(values, io.env) }, io.readStdin);
    default:
      throw new UsageError(`Unknown command "${String(command)}"`);
  }
};

const reportError = (error: unknown, stderr: Writer): number => {
  if (error instanceof UsageError || error instanceof OptionValueError) {
    stderr.write(`orders: ${error.message}\nRun "orders --help" for usage.\n`);
    return EXIT_USAGE;
  }
  if (error instanceof OrderNotFoundError) {
    stderr.write(`orders: no execution found for ${error.orderId}\n`);
    return EXIT_ERROR;
  }
  if (error instanceof CliError) {
    stderr.write(`orders: ${error.message}\n`);
    return EXIT_ERROR;
  }
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  stderr.write(`orders: ${name}: ${message}\n`);
  return EXIT_ERROR;
};

/** The bundle's entry: wires the process and exits with the command's code. */
export const main = async (): Promise<void> => {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, signal: controller.signal });
  process.exitCode = code;
};

/** Parsing, usage errors and exit codes of `orders`. */
import { parseCommandLine, parseDuration, parseSince } from '../../../src/cli/args';
import { sourceFor } from '../../../src/cli/main';
import { AwsSource } from '../../../src/cli/sources/aws-source';
import { LocalSource } from '../../../src/cli/sources/local-source';
import { cli } from '../../cli/support/run-cli';

describe('parseCommandLine', () => {
  test('global options may come before or after the command', () => {
    expect(parseCommandLine(['--url', 'http://x', 'history', 'o-1', '--data'])).toEqual({
      command: 'history',
      args: ['o-1'],
      values: { url: 'http://x', data: true },
    });
    expect(parseCommandLine(['logs', '-f', 'ProcessPayment', '--function', 'Notify', '--tail', '--json'])).toMatchObject({
      command: 'logs',
      values: { function: ['ProcessPayment', 'Notify'], tail: true, json: true },
    });
  });

  test('an option of another command is refused', () => {
    expect(() => parseCommandLine(['report', '--data'])).toThrow(/Unknown option '--data'/);
  });
});

describe('durations', () => {
  test.each([
    ['30s', 30_000],
    ['15m', 900_000],
    ['1h', 3_600_000],
    ['24h', 86_400_000],
    ['7d', 604_800_000],
    ['1.5h', 5_400_000],
  ])('%s', (text, ms) => expect(parseDuration(text)).toBe(ms));

  test('--since takes a duration back from now or a timestamp', () => {
    expect(parseSince('1h', 10_000_000)).toBe(6_400_000);
    expect(parseSince('2025-11-20T10:00:00Z', 0)).toBe(Date.parse('2025-11-20T10:00:00Z'));
    expect(parseSince(undefined, 5_000, '1s')).toBe(4_000);
    expect(parseSince(undefined, 5_000)).toBeUndefined();
    expect(() => parseDuration('yesterday')).toThrow('is not a duration');
  });
});

describe('exit codes', () => {
  test('--help prints the usage and exits 0; no command prints it and exits 2', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: orders <command>');
    expect((await cli(['help'])).code).toBe(0);
    const none = await cli([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toContain('Usage: orders <command>');
  });

  test.each([
    [['frobnicate'], 'Unknown command "frobnicate"'],
    [['report', '--since', 'soon'], '"soon" is not a duration'],
    [['list', '--limit', '0'], '--limit must be an integer >= 1'],
    [['list', 'extra'], 'Unexpected argument "extra"'],
    [['history'], 'history needs an order id or an execution ARN'],
    [['report', '--bogus'], "Unknown option '--bogus'"],
    [['report', '--region', 'eu-west-1'], '--region goes with --stack-name'],
    [['report', '--stack-name', 's', '--url', 'http://x'], 'give one of them'],
  ])('%j is a usage error (exit 2)', async (argv, message) => {
    const { code, stderr } = await cli(argv, { env: {} });
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).toContain('Run "orders --help" for usage.');
  });

  test('no local stack listening is an error (exit 1) that says how to start one', async () => {
    const { code, stderr } = await cli(['report', '--url', 'http://127.0.0.1:9']);
    expect(code).toBe(1);
    expect(stderr).toContain('No local stack answers at http://127.0.0.1:9');
    expect(stderr).toContain('npm start');
  });
});

describe('sourceFor', () => {
  test('the local stack on $PORT by default, ORDERS_URL or --url when given, AWS with --stack-name', () => {
    expect(sourceFor({}, {}).description).toBe('local stack http://127.0.0.1:3000');
    expect(sourceFor({}, { PORT: '4321' }).description).toBe('local stack http://127.0.0.1:4321');
    expect(sourceFor({}, { ORDERS_URL: 'http://127.0.0.1:5000/' }).description).toBe('local stack http://127.0.0.1:5000');
    expect(sourceFor({ url: 'http://h:1' }, { PORT: '4321' })).toBeInstanceOf(LocalSource);
    const aws = sourceFor({ 'stack-name': 'orders', region: 'eu-west-1' }, {});
    expect(aws).toBeInstanceOf(AwsSource);
    expect(aws.description).toBe('stack orders (eu-west-1)');
  });
});

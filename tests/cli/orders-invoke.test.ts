/**
 * `orders invoke`, the Docker-free `sam local invoke`, through the CLI against a local stack started here: the
 * function's response on stdout and its log lines on stderr, `-e -` from stdin, sam's `--env-vars` file,
 * `--json`, and the exit codes (1 when the function fails or the stack refuses, 2 for a usage error).
 */
import './support/quiet-env';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { EVENTS_DIR, loadEvent } from '../support/events';
import { startStack, type RunningStack } from './support/local-run';
import { cli } from './support/run-cli';

jest.setTimeout(60_000);

let run: RunningStack;
let url: string;
let scratch: string;

beforeAll(async () => {
  run = await startStack();
  url = run.stack.url;
  scratch = mkdtempSync(path.join(tmpdir(), 'orders-invoke-'));
});

afterAll(async () => {
  await run?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

const event = (file: string): string => path.join(EVENTS_DIR, file);
const scratchFile = (name: string, content: unknown): string => {
  const file = path.join(scratch, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
};

describe('orders invoke', () => {
  test('prints the function\'s response on stdout and its START/END/REPORT lines on stderr', async () => {
    const { code, stdout, stderr } = await cli(['invoke', 'GetOrderFunction', '-e', event('get-order-unknown.json'), '--url', url]);
    expect(code).toBe(0);
    const response = JSON.parse(stdout) as { statusCode: number; body: string };
    expect(response.statusCode).toBe(404);
    expect(JSON.parse(response.body)).toEqual({ message: 'Order does-not-exist not found' });
    const requestId = /^START RequestId: (\S+) Version: \$LATEST$/m.exec(stderr)?.[1];
    expect(requestId).toBeDefined();
    expect(stderr).toContain(`END RequestId: ${requestId}`);
    expect(stderr).toMatch(new RegExp(`^REPORT RequestId: ${requestId}\\tDuration: [\\d.]+ ms`, 'm'));
  });

  test('-e - reads the event from stdin; --json prints the endpoint\'s whole answer', async () => {
    const stdin = JSON.stringify(loadEvent('quote-cart.json'));
    const { code, stdout } = await cli(['invoke', 'QuoteCartFunction', '-e', '-', '--url', url, '--json'], { readStdin: () => Promise.resolve(stdin) });
    expect(code).toBe(0);
    const answer = JSON.parse(stdout) as { functionLogicalId: string; requestId: string; result: { quote: { lines: unknown[] } }; logs: string[] };
    expect(answer.functionLogicalId).toBe('QuoteCartFunction');
    expect(answer.result.quote.lines).toHaveLength(2);
    expect(answer.logs[0]).toBe(`START RequestId: ${answer.requestId} Version: $LATEST`);
  });

  test('a function that fails: the error on stdout as sam prints it, exit 1', async () => {
    const { code, stdout, stderr } = await cli(['invoke', 'ValidateOrderFunction', '-e', scratchFile('empty.json', {}), '--url', url]);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ errorType: 'TypeError', errorMessage: expect.any(String) });
    expect(stderr).toContain('ERROR Invoke Error');
  });

  test('--env-vars takes sam\'s file: Parameters and the function\'s own section; undeclared names are reported as ignored', async () => {
    const envFile = scratchFile('env.json', { Parameters: { POWERTOOLS_LOG_LEVEL: 'DEBUG', ONLY_IN_PARAMETERS: 'x' }, GetOrderFunction: { ORDERS_TABLE: 'local', NOT_DECLARED: 1 }, OtherFunction: { IGNORED_TOO: 'y' } });
    const { code, stderr } = await cli(['invoke', 'GetOrderFunction', '-e', event('get-order-unknown.json'), '--env-vars', envFile, '--url', url]);
    expect(code).toBe(0);
    expect(stderr).toContain('orders: ignored ONLY_IN_PARAMETERS, NOT_DECLARED: not declared in the template for GetOrderFunction');
    expect(stderr).not.toContain('IGNORED_TOO');
  });

  test('without -e the event is {}, as with sam', async () => {
    const { code, stdout } = await cli(['invoke', 'ValidateOrderFunction', '--url', url]);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ errorType: 'TypeError' });
  });

  test('an unknown function: exit 1 with the stack\'s message', async () => {
    const { code, stderr } = await cli(['invoke', 'NoSuchFunction', '-e', event('notify.json'), '--url', url]);
    expect(code).toBe(1);
    expect(stderr).toContain('Function NoSuchFunction not found');
  });

  test('usage errors exit 2: no function, a missing or non-JSON event file, a malformed env-vars file, --stack-name', async () => {
    expect((await cli(['invoke', '--url', url])).code).toBe(2);
    const missing = await cli(['invoke', 'GetOrderFunction', '-e', path.join(scratch, 'nope.json'), '--url', url]);
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('Cannot read the event file') });
    const notJson = await cli(['invoke', 'GetOrderFunction', '-e', scratchFile('bad.json', '{"oops"'), '--url', url]);
    expect(notJson).toMatchObject({ code: 2, stderr: expect.stringContaining('is not valid JSON') });
    const badEnv = await cli(['invoke', 'GetOrderFunction', '--env-vars', scratchFile('env-bad.json', { Parameters: { X: { nested: 1 } } }), '--url', url]);
    expect(badEnv).toMatchObject({ code: 2, stderr: expect.stringContaining('Parameters.X must be a string, number or boolean') });
    expect((await cli(['invoke', 'GetOrderFunction', '--stack-name', 'prod'])).code).toBe(2);
  });

  test('no stack at the URL: exit 1 saying how to start one', async () => {
    const { code, stderr } = await cli(['invoke', 'GetOrderFunction', '--url', 'http://127.0.0.1:9']);
    expect(code).toBe(1);
    expect(stderr).toContain('No local stack answers at http://127.0.0.1:9');
  });

  test('the installed command (bin/orders.mjs) in its own process: response on stdout, exit 1 on a function error', async () => {
    const bin = path.join(__dirname, '..', '..', 'bin', 'orders.mjs');
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, 'invoke', 'GetOrderFunction', '-e', event('get-order-unknown.json'), '--url', url]);
    expect(JSON.parse(stdout)).toMatchObject({ statusCode: 404 });
    expect(stderr).toContain('REPORT RequestId:');
    await expect(promisify(execFile)(process.execPath, [bin, 'invoke', 'ValidateOrderFunction', '--url', url])).rejects.toMatchObject({ code: 1 });

    // `-e -` on the process's real stdin, as in `cat event.json | npx orders invoke QuoteCartFunction -e -`.
    const child = spawn(process.execPath, [bin, 'invoke', 'QuoteCartFunction', '-e', '-', '--url', url]);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stdin.end(JSON.stringify(loadEvent('quote-cart.json')));
    const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(exitCode).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ quote: { currency: 'GBP' } });
  });
});

/**
 * `orders logs` against the local stack, through the `/_local/logs` contract the CLI expects:
 * `GET /_local/logs?since=<epoch ms>&function=<name>…&filter=<text>` → `{ functions: string[], logs: [{ id,
 * timestamp, function, message }] }`. A fake server stands in for the local stack, which does not serve it yet.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cli } from '../../cli/support/run-cli';

const T0 = Date.parse('2025-11-20T10:00:00.000Z');
const records = [
  { id: 1, timestamp: new Date(T0 + 5).toISOString(), function: 'ValidateOrder', message: JSON.stringify({ level: 'INFO', message: 'Order accepted', orderId: 'o-1' }) },
  { id: 2, timestamp: new Date(T0 + 9).toISOString(), function: 'ProcessPayment', message: 'START RequestId: r-1 Version: $LATEST' },
  { id: 3, timestamp: new Date(T0 + 7).toISOString(), function: 'ProcessPayment', message: JSON.stringify({ level: 'WARN', message: 'Declined', orderId: 'o-2' }) },
];

let server: Server;
let url: string;
const requests: URL[] = [];
let serveLogs = true;

beforeAll(async () => {
  server = createServer((req, res) => {
    const requestUrl = new URL(req.url ?? '/', 'http://local');
    requests.push(requestUrl);
    if (!serveLogs || requestUrl.pathname !== '/_local/logs') {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"not found"}');
      return;
    }
    const since = Number(requestUrl.searchParams.get('since') ?? 0);
    const functions = requestUrl.searchParams.getAll('function');
    const logs = records.filter((r) => Date.parse(r.timestamp) >= since && (functions.length === 0 || functions.includes(r.function)));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ functions: ['ProcessPayment', 'ValidateOrder'], logs }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  requests.length = 0;
  serveLogs = true;
});

test('prints the lines in time order, one per line, with level and order id', async () => {
  const { code, stdout } = await cli(['logs', '--url', url, '--since', '1m'], { now: () => T0 + 30_000 });
  expect(code).toBe(0);
  expect(stdout.trimEnd().split('\n')).toEqual([
    '10:00:00.005  ValidateOrder   INFO   Order accepted  orderId=o-1',
    '10:00:00.007  ProcessPayment  WARN   Declined  orderId=o-2',
    '10:00:00.009  ProcessPayment         START RequestId: r-1 Version: $LATEST',
  ]);
  expect(requests[0]?.searchParams.get('since')).toBe(String(T0 + 30_000 - 60_000));
});

test('--function names a function the way the template or the file does', async () => {
  const { stdout } = await cli(['logs', '--url', url, '--function', 'process-payment', '--since', '1m', '--json'], { now: () => T0 + 30_000 });
  const lines = stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { source: string; timestamp: string });
  expect(lines.map((line) => line.source)).toEqual(['ProcessPayment', 'ProcessPayment']);
  expect(lines[0]?.timestamp).toBe('2025-11-20T10:00:00.007Z');
  expect(requests.at(-1)?.searchParams.getAll('function')).toEqual(['ProcessPayment']);
});

test('a local stack without /_local/logs: a clear error, exit 1', async () => {
  serveLogs = false;
  const { code, stderr } = await cli(['logs', '--url', url]);
  expect(code).toBe(1);
  expect(stderr).toContain('does not serve /_local/logs');
});

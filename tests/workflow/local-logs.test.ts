/**
 * The functions' logs on the local stack (GET /_local/logs, what `orders logs` reads): every line a handler
 * writes during an invocation and the runtime's START/END/REPORT lines, per function, kept in SQLite whether or
 * not the stack is quiet. Orders run through the real workflow; the query parameters are checked one by one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FunctionLogStore } from '../../src/local/emulator/logs/function-log-store';
import { openOrderDatabase } from '../../src/local/orders/schema';
import { logger } from '../../src/observability/powertools';
import { orderBody, startTestStack, type StackClient } from '../support/local-stack';

jest.setTimeout(60_000);

interface LogLine {
  id: number;
  timestamp: number;
  function: string;
  message: string;
}

interface LogsAnswer {
  functions: string[];
  logs: LogLine[];
  truncated?: boolean;
}

const WORKFLOW_FUNCTIONS = ['CreateOrder', 'ValidateOrder', 'ReserveInventory', 'ProcessPayment', 'FulfillOrder', 'Notify'];

let dataDir: string;
let client: StackClient;
let completed: string;
let declined: string;
/** What reached the terminal while the (quiet) stack ran the orders. */
const printed: string[] = [];

const logs = (query = ''): Promise<LogsAnswer> => client.console<LogsAnswer>(`logs${query ? `?${query}` : ''}`);
const parsed = (line: LogLine): Record<string, unknown> | undefined => {
  try {
    return JSON.parse(line.message) as Record<string, unknown>;
  } catch {
    return undefined;
  }
};

beforeAll(async () => {
  // tests/support silences the handlers' Logger for the other tests; these want its lines.
  logger.setLogLevel('INFO');
  dataDir = mkdtempSync(join(tmpdir(), 'local-stack-logs-'));
  const stdout = jest.spyOn(process.stdout, 'write');
  const stderr = jest.spyOn(process.stderr, 'write');
  client = await startTestStack({ dataDir });
  try {
    completed = (await client.createOrder(orderBody({ 'widget-blue': 1 }, 'tok_visa'))).orderId;
    declined = (await client.createOrder(orderBody({ 'widget-blue': 1 }, 'tok_decline_insufficient_funds'))).orderId;
    await client.waitForOrder(completed);
    await client.waitForOrder(declined);
  } finally {
    printed.push(...[...stdout.mock.calls, ...stderr.mock.calls].map(([chunk]) => String(chunk)));
  }
});

afterAll(async () => {
  await client?.stop();
  jest.restoreAllMocks();
  logger.setLogLevel('SILENT');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('GET /_local/logs', () => {
  test('every workflow function logged its own Powertools lines between its START and REPORT lines', async () => {
    const { functions, logs: lines } = await logs();

    expect(functions).toEqual(expect.arrayContaining([...WORKFLOW_FUNCTIONS, 'RefundPayment', 'ReleaseInventory', 'RecordOutcome']));
    expect(functions.every((name) => !name.endsWith('Function'))).toBe(true);
    for (const name of WORKFLOW_FUNCTIONS) {
      const own = lines.filter((line) => line.function === name);
      expect(own.some((line) => line.message.startsWith('START RequestId: '))).toBe(true);
      expect(own.some((line) => line.message.startsWith('END RequestId: '))).toBe(true);
      expect(own.some((line) => /^REPORT RequestId: \S+\tDuration: [\d.]+ ms/.test(line.message))).toBe(true);
    }
    // Powertools' JSON, with the function's own name, between that invocation's START and REPORT.
    const settled = lines.find((line) => line.function === 'ProcessPayment' && parsed(line)?.message === 'Payment message settled' && parsed(line)?.orderId === completed)!;
    expect(parsed(settled)).toMatchObject({ level: 'INFO', function_name: expect.stringContaining('ProcessPayment'), outcome: 'charged' });
    const requestId = parsed(settled)!.function_request_id as string;
    const start = lines.find((line) => line.message === `START RequestId: ${requestId} Version: $LATEST`)!;
    const report = lines.find((line) => line.message.startsWith(`REPORT RequestId: ${requestId}\t`))!;
    expect([start.function, report.function]).toEqual(['ProcessPayment', 'ProcessPayment']);
    expect(start.id).toBeLessThan(settled.id);
    expect(settled.id).toBeLessThan(report.id);
  });

  test('lines come oldest first with stable ids: a second read gives the same ids', async () => {
    const first = await logs();
    const second = await logs();

    const ids = first.logs.map((line) => line.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    expect(second.logs.slice(0, first.logs.length)).toEqual(first.logs);
  });

  test('since is inclusive (epoch milliseconds)', async () => {
    const all = (await logs()).logs;
    const pivot = all[Math.floor(all.length / 2)]!;

    const later = (await logs(`since=${pivot.timestamp}`)).logs;

    expect(later[0]!.timestamp).toBeGreaterThanOrEqual(pivot.timestamp);
    expect(later.map((line) => line.id)).toContain(pivot.id);
    expect(later).toEqual(all.filter((line) => line.timestamp >= pivot.timestamp).slice(0, later.length));
    expect((await logs(`since=${Date.now() + 60_000}`)).logs).toEqual([]);
  });

  test('function picks one or more functions, by short name or logical id', async () => {
    const one = (await logs('function=ProcessPayment')).logs;
    const two = (await logs('function=ReserveInventory&function=FulfillOrderFunction')).logs;

    expect(one.length).toBeGreaterThan(0);
    expect(new Set(one.map((line) => line.function))).toEqual(new Set(['ProcessPayment']));
    expect(new Set(two.map((line) => line.function))).toEqual(new Set(['ReserveInventory', 'FulfillOrder']));
  });

  test('filter keeps the lines containing the text, case-sensitively, as `orders logs --filter` does', async () => {
    const lines = (await logs(`filter=${declined}`)).logs;

    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((line) => line.message.includes(declined))).toBe(true);
    expect(lines.some((line) => parsed(line)?.outcome === 'declined')).toBe(true);
    expect((await logs(`filter=${encodeURIComponent('"level":"WARN"')}&function=RecordOutcome`)).logs.some((line) => line.message.includes(declined))).toBe(true);
    expect((await logs(`filter=${declined.toUpperCase()}`)).logs).toEqual([]);
  });

  test('limit cuts the window from its start; limit=0 answers only the functions', async () => {
    const all = (await logs()).logs;

    const two = await logs('limit=2');
    const none = await logs('limit=0');

    expect(two).toMatchObject({ logs: all.slice(0, 2), truncated: true });
    expect(none.logs).toEqual([]);
    expect(none.functions).toContain('ProcessPayment');
    const bad = await client.request('GET', '/_local/logs?since=yesterday', { key: null });
    expect(bad.status).toBe(400);
  });

  test('no line holds a payment token or an email; a quiet stack printed none of them', async () => {
    const lines = (await logs()).logs;

    expect(lines.length).toBeGreaterThan(50);
    for (const line of lines) {
      expect(line.message).not.toMatch(/tok_[a-z]+/);
      expect(line.message).not.toMatch(/[^\s@"]+@[^\s@"]+\.[^\s@"]+/);
    }
    expect(printed.filter((chunk) => chunk.includes(completed) || chunk.includes('RequestId:'))).toEqual([]);
  });

  test('the logs survive a restart with the same ids', async () => {
    const before = (await logs(`filter=${completed}`)).logs;
    await client.stop();
    client = await startTestStack({ dataDir });

    expect((await logs(`filter=${completed}`)).logs).toEqual(before);
  });
});

describe('FunctionLogStore', () => {
  test('keeps the newest lines only, pruning in chunks; ids keep growing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'function-logs-'));
    const db = openOrderDatabase(dir);
    try {
      const store = new FunctionLogStore(db, 100);
      for (let i = 1; i <= 1_250; i++) store.append('Notify', `line ${i}`, i);
      store.flush();

      const kept = store.query({ limit: 10_000 });

      expect(kept).toHaveLength(100);
      expect(kept[0]).toEqual({ id: 1_151, timestamp: 1_151, function: 'Notify', message: 'line 1151' });
      expect(kept.at(-1)?.id).toBe(1_250);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

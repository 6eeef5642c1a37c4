/**
 * The dashboard and `orders report` over the same real runs, and what each reads: `orders report` fetches the
 * histories of its window in batches (POST /_local/histories) and gives the same report as one request per
 * history; the dashboard's report equals `orders report --json`, keeps the part of each finished history the report
 * reads in the stack's SQLite file, and after a restart answers from it without reading a single history again.
 */
import './support/quiet-env';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildReport, type Report } from '../../src/cli/core/report';
import type { ExecutionHistory } from '../../src/cli/core/history';
import { LocalSource } from '../../src/cli/sources/local-source';
import { silentProgress } from '../../src/shared/progress';
import { startLocalStack, type LocalStack } from '../../src/local/stack';
import type { DashboardData } from '../../src/console/shared/api';
import { sampleOrder } from './support/local-run';
import { cliJson } from './support/run-cli';

jest.setTimeout(60_000);

let dataDir: string;
let stack: LocalStack;

const start = (): Promise<LocalStack> => startLocalStack({ port: 0, dataDir, timeScale: 0.01, quiet: true });

const waitForEnd = async (orderId: string): Promise<void> => {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const response = await fetch(`${stack.url}/_local/executions/${orderId}`);
    if (response.ok && ((await response.json()) as { status: string }).status !== 'RUNNING') return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${orderId} did not end`);
};

/** What does not depend on who computed the report or when. */
const figures = ({ source: _source, window: _window, ...rest }: Report) => rest;

const dashboard = async (): Promise<Report> => {
  const response = await fetch(`${stack.url}/console/api/report?since=1h`);
  expect(response.status).toBe(200);
  return ((await response.json()) as DashboardData).report;
};

/** A fetch that counts the requests LocalSource makes, and can answer 404 for the batch endpoint (an older stack). */
const countingFetch = (options: { withoutBatch?: boolean } = {}) => {
  const paths: string[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    paths.push(`${init?.method ?? 'GET'} ${url.pathname}`);
    if (options.withoutBatch && url.pathname === '/_local/histories') return new Response('{"message":"not found"}', { status: 404 });
    return fetch(input, init);
  };
  return { paths, fetchImpl };
};

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'report-facts-'));
  stack = await start();
  for (const file of ['create-order.json', 'create-order-rejected.json', 'create-order-out-of-stock.json', 'create-order-declined.json']) {
    const response = await fetch(`${stack.url}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': stack.apiKey },
      body: JSON.stringify(sampleOrder(file)),
    });
    const { orderId } = (await response.json()) as { orderId: string };
    await waitForEnd(orderId);
  }
});

afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('orders report on a local stack', () => {
  test('reads the histories in one batch request, and they equal those read one by one', async () => {
    const { paths, fetchImpl } = countingFetch();
    const source = new LocalSource({ url: stack.url, fetch: fetchImpl });
    const executions = await source.listExecutions({}, silentProgress);
    expect(executions).toHaveLength(4);
    const batched = await source.histories(executions, silentProgress);
    expect(paths.filter((p) => p.startsWith('POST /_local/histories'))).toHaveLength(1);
    expect(paths.filter((p) => p.startsWith('GET /_local/executions/'))).toHaveLength(0);
    const oneByOne: ExecutionHistory[] = [];
    for (const e of executions) oneByOne.push(await source.history(e.executionArn));
    expect(batched).toEqual(oneByOne);
  });

  test('lists every execution however small the stack\'s pages, paging on from the last one seen', async () => {
    const everything = await new LocalSource({ url: stack.url }).listExecutions({}, silentProgress);
    for (const pageSize of [1, 2, 3]) {
      const { paths, fetchImpl } = countingFetch();
      const paged = await new LocalSource({ url: stack.url, fetch: fetchImpl, pageSize }).listExecutions({}, silentProgress);
      expect(paged).toEqual(everything);
      expect(paths.filter((p) => p === 'GET /_local/executions').length).toBeGreaterThan(1);
    }
  });

  test('refuses a page position it cannot read, naming the parameters', async () => {
    const response = await fetch(`${stack.url}/_local/executions?afterStartDate=yesterday`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ field: 'afterStartDate' }, { field: 'afterExecutionArn' }] });
  });

  test('a stack without the batch endpoint is read one history at a time, to the same report', async () => {
    const { paths, fetchImpl } = countingFetch({ withoutBatch: true });
    const source = new LocalSource({ url: stack.url, fetch: fetchImpl });
    const executions = await source.listExecutions({}, silentProgress);
    const histories = await source.histories(executions, silentProgress);
    expect(paths.filter((p) => p.startsWith('GET /_local/executions/'))).toHaveLength(4);
    const extras = { source: 'x', until: Date.now() };
    const fromCli = await cliJson<Report>(['report', '--url', stack.url, '--since', '1h']);
    expect(figures(buildReport(histories, extras))).toEqual({ ...figures(fromCli), dlq: [], cloudWatch: [] });
  });

  test('POST /_local/histories refuses a bad body with the field named, and leaves out unknown executions', async () => {
    const post = (body: unknown) =>
      fetch(`${stack.url}/_local/histories`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const bad = await post({ executionArns: 'nope' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('executionArns');
    expect((await post({ executionArns: Array.from({ length: 501 }, (_, i) => `arn-${i}`) })).status).toBe(400);
    const unknown = await post({ executionArns: ['arn:aws:states:local:000000000000:execution:none:none'] });
    expect(await unknown.json()).toEqual({ histories: [] });
    expect((await fetch(`${stack.url}/_local/histories`)).status).toBe(405);
  });
});

describe('the dashboard', () => {
  test('equals orders report --json, and still does after a restart that reads no history', async () => {
    const fromCli = await cliJson<Report>(['report', '--url', stack.url, '--since', '1h']);
    const first = await dashboard();
    expect(figures(first)).toEqual(figures(fromCli));
    expect(first.executions.total).toBe(4);
    expect(first.failures.groups.map((g) => g.state).sort()).toEqual(['ProcessPayment', 'ReserveInventory', 'ValidateOrder']);

    await stack.stop();
    stack = await start();
    const facts = stack.services.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM console_report_facts');
    expect(facts?.n).toBe(4);
    // Without the histories' events the figures can only come from the kept facts.
    stack.services.db.run('DELETE FROM execution_events');
    expect(figures(await dashboard())).toEqual(figures(fromCli));
  });
});

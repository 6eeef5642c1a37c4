/**
 * `npm run bench:console`: the console with 10,000 executions in a local stack's store. Seeds them (copies of real
 * runs of each outcome, spread over the last 23 hours), then prints and writes to bench/results/console.json:
 * p95 of the executions view's endpoint (unfiltered, and with each filter) and of the dashboard's (recomputed, and
 * unchanged data), the dashboard's first load after a restart (cold: its figures from the stored report facts) and
 * the one-time backfill of those facts on a store that has none, `orders report`'s time over HTTP (histories in
 * batches, and one request per history as before), the graph's draw time after its data arrives (measured in Chromium), and the console's asset
 * size gzipped. Figures, not assertions: nothing here fails on a slow machine.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { median, percentile } from '../src/shared/stats';
import { startLocalStack } from '../src/local/stack';
import { buildReport } from '../src/cli/core/report';
import { LocalSource } from '../src/cli/sources/local-source';
import { silentProgress } from '../src/shared/progress';
import { buildConsole, launchBrowser, ROOT } from '../tests/browser/support/browser';

const EXECUTIONS = Number(process.env.BENCH_EXECUTIONS ?? 10_000);
const SAMPLES = 40;
const GRAPH_SAMPLES = 15;
const HOURS = 23;
/** Restarts of the stack, each followed by one dashboard load. */
const COLD_SAMPLES = 5;

interface Row {
  [column: string]: string | number | null;
}

const p95 = (values: number[]): number => Math.round(percentile(values, 95) * 10) / 10;

const time = async (url: string): Promise<number> => {
  const started = performance.now();
  const response = await fetch(url);
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return performance.now() - started;
};

const sample = async (url: (i: number) => string, n = SAMPLES): Promise<number> => {
  await time(url(-1));
  const times: number[] = [];
  for (let i = 0; i < n; i += 1) times.push(await time(url(i)));
  return p95(times);
};

const main = async (): Promise<void> => {
  buildConsole();
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-console-'));
  let stack = await startLocalStack({ port: 0, timeScale: 0.01, quiet: true, dataDir, apiKey: 'bench' });
  try {
    const { db } = stack.services;
    const place = async (body: Record<string, unknown>): Promise<string> => {
      const response = await fetch(`${stack.url}/orders`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': 'bench' }, body: JSON.stringify(body) });
      return ((await response.json()) as { orderId: string }).orderId;
    };
    const base = { customerId: 'bench', customerEmail: 'bench@example.com', currency: 'USD', payment: { method: 'card', token: 'tok_visa' } };
    const templates = await Promise.all([
      place({ ...base, items: [{ productId: 'widget-blue', quantity: 1, unitPrice: 19.99 }], amount: 19.99 }),
      place({ ...base, items: [{ productId: 'widget-blue', quantity: 1, unitPrice: 19.99 }], amount: 1 }),
      place({ ...base, items: [{ productId: 'sold-out-lamp', quantity: 1, unitPrice: 59 }], amount: 59 }),
      place({ ...base, items: [{ productId: 'cable-usb-c', quantity: 1, unitPrice: 9.99 }], amount: 9.99, payment: { method: 'card', token: 'tok_decline_insufficient_funds' } }),
    ]);
    for (;;) {
      const running = db.get<{ n: number }>("SELECT COUNT(*) AS n FROM executions WHERE status = 'RUNNING'")?.n ?? 0;
      if (running === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    stack.services.executions.flush();
    const copies = templates.map((orderId) => ({
      orderId,
      execution: db.get<Row>('SELECT * FROM executions WHERE name = $id', { id: orderId }) as Row,
      events: db.all<Row>('SELECT * FROM execution_events WHERE execution_arn = (SELECT execution_arn FROM executions WHERE name = $id) ORDER BY seq', { id: orderId }),
      order: db.get<Row>('SELECT * FROM orders WHERE order_id = $id', { id: orderId }) as Row,
    }));
    const now = Date.now();
    const seeded: string[] = [];
    const seedStarted = performance.now();
    db.transaction(() => {
      for (let i = 0; i < EXECUTIONS; i += 1) {
        const t = copies[i % copies.length]!;
        const id = randomUUID();
        const swap = (text: string | number | null | undefined): string | number | null => (typeof text === 'string' ? text.split(t.orderId).join(id) : (text ?? null));
        const start = Date.parse(String(t.execution.start_date));
        const offset = now - Math.floor(Math.random() * HOURS * 3_600_000) - start;
        const shift = (iso: string | number | null | undefined): string | null => (iso === null || iso === undefined ? null : new Date(Date.parse(String(iso)) + offset).toISOString());
        const arn = String(swap(t.execution.execution_arn));
        db.run(
          `INSERT INTO executions (execution_arn, name, state_machine_arn, status, input, output, error, cause, start_date, stop_date)
           VALUES ($arn, $name, $sm, $status, $input, $output, $error, $cause, $start, $stop)`,
          { arn, name: id, sm: t.execution.state_machine_arn ?? null, status: t.execution.status ?? null, input: swap(t.execution.input), output: swap(t.execution.output), error: t.execution.error ?? null, cause: swap(t.execution.cause), start: shift(t.execution.start_date), stop: shift(t.execution.stop_date) },
        );
        for (const e of t.events) {
          db.run('INSERT INTO execution_events (execution_arn, timestamp, type, state_name, details) VALUES ($arn, $ts, $type, $state, $details)', {
            arn,
            ts: Number(e.timestamp) + offset,
            type: e.type ?? null,
            state: e.state_name ?? null,
            details: swap(e.details),
          });
        }
        db.run('INSERT INTO orders (order_id, status, created_at, item) VALUES ($id, $status, $created, $item)', { id, status: t.order.status ?? null, created: shift(t.order.created_at), item: swap(t.order.item) });
        seeded.push(id);
      }
    });
    const seedMs = Math.round(performance.now() - seedStarted);
    const events = db.get<{ n: number }>('SELECT COUNT(*) AS n FROM execution_events')?.n ?? 0;
    console.error(`seeded ${EXECUTIONS} executions (${events} history events) in ${seedMs} ms`);

    const api = `${stack.url}/console/api`;
    const someId = seeded[Math.floor(seeded.length / 2)] ?? '';
    const executionsP95 = {
      newest: await sample(() => `${api}/executions?limit=50`),
      byStatus: await sample(() => `${api}/executions?limit=50&status=REJECTED`),
      byFailedStateAndError: await sample(() => `${api}/executions?limit=50&failedState=ReserveInventory&error=OutOfStockError`),
      byOrderId: await sample(() => `${api}/executions?limit=50&q=${someId.slice(0, 8)}`),
      timeRange: await sample(() => `${api}/executions?limit=50&from=${new Date(now - 6 * 3_600_000).toISOString()}&to=${new Date(now - 3_600_000).toISOString()}`),
    };
    const until = Date.now() + 60_000;
    // The seeded store has no report facts yet: the first dashboard reads every history of the window once and
    // writes its facts (what a store from before the facts table gets once, and never again).
    const dashboardFactsBackfillMs = Math.round(await time(`${api}/report?since=24h&until=${until + 1}`));
    const dashboardP95 = {
      // A different `until` each time: the report and series are recomputed from the 10,000 stored facts.
      recomputed: await sample((i) => `${api}/report?since=24h&until=${until + i + 2}`, 10),
      // What a page reload gets while nothing changed (the report is reused until an execution changes).
      unchanged: await sample(() => `${api}/report?since=24h&until=${until}`),
    };
    // Cold: the first dashboard after a restart of the stack on the same store (nothing in memory).
    const coldTimes: number[] = [];
    for (let i = 0; i < COLD_SAMPLES; i += 1) {
      await stack.stop();
      stack = await startLocalStack({ port: 0, timeScale: 0.01, quiet: true, dataDir, apiKey: 'bench' });
      coldTimes.push(await time(`${stack.url}/console/api/report?since=24h&until=${until + 100 + i}`));
    }
    const dashboardColdMs = { p50: Math.round(median(coldTimes) * 10) / 10, p95: p95(coldTimes), samples: coldTimes.length };
    console.error(`dashboard: facts backfill ${dashboardFactsBackfillMs} ms, cold after restart p95 ${dashboardColdMs.p95} ms`);
    const orderPageP95 = await sample(() => `${stack.url}/console/api/orders/${someId}`);

    // `orders report` over HTTP (what the command does, in this process): histories in batches, and as a stack
    // without POST /_local/histories would be read, one request per history.
    const ordersReport = async (withoutBatch: boolean): Promise<number> => {
      const fetchImpl: typeof fetch = async (input, init) =>
        withoutBatch && new URL(String(input)).pathname === '/_local/histories' ? new Response('{}', { status: 404 }) : fetch(input, init);
      const started = performance.now();
      const source = new LocalSource({ url: stack.url, fetch: fetchImpl });
      const since = Date.now() - 24 * 3_600_000;
      const listed = await source.listExecutions({ since }, silentProgress);
      buildReport(await source.histories(listed, silentProgress), { source: source.description, since, until: Date.now(), dlq: await source.dlqDepths() });
      return Math.round(performance.now() - started);
    };
    const ordersReportMs = { batched: await ordersReport(false), oneRequestPerHistory: await ordersReport(true) };
    console.error(`orders report: batched ${ordersReportMs.batched} ms, one request per history ${ordersReportMs.oneRequestPerHistory} ms`);

    const browser = await launchBrowser();
    const drawTimes: number[] = [];
    try {
      const page = await browser.newPage();
      for (let i = 0; i < GRAPH_SAMPLES + 1; i += 1) {
        await page.goto(`${stack.url}/console/orders/${seeded[i * 7] ?? someId}`);
        await page.waitForFunction(() => performance.getEntriesByName('console:graph-drawn').length > 0, undefined, { timeout: 30_000 });
        const ms = await page.evaluate(() => {
          const drawn = performance.getEntriesByName('console:graph-drawn')[0]?.startTime ?? 0;
          const arrived = performance.getEntriesByName('console:data-arrived').map((e) => e.startTime).filter((t) => t <= drawn);
          return drawn - Math.max(...arrived);
        });
        if (i > 0) drawTimes.push(ms);
      }
    } finally {
      await browser.close();
    }
    const assets = ['app.js', 'app.css'].map((file) => {
      const content = readFileSync(join(ROOT, 'dist', 'console', file));
      return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
    });
    const results = {
      measuredAt: new Date().toISOString(),
      machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
      executions: EXECUTIONS,
      historyEvents: events,
      p95Ms: { executionsView: executionsP95, dashboard: dashboardP95, orderPage: orderPageP95 },
      dashboardColdMs,
      dashboardFactsBackfillMs,
      ordersReportMs,
      graphDrawMs: { p50: Math.round(median(drawTimes) * 10) / 10, p95: p95(drawTimes), samples: drawTimes.length },
      assets: { files: assets, gzipTotalKB: Math.round((assets.reduce((s, a) => s + a.gzipBytes, 0) / 1024) * 10) / 10, targetKB: 250 },
      targets: { endpointsP95Ms: 300, graphDrawMs: 200 },
    };
    mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench', 'results', 'console.json'), `${JSON.stringify(results, null, 2)}\n`);
    console.log(JSON.stringify(results, null, 2));
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

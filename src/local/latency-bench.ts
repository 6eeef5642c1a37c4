/**
 * Time from POST /orders to COMPLETED on the local stack: starts it in-process (temporary data directory,
 * any free port, quiet), sends orders one after another with tok_visa, polls each until COMPLETED, and prints
 * the median and the spread. Usage (after `node scripts/build.mjs --local`):
 *   LOCAL_TIME_SCALE=0.01 node dist/local/latency-bench.mjs [--orders 100]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findProjectRoot } from './config';

const POLL_MS = 2;

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

const main = async (): Promise<void> => {
  const flag = process.argv.indexOf('--orders');
  const count = flag > 0 ? Number(process.argv[flag + 1]) : 100;
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  const { startLocalStack } = await import('./stack');
  const root = findProjectRoot();
  const dataDir = mkdtempSync(join(tmpdir(), 'local-latency-'));
  const stack = await startLocalStack({ port: 0, dataDir, quiet: true, projectRoot: root });
  const event = JSON.parse(readFileSync(join(root, 'events', 'create-order.json'), 'utf8')) as { body: string };
  const headers = { 'content-type': 'application/json', 'x-api-key': stack.apiKey };
  const durations: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      const created = (await (await fetch(`${stack.url}/orders`, { method: 'POST', headers, body: event.body })).json()) as { orderId: string };
      for (;;) {
        const order = (await (await fetch(`${stack.url}/orders/${created.orderId}`, { headers })).json()) as { status: string };
        if (order.status === 'COMPLETED') break;
        if (order.status === 'FAILED' || order.status === 'REJECTED') throw new Error(`Order ${created.orderId} ended ${order.status}`);
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
      durations.push(performance.now() - started);
    }
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const sorted = [...durations].sort((a, b) => a - b);
  const ms = (n: number): string => `${n.toFixed(1)} ms`;
  process.stdout.write(
    `POST /orders → COMPLETED, ${count} orders one after another, LOCAL_TIME_SCALE=${stack.services.timeScale}: ` +
      `median ${ms(percentile(sorted, 50))}, p90 ${ms(percentile(sorted, 90))}, min ${ms(sorted[0] ?? NaN)}, max ${ms(sorted.at(-1) ?? NaN)}\n`,
  );
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

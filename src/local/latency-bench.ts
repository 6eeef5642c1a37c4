/**
 * Time from POST /orders to COMPLETED on the local stack: starts it in-process (temporary data directory,
 * any free port, quiet), sends orders one after another with tok_visa, polls each until COMPLETED, and prints
 * the median and the spread. Usage (after `node scripts/build.mjs --local`):
 *   LOCAL_TIME_SCALE=0.01 node dist/local/latency-bench.mjs [--orders 100]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { findProjectRoot } from './config';

const POLL_MS = 2;

const main = async (): Promise<void> => {
  const flag = process.argv.indexOf('--orders');
  const count = flag > 0 ? Number(process.argv[flag + 1]) : 100;
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  const { startLocalStack } = await import('./stack');
  const root = findProjectRoot();
  const dataDir = mkdtempSync(join(tmpdir(), 'local-latency-'));
  const stack = await startLocalStack({ port: 0, dataDir, quiet: true, projectRoot: root });
  const { body } = JSON.parse(readFileSync(join(root, 'events', 'create-order.json'), 'utf8')) as { body: string };
  const call = async <T>(path: string, init: RequestInit = {}): Promise<T> =>
    (await (await fetch(`${stack.url}${path}`, { ...init, headers: { 'content-type': 'application/json', 'x-api-key': stack.apiKey } })).json()) as T;
  const durations: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      const { orderId } = await call<{ orderId: string }>('/orders', { method: 'POST', body });
      for (;;) {
        const { status } = await call<{ status: string }>(`/orders/${orderId}`);
        if (status === 'COMPLETED') break;
        if (status === 'FAILED' || status === 'REJECTED') throw new Error(`Order ${orderId} ended ${status}`);
        await sleep(POLL_MS);
      }
      durations.push(performance.now() - started);
    }
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const sorted = durations.sort((a, b) => a - b);
  const ms = (p: number): string => `${(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN).toFixed(1)} ms`;
  process.stdout.write(
    `POST /orders → COMPLETED, ${count} orders one after another, LOCAL_TIME_SCALE=${stack.services.timeScale}: ` +
      `median ${ms(50)}, p90 ${ms(90)}, min ${ms(0)}, max ${ms(100)}\n`,
  );
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

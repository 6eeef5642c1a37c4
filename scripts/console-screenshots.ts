/**
 * `npm run console:screenshots`: PNGs of the console for the docs — the workflow graph, an order page (a payment
 * declined after stock was reserved: the compensation path) and the dashboard — written to docs/images/. Starts
 * its own local stack in a temporary directory and drives a few orders of each outcome first.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalStack } from '../src/local/stack';
import { buildConsole, launchBrowser, ROOT } from '../tests/browser/support/browser';

const KEY = 'screenshots';

const main = async (): Promise<void> => {
  buildConsole();
  const dataDir = mkdtempSync(join(tmpdir(), 'console-screenshots-'));
  const stack = await startLocalStack({ port: 0, timeScale: 0.01, quiet: true, dataDir, apiKey: KEY });
  const out = join(ROOT, 'docs', 'images');
  mkdirSync(out, { recursive: true });
  try {
    const place = async (productId: string, unitPrice: number, token = 'tok_visa', amount?: number): Promise<string> => {
      const body = { customerId: 'cust-docs', customerEmail: 'docs@example.com', currency: 'USD', items: [{ productId, quantity: 1, unitPrice }], amount: amount ?? unitPrice, payment: { method: 'card', token } };
      const response = await fetch(`${stack.url}/orders`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': KEY }, body: JSON.stringify(body) });
      return ((await response.json()) as { orderId: string }).orderId;
    };
    const orders: Promise<string>[] = [];
    for (let i = 0; i < 12; i += 1) orders.push(place('widget-blue', 19.99));
    orders.push(place('widget-red', 24.5, 'tok_visa', 1), place('sold-out-lamp', 59), place('cable-usb-c', 9.99, 'tok_error_transient'), place('gadget-pro', 149, 'tok_timeout'));
    const declined = await place('gadget-pro', 149, 'tok_decline_insufficient_funds');
    await Promise.all(orders);
    for (;;) {
      const running = stack.services.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM executions WHERE status = 'RUNNING'")?.n ?? 0;
      if (running === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const shoot = async (path: string, file: string, ready: string, selector?: string): Promise<void> => {
        await page.goto(`${stack.url}${path}`);
        await page.locator(ready).first().waitFor({ timeout: 30_000 });
        await page.waitForTimeout(300);
        const target = selector ? page.locator(selector).first() : page;
        await target.screenshot({ path: join(out, file), ...(selector ? {} : { fullPage: false }) });
        console.log(`wrote docs/images/${file}`);
      };
      await shoot('/console/', 'console-graph.png', '[data-graph] [data-state]', 'section.machine');
      await shoot(`/console/orders/${declined}`, 'console-order.png', '[data-failure-point="true"]');
      await shoot('/console/dashboard', 'console-dashboard.png', '.chart canvas');
    } finally {
      await browser.close();
    }
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

/**
 * The web console in a real browser (system Chromium through playwright-core) against a local stack started
 * here: the graph has every state of both ASL files; each outcome shows its path and failed state; a running
 * execution changes colour without a reload; the dashboard shows what `orders report --json` says; the order
 * form places an order that completes on screen; hostile text stays text; a cross-origin POST is refused; no
 * console errors; no serious accessibility violations.
 */
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Report } from '../../src/cli/core/report';
import { duration, percent } from '../../src/console/app/format';
import { cliJson } from '../cli/support/run-cli';
import { orderBody, startTestStack, type StackClient } from '../support/local-stack';
import { buildConsole, describeInBrowser, launchBrowser, ROOT, type Browser } from './support/browser';

/** Slow enough that the payment heartbeat does not lapse while a test holds the consumer paused. */
const TIME_SCALE = 0.05;
const UI_TIMEOUT = 15_000;

const stateNames = (file: string): string[] => {
  const names: string[] = [];
  const walk = (states: Record<string, { Branches?: { States: Record<string, never> }[] }>): void => {
    for (const [name, state] of Object.entries(states)) {
      names.push(name);
      for (const branch of state.Branches ?? []) walk(branch.States);
    }
  };
  walk((JSON.parse(readFileSync(join(ROOT, 'statemachine', file), 'utf8')) as { States: Record<string, never> }).States);
  return names;
};

describeInBrowser('web console in Chromium', () => {
  let c: StackClient;
  let browser: Browser;
  let page: Page;
  let paymentQueue: string;

  const open = async (path: string): Promise<void> => {
    await page.goto(`${c.url}${path}`);
    await page.locator('#content main').waitFor({ timeout: UI_TIMEOUT });
  };
  const stateOf = (name: string) => page.locator(`[data-state="${name}"]`);
  const expectStatus = async (state: string, status: string): Promise<void> => {
    await stateOf(state).and(page.locator(`[data-status="${status}"]`)).waitFor({ timeout: UI_TIMEOUT });
  };
  const taken = async (from: string, to: string): Promise<string | null> => page.locator(`.edge[data-from="${from}"][data-to="${to}"]`).first().getAttribute('data-taken');

  beforeAll(async () => {
    buildConsole();
    c = await startTestStack({ timeScale: TIME_SCALE });
    browser = await launchBrowser();
    page = await browser.newPage();
    const queues = await c.console<{ name: string; deadLetterQueue?: string }[]>('queues');
    paymentQueue = queues.find((q) => q.deadLetterQueue !== undefined)?.name ?? '';
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await c?.stop();
  });

  test('every state of both ASL files appears in the graph, with its type', async () => {
    await open('/console/');
    const meta = await c.request<{ stateMachines: { name: string; definition: { States: Record<string, unknown> } }[] }>('GET', '/console/api/meta', { key: null });
    const order = meta.body.stateMachines.find((m) => 'ValidateOrder' in m.definition.States);
    const quote = meta.body.stateMachines.find((m) => 'QuoteCart' in m.definition.States);
    for (const [machine, file] of [
      [order, 'order.asl.json'],
      [quote, 'quote.asl.json'],
    ] as const) {
      expect(machine).toBeDefined();
      const graph = page.locator(`[data-graph="${machine?.name}"]`);
      const drawn = await graph.locator('[data-state]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-state')));
      expect(drawn.sort()).toEqual(stateNames(file).sort());
    }
    // Parallel branches are groups; Choice rules carry their condition; Catch edges are marked.
    expect(await page.locator('[data-group="ProcessInParallel#1"]').count()).toBe(1);
    expect(await page.locator('.edge[data-kind="choice"][data-from="IsOrderValid"] text').first().textContent()).toContain('$.validation.valid');
    expect(await page.locator('.edge[data-kind="catch"][data-from="ProcessPayment"]').count()).toBe(2);
    expect(await stateOf('ProcessInParallel').getAttribute('data-type')).toBe('Parallel');
  });

  test('COMPLETED, REJECTED, out-of-stock FAILED and payment-timeout FAILED orders show their path and failed state', async () => {
    const completed = await c.createOrder(orderBody({ 'widget-blue': 2 }));
    const rejected = await c.createOrder(orderBody({ 'widget-red': 1 }, 'tok_visa', { amount: 1 }));
    const outOfStock = await c.createOrder(orderBody({ 'sold-out-lamp': 1 }));
    const timedOut = await c.createOrder(orderBody({ 'gadget-pro': 1 }, 'tok_timeout'));
    for (const { orderId } of [completed, rejected, outOfStock, timedOut]) await c.waitForOrder(orderId);

    await open(`/console/orders/${completed.orderId}`);
    await expectStatus('OrderCompleted', 'succeeded');
    expect(await page.getByTestId('order-status').textContent()).toBe('COMPLETED');
    for (const state of ['ValidateOrder', 'ProcessInParallel', 'ReserveInventory', 'ProcessPayment', 'FulfillOrder', 'NotifyCompletion']) {
      expect(await stateOf(state).getAttribute('data-status')).toBe('succeeded');
    }
    expect(await stateOf('Compensate').getAttribute('data-status')).toBe('not-run');
    expect(await taken('IsOrderValid', 'ProcessInParallel')).toBe('true');
    expect(await taken('FulfillOrder', 'NotifyCompletion')).toBe('true');
    expect(await taken('IsOrderValid', 'RecordRejection')).toBe('false');
    expect(await page.getByTestId('failure-point').count()).toBe(0);

    await open(`/console/orders/${rejected.orderId}`);
    await expectStatus('RecordRejection', 'succeeded');
    expect(await page.getByTestId('order-status').textContent()).toBe('REJECTED');
    expect(await taken('IsOrderValid', 'RecordRejection')).toBe('true');
    expect(await stateOf('ProcessInParallel').getAttribute('data-status')).toBe('not-run');
    expect(await stateOf('ProcessPayment').getAttribute('data-status')).toBe('not-run');

    await open(`/console/orders/${outOfStock.orderId}`);
    await page.locator('[data-failure-point="true"]').waitFor({ timeout: UI_TIMEOUT });
    expect(await page.getByTestId('order-status').textContent()).toBe('FAILED');
    expect(await page.locator('[data-failure-point="true"]').getAttribute('data-state')).toBe('ReserveInventory');
    expect(await page.getByTestId('failure-point').textContent()).toContain('OutOfStockError');
    expect(await stateOf('ReserveInventory').getAttribute('data-status')).toBe('caught');
    expect(await taken('ReserveInventory', 'ReserveInventoryFailed')).toBe('true');
    expect(await taken('ProcessInParallel', 'Compensate')).toBe('true');
    expect(await stateOf('FulfillOrder').getAttribute('data-status')).toBe('not-run');
    // The failed state's details are open: its error, and its attempts.
    expect(await page.locator('.state-details').textContent()).toContain('OutOfStockError');

    await open(`/console/orders/${timedOut.orderId}`);
    await page.locator('[data-failure-point="true"]').waitFor({ timeout: UI_TIMEOUT });
    expect(await page.locator('[data-failure-point="true"]').getAttribute('data-state')).toBe('ProcessPayment');
    expect(await page.getByTestId('failure-point').textContent()).toContain('PaymentTimeoutError');
    expect(await taken('ProcessPayment', 'PaymentTimedOut')).toBe('true');
    expect(await taken('ProcessPayment', 'ProcessPaymentFailed')).toBe('false');
    expect(await stateOf('RecordFailure').getAttribute('data-status')).toBe('succeeded');
    expect(await stateOf('OrderCompleted').getAttribute('data-status')).toBe('not-run');
  }, 90_000);

  test('a running execution changes colour without a reload', async () => {
    await c.console(`queues/${encodeURIComponent(paymentQueue)}/pause`, 'POST');
    let resumed = false;
    try {
      const { orderId } = await c.createOrder(orderBody({ 'cable-usb-c': 1 }));
      await open(`/console/orders/${orderId}`);
      await expectStatus('ProcessPayment', 'running');
      await page.evaluate(() => ((globalThis as unknown as { notReloaded: boolean }).notReloaded = true));
      await c.console(`queues/${encodeURIComponent(paymentQueue)}/resume`, 'POST');
      resumed = true;
      await expectStatus('ProcessPayment', 'succeeded');
      await expectStatus('OrderCompleted', 'succeeded');
      expect(await page.evaluate(() => (globalThis as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    } finally {
      if (!resumed) await c.console(`queues/${encodeURIComponent(paymentQueue)}/resume`, 'POST');
    }
  }, 60_000);

  test('the order form places an order that reaches COMPLETED on screen', async () => {
    await open('/console/actions');
    await page.getByLabel('Quantity of Blue widget').fill('0');
    await page.getByLabel('Quantity of USB-C cable').fill('3');
    await page.getByLabel('Payment token').selectOption('tok_visa');
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.waitForURL(/\/console\/orders\/[^/]+$/, { timeout: UI_TIMEOUT });
    await page.getByTestId('order-status').filter({ hasText: 'COMPLETED' }).waitFor({ timeout: 30_000 });
    const orderId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
    const stored = await c.request<{ status: string; items: { productId: string; quantity: number }[] }>('GET', `/orders/${orderId}`);
    expect(stored.body).toMatchObject({ status: 'COMPLETED', items: [{ productId: 'cable-usb-c', quantity: 3 }] });
    // Back returns to the form: deep links and history work.
    await page.goBack();
    await page.getByRole('heading', { name: 'Actions' }).waitFor({ timeout: UI_TIMEOUT });
  }, 60_000);

  test('invoking a function with a sample event from events/ shows its answer and log lines', async () => {
    await open('/console/actions');
    await page.getByRole('button', { name: 'Invoke a function with a sample event' }).click();
    const sample = page.getByLabel('Sample event');
    await sample.locator('option', { hasText: 'validate-order.json' }).waitFor({ state: 'attached', timeout: UI_TIMEOUT });
    await sample.selectOption('validate-order.json');
    expect(await page.locator('select[name="function"]').inputValue()).toBe('ValidateOrderFunction');
    await page.getByRole('button', { name: 'Invoke', exact: true }).click();
    const result = page.locator('.invoke-result');
    await result.waitFor({ timeout: UI_TIMEOUT });
    expect(await result.textContent()).toContain('ValidateOrderFunction answered in');
    // The sample names an order this stack does not have: the function's error is shown, with its log lines.
    expect(await result.locator('.error-text').textContent()).toMatch(/^OrderNotFoundError: Order .+ not found$/);
    expect(await result.locator('.logs li').first().textContent()).toMatch(/^START RequestId: /);
  }, 60_000);

  test('the DLQ redrive and the consumer pause/resume buttons act on the stack', async () => {
    await open('/console/actions');
    const row = page.locator(`tr[data-queue="${paymentQueue}"]`);
    await row.getByRole('button', { name: 'Pause consumer' }).click();
    await row.getByTestId('consumer-state').filter({ hasText: 'paused' }).waitFor({ timeout: UI_TIMEOUT });
    const paused = await c.console<{ name: string; consumers: { paused: boolean }[] }[]>('queues');
    expect(paused.find((q) => q.name === paymentQueue)?.consumers.every((p) => p.paused)).toBe(true);
    await row.getByRole('button', { name: 'Resume consumer' }).click();
    await row.getByTestId('consumer-state').filter({ hasText: 'running' }).waitFor({ timeout: UI_TIMEOUT });
    await row.getByRole('button', { name: 'Redrive DLQ' }).click();
    await page.getByRole('status').filter({ hasText: /^Moved \d+ message\(s\) from the DLQ back to / }).waitFor({ timeout: UI_TIMEOUT });
  }, 60_000);

  test('a hostile string in an order field renders as text', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    const { orderId } = await c.createOrder(
      orderBody({ 'widget-blue': 1 }, 'tok_visa', { shippingAddress: { line1: hostile, city: 'Paris', postalCode: '75001', country: 'FR' }, notes: hostile }),
    );
    await c.waitForOrder(orderId);
    await open(`/console/orders/${orderId}`);
    await page.getByTestId('notes').waitFor({ timeout: UI_TIMEOUT });
    expect(await page.getByTestId('notes').textContent()).toBe(hostile);
    expect(await page.getByTestId('ship-to').textContent()).toContain(hostile);
    expect(await page.locator('#content img').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  }, 60_000);

  test("the dashboard shows the numbers of `orders report --json` for the same data", async () => {
    const report = await cliJson<Report>(['report', '--url', c.url, '--since', '24h']);
    await open('/console/dashboard');
    const figure = (id: string) => page.locator(`[data-figure="${id}"]`).textContent();
    await page.locator('[data-figure="total"]').waitFor({ timeout: UI_TIMEOUT });
    expect(report.executions.total).toBeGreaterThan(5);
    expect(await figure('total')).toBe(String(report.executions.total));
    expect(await figure('finished')).toBe(String(report.executions.finished));
    expect(await figure('successRate')).toBe(percent(report.successRate));
    expect(await figure('p50')).toBe(duration(report.durationMs?.p50));
    expect(await figure('p90')).toBe(duration(report.durationMs?.p90));
    expect(await figure('p99')).toBe(duration(report.durationMs?.p99));
    expect(await figure('failures')).toBe(String(report.failures.total));
    expect(await figure('retries')).toBe(String(report.retries.total));
    expect(await figure('compensations')).toBe(String(report.compensations.executions));
    for (const [outcome, count] of Object.entries(report.executions.byOutcome)) {
      expect(await page.locator(`[data-outcome="${outcome}"]`).textContent()).toBe(String(count));
    }
    const groups = await page.locator('[data-failure]').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-failure'), r.children[2]?.textContent]));
    expect(groups).toEqual(report.failures.groups.map((g) => [`${g.state}/${g.error}`, String(g.count)]));
    expect(report.failures.groups.map((g) => g.state)).toEqual(expect.arrayContaining(['ReserveInventory', 'ProcessPayment']));
    for (const q of report.dlq) expect(await figure(`dlq-${q.queue}`)).toBe(String(q.depth));
    expect(await page.locator('.chart canvas').count()).toBeGreaterThan(0);
  }, 60_000);

  test('the executions list filters by status and order id, and links to the order', async () => {
    await open('/console/executions');
    await page.locator('tr[data-order]').first().waitFor({ timeout: UI_TIMEOUT });
    await page.getByLabel('Status').selectOption('REJECTED');
    await page.locator('tbody tr[data-order]').filter({ hasText: 'REJECTED' }).first().waitFor({ timeout: UI_TIMEOUT });
    const outcomes = await page.locator('tbody tr[data-order] td:nth-child(4)').allTextContents();
    expect(outcomes.length).toBeGreaterThan(0);
    expect(new Set(outcomes)).toEqual(new Set(['REJECTED']));
    const first = await page.locator('tbody tr[data-order]').first().getAttribute('data-order');
    await page.getByLabel('Order id').fill(first ?? '');
    await page.locator('tbody tr[data-order]').first().getByRole('link').click();
    await page.waitForURL(`**/console/orders/${first}`);
    await page.reload();
    expect(await page.getByTestId('order-status').textContent({ timeout: UI_TIMEOUT })).toBe('REJECTED');
  }, 60_000);

  test('a cross-origin POST is refused', async () => {
    const before = await c.console<{ name: string; consumers: { paused: boolean }[] }[]>('queues');
    expect(before.find((q) => q.name === paymentQueue)?.consumers.every((p) => !p.paused)).toBe(true);
    // A page on another origin (another port of 127.0.0.1) tries to pause the payment consumer.
    const other: Server = createServer((_req, res) => res.end('<!doctype html><title>elsewhere</title>'));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const hostile = await browser.context.newPage();
    try {
      await hostile.goto(`http://127.0.0.1:${(other.address() as AddressInfo).port}/`);
      await hostile.evaluate(async (target) => {
        await fetch(target, { method: 'POST', mode: 'no-cors', body: '{}' }).catch(() => undefined);
      }, `${c.url}/_local/queues/${encodeURIComponent(paymentQueue)}/pause`);
      const answer = await fetch(`${c.url}/_local/queues/${encodeURIComponent(paymentQueue)}/pause`, { method: 'POST', headers: { origin: 'http://evil.example' } });
      expect(answer.status).toBe(403);
      const after = await c.console<{ name: string; consumers: { paused: boolean }[] }[]>('queues');
      expect(after.find((q) => q.name === paymentQueue)?.consumers.every((p) => !p.paused)).toBe(true);
    } finally {
      await c.console(`queues/${encodeURIComponent(paymentQueue)}/resume`, 'POST');
      await hostile.close();
      other.closeAllConnections();
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
  });

  test('no serious accessibility violations on any view', async () => {
    const { orderId } = await c.createOrder(orderBody({ 'widget-red': 1 }));
    await c.waitForOrder(orderId);
    for (const path of ['/console/', '/console/executions', `/console/orders/${orderId}`, '/console/dashboard', '/console/actions']) {
      await open(path);
      await page.locator('#content main h1').waitFor();
      await page.waitForFunction(() => !(globalThis as unknown as { document: { body: { textContent: string | null } } }).document.body.textContent?.includes("Loading…"), undefined, { timeout: UI_TIMEOUT });
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${path}: ${v.id} ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`)).toEqual([]);
    }
  }, 90_000);

  test('no errors in the console pages', () => {
    expect(browser.errors).toEqual([]);
  });
});

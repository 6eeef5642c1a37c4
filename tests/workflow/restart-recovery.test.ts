/**
 * Orders whose execution a stop or a crash cut short are never silently lost: the next start compensates them
 * through the real RefundPayment and ReleaseInventory handlers and marks them FAILED (States.Aborted, with the
 * state the execution was in), the execution stays ABORTED with the reason, and a payment message still queued
 * for the dead execution charges nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openOrderDatabase } from '../../src/local/orders/schema';
import { RECOVERY_CAUSE } from '../../src/local/orders/recovery';
import {
  catalogue,
  inventoryIdentityHolds,
  netCharged,
  orderBody,
  startTestStack,
  type ExecutionView,
  type OrderView,
  type Product,
  type StackClient,
} from '../support/local-stack';
import { eventsOf, payments, paymentQueue, paymentQueueDrained } from './scenarios/context';

jest.setTimeout(60_000);

/** Slow enough that a payment wait (HeartbeatSeconds 120 → 12 s) outlasts the test's stop. */
const SLOW_TIME_SCALE = 0.1;
const PRODUCT = 'widget-blue';

const dirs: string[] = [];
const newDataDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'local-stack-recovery-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Places an order and waits until its stock is reserved and its payment message is on the queue. */
const orderWaitingForPayment = async (c: StackClient, token: string): Promise<{ orderId: string; amount: number }> => {
  const body = orderBody({ [PRODUCT]: 2 }, token);
  const { orderId } = await c.createOrder(body);
  await c.waitFor('stock reserved and the payment task submitted', async () => {
    const e = await c.console<ExecutionView>(`executions/${orderId}`);
    return eventsOf(e, 'TaskSubmitted', 'ProcessPayment').length > 0 && eventsOf(e, 'StateExited', 'ReserveInventory').length > 0 ? true : undefined;
  });
  return { orderId, amount: body.amount as number };
};

const products = (c: StackClient) => c.console<Product[]>('inventory');
const product = async (c: StackClient): Promise<Product> => (await products(c)).find((p) => p.productId === PRODUCT)!;

/** What a killed process leaves: the execution still RUNNING, with none of the events a clean stop writes. */
const asIfCrashed = (dataDir: string, orderId: string): void => {
  const db = openOrderDatabase(dataDir);
  const { executionArn } = db.get<{ executionArn: string }>('SELECT execution_arn AS executionArn FROM executions WHERE name = $id', { id: orderId })!;
  db.run(`UPDATE executions SET status = 'RUNNING', stop_date = NULL, error = NULL, cause = NULL WHERE execution_arn = $arn`, { arn: executionArn });
  db.run(`DELETE FROM execution_events WHERE execution_arn = $arn AND type IN ('ExecutionAborted', 'ParallelBranchAborted', 'TaskCancelled')`, { arn: executionArn });
  db.close();
};

describe('restart recovery', () => {
  test('stopped mid-payment with stock reserved and money charged: refunded, released and FAILED at the next start', async () => {
    const dataDir = newDataDir();
    const first = await startTestStack({ dataDir, timeScale: SLOW_TIME_SCALE });
    let orderId: string;
    let amount: number;
    try {
      // The consumer is held, so the execution waits in ProcessPayment with the stock reserved.
      await first.console(`queues/${encodeURIComponent((await paymentQueue(first)).name)}/pause`, 'POST');
      ({ orderId, amount } = await orderWaitingForPayment(first, 'tok_visa'));
      // The crash window of the consumer: the charge is taken, the process stops before SendTaskSuccess.
      await first.stack.services.payments.charge({ orderId, amount, currency: 'USD' });
      expect((await product(first)).reserved).toBe(2);
    } finally {
      await first.stop();
    }

    // Spied for the stack's whole life: the stack wraps stderr while it runs and unwraps it when it stops.
    const stderr = jest.spyOn(process.stderr, 'write');
    const second = await startTestStack({ dataDir });
    try {
      const printed = stderr.mock.calls.map(([chunk]) => String(chunk));
      const order = await second.request<OrderView>('GET', `/orders/${orderId}`);
      const execution = await second.console<ExecutionView>(`executions/${orderId}`);

      expect(second.stack.recovered).toEqual([
        { orderId, executionArn: execution.executionArn, state: 'ProcessPayment', refundedAmount: amount, currency: 'USD', releasedLines: 1 },
      ]);
      expect(printed.filter((line) => line.startsWith('Recovered order'))).toEqual([
        `Recovered order ${orderId}: its execution stopped in ProcessPayment; refunded ${amount} USD, released 1 reserved line(s); order marked FAILED (States.Aborted)\n`,
      ]);
      expect(order.body.status).toBe('FAILED');
      expect(order.body.failure).toEqual({
        state: 'ProcessPayment',
        error: 'States.Aborted',
        cause: RECOVERY_CAUSE,
        // Read by RecordFailure from the stored history: ProcessPayment was on its first attempt when the stack stopped.
        attempts: 1,
        executionUrl: `${second.url}/_local/executions/${execution.executionArn}`,
      });
      expect(execution.status).toBe('ABORTED');
      expect(eventsOf(execution, 'ExecutionAborted')[0]).toMatchObject({ reason: expect.stringContaining('stopped') });
      expect(eventsOf(execution, 'ExecutionRecovered')[0]).toMatchObject({ reason: RECOVERY_CAUSE, stateAtStop: 'ProcessPayment' });

      // The payment message of the dead execution is still queued: its token is gone, so it charges nothing.
      await paymentQueueDrained(second);
      const ledger = await payments(second, orderId);
      expect(ledger.map((e) => e.type)).toEqual(['CHARGE', 'REFUND']);
      expect(netCharged(ledger, orderId)).toBe(0);
      expect((await paymentQueue(second)).deadLetterDepth ?? 0).toBe(0);
      expect((await second.request<OrderView>('GET', `/orders/${orderId}`)).body.status).toBe('FAILED');
      // …and the consumer did receive it (the first stack's consumer was paused the whole time).
      const consumer = await second.console<{ logs: unknown[] }>('logs?function=ProcessPayment&filter=START');
      expect(consumer.logs.length).toBeGreaterThan(0);
      const stock = await product(second);
      expect(stock.reserved).toBe(0);
      expect(stock.available).toBe(catalogue().find((p) => p.productId === PRODUCT)!.stock);
      expect(inventoryIdentityHolds(await products(second))).toBe(true);
      // The compensation ran as Lambda invocations, with their own START/END/REPORT lines.
      const logs = await second.console<{ logs: { function: string; message: string }[] }>('logs?function=RefundPayment&function=ReleaseInventory&filter=START');
      expect(new Set(logs.logs.map((l) => l.function))).toEqual(new Set(['RefundPayment', 'ReleaseInventory']));
    } finally {
      await second.stop();
      stderr.mockRestore();
    }

    // Recovered once: a later start finds nothing to do.
    const third = await startTestStack({ dataDir });
    try {
      expect(third.stack.recovered).toEqual([]);
      expect(netCharged(await payments(third, orderId), orderId)).toBe(0);
    } finally {
      await third.stop();
    }
  });

  test('after a crash in a payment wait (tok_timeout): released and FAILED; a failed compensation is retried at the following start', async () => {
    const dataDir = newDataDir();
    const first = await startTestStack({ dataDir, timeScale: SLOW_TIME_SCALE });
    let orderId: string;
    try {
      // tok_timeout: the consumer never answers, so the execution waits for the heartbeat (12 s here).
      ({ orderId } = await orderWaitingForPayment(first, 'tok_timeout'));
    } finally {
      await first.stop();
    }
    asIfCrashed(dataDir, orderId);

    // ReleaseInventory keeps failing: the order is left as it was (PROCESSING, stock reserved), not lost.
    const faulty = await startTestStack({ dataDir, faults: 'ReleaseInventory:1:Lambda.ServiceException' });
    try {
      const execution = await faulty.console<ExecutionView>(`executions/${orderId}`);
      expect(faulty.stack.recovered).toEqual([]);
      expect(execution.status).toBe('ABORTED');
      expect(eventsOf(execution, 'ExecutionAborted')[0]).toMatchObject({ reason: expect.stringContaining('without a clean stop') });
      expect(eventsOf(execution, 'ExecutionRecoveryFailed')[0]).toMatchObject({ error: expect.stringContaining('ReleaseInventory failed with Lambda.ServiceException') });
      expect((await faulty.request<OrderView>('GET', `/orders/${orderId}`)).body.status).toBe('PROCESSING');
      expect((await product(faulty)).reserved).toBe(2);
    } finally {
      await faulty.stop();
    }

    const healthy = await startTestStack({ dataDir });
    try {
      const order = (await healthy.request<OrderView>('GET', `/orders/${orderId}`)).body;
      expect(healthy.stack.recovered).toMatchObject([{ orderId, state: 'ProcessPayment', refundedAmount: 0, releasedLines: 1 }]);
      expect(order.status).toBe('FAILED');
      expect(order.failure).toMatchObject({ state: 'ProcessPayment', error: 'States.Aborted', cause: RECOVERY_CAUSE });
      expect((await product(healthy)).reserved).toBe(0);
      expect(inventoryIdentityHolds(await products(healthy))).toBe(true);
      await paymentQueueDrained(healthy);
      expect(await payments(healthy, orderId)).toEqual([]);
    } finally {
      await healthy.stop();
    }
  });
});

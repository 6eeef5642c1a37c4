/**
 * Stopping and starting again: orders, histories and queued messages survive; an execution that was running
 * is not silently lost but marked ABORTED with the reason (after a clean stop, and after a crash).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openOrderDatabase } from '../../../src/local/orders/schema';
import { ExecutionStore } from '../../../src/local/emulator/state-machine/execution-store';
import { startTestStack, orderBody, type ExecutionView, type OrderView } from '../../support/local-stack';
import type { StateCoverage } from '../../support/state-coverage';
import { eventsOf, paymentQueue } from './context';

export const restartScenarios = (coverage: StateCoverage): void => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'local-stack-restart-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  test('orders and execution histories survive a stop and start; a running execution is marked ABORTED', async () => {
    const first = await startTestStack({ dataDir });
    let done: OrderView;
    let history: ExecutionView;
    let runningId: string;
    try {
      const { orderId } = await first.createOrder(orderBody({ 'widget-blue': 1 }));
      done = await first.waitForOrder(orderId);
      history = await first.waitForExecution(orderId);
      // Keep the second order's payment waiting, then stop while its execution runs.
      const queue = await paymentQueue(first);
      await first.console(`queues/${encodeURIComponent(queue.name)}/pause`, 'POST');
      const { orderId: waiting } = await first.createOrder(orderBody({ 'widget-blue': 1 }));
      runningId = waiting;
      await first.waitFor('the payment task to be submitted', async () => {
        const e = await first.console<ExecutionView>(`executions/${waiting}`);
        return eventsOf(e, 'TaskSubmitted', 'ProcessPayment').length > 0 ? true : undefined;
      });
    } finally {
      await coverage.collect(first);
      await first.stop();
    }

    const second = await startTestStack({ dataDir });
    try {
      const order = await second.request<OrderView>('GET', `/orders/${done.orderId}`);
      const again = await second.console<ExecutionView>(`executions/${done.orderId}`);
      const aborted = await second.console<ExecutionView>(`executions/${runningId}`);

      expect(order.body).toEqual(done);
      expect(again.status).toBe('SUCCEEDED');
      expect(again.events).toEqual(history.events);
      expect(aborted.status).toBe('ABORTED');
      expect(eventsOf(aborted, 'ExecutionAborted')[0]).toMatchObject({ reason: expect.stringContaining('stopped') });
      // A new order still goes through on the restarted stack.
      const { orderId } = await second.createOrder(orderBody({ 'cable-usb-c': 1 }));
      expect((await second.waitForOrder(orderId)).status).toBe('COMPLETED');
    } finally {
      await coverage.collect(second);
      await second.stop();
    }
  });

  test('an execution left RUNNING by a crash is marked ABORTED at the next start, with an event saying why', async () => {
    const crashedDir = mkdtempSync(join(tmpdir(), 'local-stack-crash-'));
    // What a killed process leaves behind: the execution row still says RUNNING.
    const db = openOrderDatabase(crashedDir);
    const arn = 'arn:aws:states:local:000000000000:execution:crashed:order-1';
    new ExecutionStore(db).create({ executionArn: arn, name: 'order-1', stateMachineArn: 'arn:aws:states:local:000000000000:stateMachine:crashed', input: {}, startDate: new Date().toISOString() });
    db.close();

    const c = await startTestStack({ dataDir: crashedDir });
    try {
      const execution = await c.console<ExecutionView>(`executions/${encodeURIComponent(arn)}`);

      expect(execution.status).toBe('ABORTED');
      expect(eventsOf(execution, 'ExecutionAborted')[0]).toMatchObject({ reason: expect.stringContaining('without a clean stop') });
    } finally {
      await c.stop();
      rmSync(crashedDir, { recursive: true, force: true });
    }
  });
};

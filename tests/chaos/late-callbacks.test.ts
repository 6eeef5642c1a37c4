/**
 * Issue 6's late callbacks, with the interleavings forced on the payment consumer, checked against the whole
 * books (GET /_local/payments) by the invariants checker rather than order by order:
 * - the out-of-stock branch fails while the payment is being charged: the Parallel state cancels the payment
 *   task, the consumer's SendTaskSuccess is refused, and the charge is refunded;
 * - the payment task times out (no callback within HeartbeatSeconds) while the consumer charges: SendTaskSuccess
 *   fails with TaskTimedOut, and the charge is refunded;
 * - a consumer that answered, then crashed before deleting its message, gets the message again: the answered
 *   task is gone, yet the order completed and must stay charged.
 */
import '../../src/shared/silence-handlers';
import type { ChargeRequest } from '../../src/domain/ports';
import { checkInvariants } from '../../src/chaos/invariants';
import { httpReader, readSnapshot, waitForQuiet, type LedgerEvent } from '../../src/chaos/snapshot';
import { orderBody, startTestStack, type ExecutionView, type StackClient } from '../support/local-stack';
import { brokenInvariants } from './chaos-support';

const QUIET_DEADLINE_MS = 20_000;

const booksBalance = async (c: StackClient) => {
  const reader = httpReader(c.url, c.stack.apiKey);
  const quiet = await waitForQuiet(reader, QUIET_DEADLINE_MS);
  const report = checkInvariants(await readSnapshot(reader));
  return { quiet: quiet.quiet, broken: brokenInvariants(report) };
};

const ledgerOf = (c: StackClient, orderId: string) => c.console<LedgerEvent[]>(`payments?orderId=${orderId}`);

const eventsOf = (execution: ExecutionView, type: string) => execution.events.filter((e) => e.type === type && e.stateName === 'ProcessPayment');

/** Holds the consumer inside PaymentLedger.charge (after its liveness heartbeat) until `until` resolves. */
const holdCharges = (c: StackClient, until: (request: ChargeRequest) => Promise<unknown>) => {
  const ledger = c.stack.services.payments;
  const charge = ledger.charge.bind(ledger);
  ledger.charge = async (request) => {
    await until(request);
    return charge(request);
  };
  return () => void (ledger.charge = charge);
};

describe('late payment callbacks, forced', () => {
  let c: StackClient;
  beforeAll(async () => {
    c = await startTestStack();
  });
  afterAll(() => c.stop());

  test('the out-of-stock branch fails while the payment is being charged: the charge is refunded', async () => {
    // The consumer enters the charge (its heartbeat accepted, so the task was live); only then does the reservation
    // run and fail, and the charge goes through once the workflow has compensated and failed the order.
    let charging = false;
    const release = holdCharges(c, async ({ orderId }) => {
      charging = true;
      await c.waitForOrder(orderId);
    });
    const inventory = c.stack.services.inventory;
    const reserve = inventory.reserve.bind(inventory);
    inventory.reserve = async (orderId, lines) => {
      await c.waitFor('the consumer to be charging', async () => (charging ? true : undefined));
      return reserve(orderId, lines);
    };
    try {
      const { orderId } = await c.createOrder(orderBody({ 'sold-out-lamp': 1 }));

      const order = await c.waitForOrder(orderId);
      const ledger = await c.waitFor('the late charge and its refund', async () => ((await ledgerOf(c, orderId)).length === 2 ? ledgerOf(c, orderId) : undefined));
      const execution = await c.waitForExecution(orderId);

      expect(order).toMatchObject({ status: 'FAILED', failure: { error: 'OutOfStockError' } });
      expect(ledger.map((e) => e.type)).toEqual(['CHARGE', 'REFUND']);
      expect(eventsOf(execution, 'TaskCancelled')).toHaveLength(1);
      expect(eventsOf(execution, 'TaskCallbackRejected').map((e) => e.action)).toContain('SendTaskSuccess');
      expect(await booksBalance(c)).toEqual({ quiet: true, broken: [] });
    } finally {
      inventory.reserve = reserve;
      release();
    }
  });

  test('the payment task times out, then the consumer charges: SendTaskSuccess fails with TaskTimedOut and the charge is refunded', async () => {
    const release = holdCharges(c, ({ orderId }) => c.waitForOrder(orderId));
    try {
      const { orderId } = await c.createOrder(orderBody({ 'widget-blue': 1 }));

      const order = await c.waitForOrder(orderId);
      const ledger = await c.waitFor('the late charge and its refund', async () => ((await ledgerOf(c, orderId)).length === 2 ? ledgerOf(c, orderId) : undefined));
      const execution = await c.waitForExecution(orderId);

      expect(order).toMatchObject({ status: 'FAILED', failure: { state: 'ProcessPayment', error: 'PaymentTimeoutError' }, reservation: { status: 'RELEASED' } });
      expect(ledger.map((e) => e.type)).toEqual(['CHARGE', 'REFUND']);
      expect(eventsOf(execution, 'TaskTimedOut')).toHaveLength(1);
      // Redeliveries (the visibility timeout is shorter than the hold) each try again; every one is refused as timed out.
      const rejected = eventsOf(execution, 'TaskCallbackRejected');
      expect(rejected.length).toBeGreaterThan(0);
      expect(rejected.every((e) => e.action === 'SendTaskSuccess' && /timed out/.test(String(e.reason)))).toBe(true);
      expect(await booksBalance(c)).toEqual({ quiet: true, broken: [] });
    } finally {
      release();
    }
  });
});

describe('a payment message delivered again after its task was answered', () => {
  test('the consumer crashes after charging and answering; the redelivery leaves the completed order charged', async () => {
    const c = await startTestStack({ faults: 'ProcessPayment:1:crash:1' });
    try {
      const { orderId } = await c.createOrder(orderBody({ 'widget-red': 1 }));

      const order = await c.waitForOrder(orderId);
      const books = await booksBalance(c);

      expect(order.status).toBe('COMPLETED');
      expect(await ledgerOf(c, orderId)).toEqual([expect.objectContaining({ type: 'CHARGE', amount: 24.5 })]);
      expect(books).toEqual({ quiet: true, broken: [] });
    } finally {
      await c.stop();
    }
  });
});

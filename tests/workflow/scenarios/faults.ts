/**
 * Paths that only faults reach, each on its own stack with LOCAL_FAULTS: a transient Lambda error retried then
 * successful, retries exhausted (ValidateOrder, and ReserveInventory, whose failure records the attempts made),
 * FulfillOrder failing, the compensation itself failing, and a small fault mix checked against issue 6's invariants.
 */
import { startTestStack, netCharged, orderBody, inventoryIdentityHolds, type PaymentEvent, type StackClient, type Product } from '../../support/local-stack';
import { orderStateMachine, type StateCoverage } from '../../support/state-coverage';
import { collectStates, type LevelDefinition } from '../../../src/local/emulator/state-machine/definition';
import { eventsOf, inventory, paymentQueue, paymentQueueDrained, payments } from './context';

/** MaxAttempts of the retrier of `state` that matches `error`, read from the ASL so the tests follow it. */
const maxAttempts = (state: string, error: string): number => {
  const info = collectStates(orderStateMachine().definition as LevelDefinition).get(state);
  const retriers = (info?.definition.Retry ?? []) as { ErrorEquals: string[]; MaxAttempts?: number }[];
  const retrier = retriers.find((r) => r.ErrorEquals.includes(error) || r.ErrorEquals.includes('States.ALL'));
  if (!retrier) throw new Error(`${state} has no retrier for ${error}`);
  return retrier.MaxAttempts ?? 3;
};

/** A notification as GET /_local/notifications shows it, with its message parsed. */
interface NotificationView {
  message: { orderId?: string; failure?: unknown };
}

const withFaults = async (faults: string, coverage: StateCoverage, run: (c: StackClient) => Promise<void>, faultSeed = 7): Promise<void> => {
  const c = await startTestStack({ faults, faultSeed });
  try {
    await run(c);
  } finally {
    await coverage.collect(c);
    await c.stop();
  }
};

export const faultScenarios = (coverage: StateCoverage): void => {
  test('a transient Lambda error is retried with backoff and the order completes', () =>
    withFaults('ReserveInventory:1:Lambda.ServiceException:2', coverage, async (c) => {
      const { orderId } = await c.createOrder(orderBody({ 'widget-blue': 1 }));

      const order = await c.waitForOrder(orderId);
      const execution = await c.waitForExecution(orderId);

      expect(order.status).toBe('COMPLETED');
      expect(execution.states.find((s) => s.name === 'ReserveInventory')).toMatchObject({ status: 'SUCCEEDED', retries: 2 });
      expect(eventsOf(execution, 'StateRetried', 'ReserveInventory')).toHaveLength(2);
    }));

  test('retries exhausted on ValidateOrder: the failure path runs and the order FAILS with the Lambda error', () =>
    withFaults('ValidateOrder:1:Lambda.ServiceException', coverage, async (c) => {
      const { orderId } = await c.createOrder(orderBody({ 'widget-blue': 1 }));

      const order = await c.waitForOrder(orderId);
      const execution = await c.waitForExecution(orderId);

      expect(order.status).toBe('FAILED');
      expect(order.failure).toMatchObject({
        state: 'ValidateOrder',
        error: 'Lambda.ServiceException',
        attempts: maxAttempts('ValidateOrder', 'Lambda.ServiceException') + 1,
      });
      expect(execution.states.find((s) => s.name === 'ValidateOrder')?.retries).toBe(maxAttempts('ValidateOrder', 'Lambda.ServiceException'));
      expect(eventsOf(execution, 'StateEntered', 'ValidateOrderFailed')).toHaveLength(1);
      expect(execution).toMatchObject({ status: 'FAILED', error: 'Lambda.ServiceException' });
    }));

  test('retries exhausted on ReserveInventory (beside ProcessPayment): the order and its failure notification carry the attempts made', () =>
    withFaults('ReserveInventory:1:Lambda.ServiceException', coverage, async (c) => {
      const { orderId } = await c.createOrder(orderBody({ 'widget-blue': 1 }));

      const order = await c.waitForOrder(orderId);
      await c.waitForExecution(orderId);
      const notifications = await c.console<NotificationView[]>('notifications');

      expect(order.status).toBe('FAILED');
      expect(order.failure).toMatchObject({
        state: 'ReserveInventory',
        error: 'Lambda.ServiceException',
        attempts: maxAttempts('ReserveInventory', 'Lambda.ServiceException') + 1,
      });
      expect(notifications.find((n) => n.message.orderId === orderId)?.message.failure).toEqual(order.failure);
    }));

  test('FulfillOrder failing compensates: refunded and released, FAILED at FulfillOrder', () =>
    withFaults('FulfillOrder:1:Lambda.ResourceNotReadyException', coverage, async (c) => {
      const before = await inventory(c);
      const { orderId } = await c.createOrder(orderBody({ 'widget-red': 1 }));

      const order = await c.waitForOrder(orderId);

      expect(order.failure).toMatchObject({ state: 'FulfillOrder', error: 'Lambda.ResourceNotReadyException' });
      expect(order.reservation?.status).toBe('RELEASED');
      expect(netCharged(await payments(c, orderId), orderId)).toBe(0);
      expect((await inventory(c)).get('widget-red')).toEqual(before.get('widget-red'));
    }));

  test('a compensation that keeps failing ends in CompensationFailed (the alarm case)', () =>
    withFaults('RefundPayment:1:Lambda.ServiceException', coverage, async (c) => {
      const { orderId } = await c.createOrder(orderBody({ 'widget-red': 1 }, 'tok_decline_expired_card'));

      const execution = await c.waitForExecution(orderId);

      expect(execution).toMatchObject({ status: 'FAILED', error: 'CompensationFailedError' });
      expect(execution.states.find((s) => s.name === 'RefundPayment')).toMatchObject({
        status: 'FAILED',
        retries: maxAttempts('RefundPayment', 'Lambda.ServiceException'),
      });
      expect(eventsOf(execution, 'StateEntered', 'CompensationFailed')).toHaveLength(1);
    }));

  test('under a fault mix every order ends terminal, nothing is oversold, and failed orders keep nothing', () =>
    withFaults(
      'ReserveInventory:0.3:Lambda.ServiceException,ValidateOrder:0.2:Lambda.TooManyRequestsException,ProcessPayment:0.3:crash-before,Notify:0.2:Lambda.ServiceException',
      coverage,
      async (c) => {
        const tokens = ['tok_visa', 'tok_visa', 'tok_decline_insufficient_funds', 'tok_error_transient'];
        const products = ['widget-blue', 'limited-edition-print', 'gadget-pro'];
        const placed = await Promise.all(
          Array.from({ length: 16 }, (_, i) => c.createOrder(orderBody({ [products[i % products.length]!]: 1 + (i % 2) }, tokens[i % tokens.length]))),
        );
        const executions = await Promise.all(placed.map((p) => c.waitForExecution(p.orderId)));
        await paymentQueueDrained(c);

        expect(executions.every((e) => e.status !== 'RUNNING')).toBe(true);
        const products_ = await c.console<Product[]>('inventory');
        expect(inventoryIdentityHolds(products_)).toBe(true);
        const ledger = await c.console<PaymentEvent[]>('payments');
        for (const p of placed) {
          const order = await c.waitForOrder(p.orderId);
          expect(ledger.filter((e) => e.orderId === p.orderId && e.type === 'CHARGE').length).toBeLessThanOrEqual(1);
          if (order.status === 'FAILED') {
            expect(netCharged(ledger, p.orderId)).toBe(0);
            expect(order.reservation?.status ?? 'NONE').not.toBe('RESERVED');
          }
        }
        const queue = await paymentQueue(c);
        expect(queue.depth + queue.inFlight).toBe(0);
      },
    ));
};

/**
 * Issue 6's late callbacks, with the interleavings forced: the payment consumer is held between its
 * liveness check (a heartbeat) and the charge until the workflow has given up on the payment, or the
 * reservation is held until the payment went through. Whatever the order of events, a FAILED order ends
 * with nothing charged, and the books (GET /_local/payments) show why.
 */
import { netCharged, orderBody, sleep, type StackClient } from '../../support/local-stack';
import { eventsOf, payments, paymentQueueDrained, type StackRef } from './context';

/** Holds every heartbeat the consumer sends (after it is accepted) until `release` is called. */
const holdConsumerAfterHeartbeat = (c: StackClient) => {
  const tokens = c.stack.services.tokens;
  const original = tokens.heartbeat.bind(tokens);
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let held = 0;
  tokens.heartbeat = async (token) => {
    await original(token);
    held++;
    await gate;
  };
  return {
    held: () => held,
    release: () => {
      tokens.heartbeat = original;
      release();
    },
  };
};

export const lateCallbackScenarios = (stack: StackRef): void => {
  test('a payment charged after its Parallel branch was cancelled (sibling failed) is refunded; nothing left charged', async () => {
    const c = stack();
    const hold = holdConsumerAfterHeartbeat(c);
    const inventory = c.stack.services.inventory;
    const reserve = inventory.reserve.bind(inventory);
    // The reservation (which fails: no stock) waits until the consumer holds the message with a live token.
    inventory.reserve = async (orderId, lines) => {
      await c.waitFor('the consumer to pick the message up', async () => (hold.held() > 0 ? true : undefined));
      return reserve(orderId, lines);
    };
    try {
      const { orderId } = await c.createOrder(orderBody({ 'sold-out-lamp': 1 }));
      const order = await c.waitForOrder(orderId);
      const execution = await c.waitForExecution(orderId);
      expect(order.failure).toMatchObject({ state: 'ReserveInventory', error: 'OutOfStockError' });
      expect(eventsOf(execution, 'TaskCancelled', 'ProcessPayment')).toHaveLength(1);
      expect(await payments(c, orderId)).toEqual([]);

      hold.release();
      await paymentQueueDrained(c);

      const ledger = await payments(c, orderId);
      expect(ledger.map((e) => e.type)).toEqual(['CHARGE', 'REFUND']);
      expect(netCharged(ledger, orderId)).toBe(0);
      const settled = await c.waitForOrder(orderId, (o) => o.charge?.status === 'REFUNDED');
      expect(settled.status).toBe('FAILED');
      const history = await c.waitForExecution(orderId);
      expect(eventsOf(history, 'TaskCallbackRejected', 'ProcessPayment')).toHaveLength(1);
    } finally {
      inventory.reserve = reserve;
      hold.release();
    }
  });

  test('a payment charged after its task timed out (no heartbeat in time) is refunded; nothing left charged', async () => {
    const c = stack();
    const hold = holdConsumerAfterHeartbeat(c);
    try {
      const { orderId } = await c.createOrder(orderBody({ 'widget-blue': 1 }));
      const order = await c.waitForOrder(orderId);
      expect(order.failure).toMatchObject({ state: 'ProcessPayment', error: 'PaymentTimeoutError' });
      expect(order.reservation?.status).toBe('RELEASED');

      hold.release();
      await paymentQueueDrained(c);

      const ledger = await payments(c, orderId);
      expect(ledger.map((e) => e.type)).toEqual(['CHARGE', 'REFUND']);
      expect(netCharged(ledger, orderId)).toBe(0);
    } finally {
      hold.release();
    }
  });

  test('a payment charged before the reservation failed is refunded by the compensation', async () => {
    const c = stack();
    const inventory = c.stack.services.inventory;
    const reserve = inventory.reserve.bind(inventory);
    // The reservation (which will fail: no stock) waits until the payment has been charged and answered.
    inventory.reserve = async (orderId, lines) => {
      await c.waitFor('the charge', async () => ((await payments(c, orderId)).length > 0 ? true : undefined));
      await sleep(20);
      return reserve(orderId, lines);
    };
    try {
      const { orderId } = await c.createOrder(orderBody({ 'sold-out-lamp': 1 }));
      const order = await c.waitForOrder(orderId);
      const execution = await c.waitForExecution(orderId);

      expect(order.failure).toMatchObject({ state: 'ReserveInventory', error: 'OutOfStockError' });
      expect(eventsOf(execution, 'TaskSucceeded', 'ProcessPayment')).toHaveLength(1);
      const ledger = await payments(c, orderId);
      expect(ledger.map((e) => e.type)).toEqual(['CHARGE', 'REFUND']);
      expect(netCharged(ledger, orderId)).toBe(0);
      expect(order.charge?.status).toBe('REFUNDED');
    } finally {
      inventory.reserve = reserve;
    }
  });

  test('a payment charged after RefundPayment ran but before the failure was recorded is still refunded', async () => {
    const c = stack();
    const { tokens, inventory, orders } = c.stack.services;
    const heartbeat = tokens.heartbeat.bind(tokens);
    const reserve = inventory.reserve.bind(inventory);
    const changeStatus = orders.changeStatus.bind(orders);
    let orderId = '';
    let consumerHeld = false;
    const history = async () => (await c.console<{ events: { type: string; stateName?: string }[] }>(`executions/${orderId}`)).events;
    // 1. the consumer, once its token is known live, waits until the compensation's RefundPayment has run;
    tokens.heartbeat = async (token) => {
      await heartbeat(token);
      consumerHeld = true;
      await c.waitFor('RefundPayment to run', async () => ((await history()).some((e) => e.type === 'StateExited' && e.stateName === 'RefundPayment') ? true : undefined));
    };
    // 2. the reservation fails only once the consumer holds the message;
    inventory.reserve = async (id, lines) => {
      await c.waitFor('the consumer to hold the message', async () => (consumerHeld ? true : undefined));
      return reserve(id, lines);
    };
    // 3. the FAILED status is written only after the consumer's late callback was refused.
    orders.changeStatus = async (id, change) => {
      if (change.status === 'FAILED') await c.waitFor('the late callback', async () => ((await history()).some((e) => e.type === 'TaskCallbackRejected') ? true : undefined));
      return changeStatus(id, change);
    };
    try {
      ({ orderId } = await c.createOrder(orderBody({ 'sold-out-lamp': 1 })));
      await c.waitForOrder(orderId);
      await paymentQueueDrained(c);

      const ledger = await payments(c, orderId);
      expect(ledger.map((e) => e.type)).toEqual(['CHARGE', 'REFUND']);
      expect(netCharged(ledger, orderId)).toBe(0);
      expect((await c.waitForOrder(orderId, (o) => o.charge?.status === 'REFUNDED')).status).toBe('FAILED');
    } finally {
      tokens.heartbeat = heartbeat;
      inventory.reserve = reserve;
      orders.changeStatus = changeStatus;
    }
  });
};

/** The failure paths that start at the API: out of stock, declined, payment timeout, transient payment error. */
import { netCharged, orderBody, inventoryIdentityHolds } from '../../support/local-stack';
import { eventsOf, inventory, paymentQueueDrained, payments, type StackRef } from './context';

export const failureScenarios = (stack: StackRef): void => {
  test('out of stock: FAILED with OutOfStockError from ReserveInventory, nothing reserved, nothing left charged', async () => {
    const c = stack();
    const before = await inventory(c);
    const { orderId } = await c.createOrder(orderBody({ 'widget-red': 1, 'sold-out-lamp': 1 }));

    const order = await c.waitForOrder(orderId);
    const execution = await c.waitForExecution(orderId);
    await paymentQueueDrained(c);

    expect(order.status).toBe('FAILED');
    expect(order.failure).toMatchObject({ state: 'ReserveInventory', error: 'OutOfStockError', attempts: 1 });
    expect(order.failure?.cause).toContain('sold-out-lamp');
    expect(execution).toMatchObject({ status: 'FAILED', error: 'OutOfStockError' });
    const after = await inventory(c);
    expect(after.get('widget-red')).toEqual(before.get('widget-red'));
    expect(inventoryIdentityHolds([...after.values()])).toBe(true);
    // The payment may have been charged before the reservation failed; then compensation refunded it.
    expect(netCharged(await payments(c, orderId), orderId)).toBe(0);
  });

  test('declined: FAILED with PaymentDeclinedError and the reason, the stock released, nothing charged', async () => {
    const c = stack();
    const before = await inventory(c);
    const { orderId } = await c.createOrder(orderBody({ 'widget-red': 2 }, 'tok_decline_insufficient_funds'));

    const order = await c.waitForOrder(orderId);
    const execution = await c.waitForExecution(orderId);

    expect(order.status).toBe('FAILED');
    expect(order.failure).toMatchObject({ state: 'ProcessPayment', error: 'PaymentDeclinedError', cause: 'Insufficient funds', attempts: 1 });
    expect(execution).toMatchObject({ status: 'FAILED', error: 'PaymentDeclinedError' });
    expect(eventsOf(execution, 'StateEntered', 'ReleaseInventory')).toHaveLength(1);
    expect((await inventory(c)).get('widget-red')).toEqual(before.get('widget-red'));
    expect(order.reservation?.status ?? 'RELEASED').toBe('RELEASED');
    expect(await payments(c, orderId)).toEqual([]);
  });

  test('payment timeout (tok_timeout): FAILED with PaymentTimeoutError once the heartbeat lapses, stock released', async () => {
    const c = stack();
    const before = await inventory(c);
    const { orderId } = await c.createOrder(orderBody({ 'gadget-pro': 1 }, 'tok_timeout'));

    const order = await c.waitForOrder(orderId);
    const execution = await c.waitForExecution(orderId);

    expect(order.status).toBe('FAILED');
    expect(order.failure).toMatchObject({ state: 'ProcessPayment', error: 'PaymentTimeoutError' });
    expect(order.failure?.cause).toMatch(/States\.(Heartbeat)?Timeout/);
    expect(eventsOf(execution, 'TaskTimedOut', 'ProcessPayment')).toHaveLength(1);
    expect(eventsOf(execution, 'StateEntered', 'PaymentTimedOut')).toHaveLength(1);
    expect((await inventory(c)).get('gadget-pro')).toEqual(before.get('gadget-pro'));
    expect(await payments(c, orderId)).toEqual([]);
  });

  test('a transient payment error is retried through redelivery and the order completes, charged once', async () => {
    const c = stack();
    const { orderId } = await c.createOrder(orderBody({ 'widget-blue': 1 }, 'tok_error_transient'));

    const order = await c.waitForOrder(orderId);
    const execution = await c.waitForExecution(orderId);

    expect(order.status).toBe('COMPLETED');
    // One heartbeat per delivery: the message came back after its visibility timeout and was received again.
    expect(eventsOf(execution, 'TaskHeartbeat', 'ProcessPayment').length).toBeGreaterThanOrEqual(2);
    expect((await payments(c, orderId)).map((e) => e.type)).toEqual(['CHARGE']);
  });
};

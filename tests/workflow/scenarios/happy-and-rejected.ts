/** Completed orders and the rejection path. */
import { netCharged, orderBody, inventoryIdentityHolds, type Product } from '../../support/local-stack';
import { eventsOf, inventory, payments, type StackRef } from './context';

interface NotificationView {
  messageAttributes: Record<string, { StringValue?: string }>;
  message: { orderId?: string };
  deliveries: unknown[];
}

export const happyAndRejectedScenarios = (stack: StackRef): void => {
  test('a tok_visa order completes: tracking number, stock sold, charged once, customer notified', async () => {
    const c = stack();
    const before = await inventory(c);
    const body = orderBody({ 'widget-blue': 2, 'cable-usb-c': 1 });
    const { orderId, executionArn } = await c.createOrder(body);

    const order = await c.waitForOrder(orderId);
    const execution = await c.waitForExecution(orderId);

    expect(order.status).toBe('COMPLETED');
    expect(order.fulfilment?.trackingNumber).toEqual(expect.any(String));
    expect(order.fulfilment?.carrier).toEqual(expect.any(String));
    expect(JSON.stringify(order)).not.toContain('tok_visa');
    expect(execution).toMatchObject({ executionArn, status: 'SUCCEEDED' });
    const after = await inventory(c);
    const delta = (id: string, field: keyof Product) => (after.get(id)![field] as number) - (before.get(id)![field] as number);
    expect([delta('widget-blue', 'available'), delta('widget-blue', 'reserved'), delta('widget-blue', 'sold')]).toEqual([-2, 0, 2]);
    expect([delta('cable-usb-c', 'available'), delta('cable-usb-c', 'sold')]).toEqual([-1, 1]);
    expect(inventoryIdentityHolds([...after.values()])).toBe(true);
    const ledger = await payments(c, orderId);
    expect(ledger.map((e) => e.type)).toEqual(['CHARGE']);
    expect(netCharged(ledger, orderId)).toBe(body.amount);
    const notifications = await c.console<NotificationView[]>('notifications');
    const mine = notifications.find((n) => n.message.orderId === orderId);
    expect(mine?.messageAttributes.eventType?.StringValue).toBe('OrderCompleted');
    expect(mine?.messageAttributes.orderStatus?.StringValue).toBe('COMPLETED');
  });

  test('the execution history has every state with timestamps and durations', async () => {
    const c = stack();
    const { orderId } = await c.createOrder(orderBody({ 'widget-blue': 1 }));
    const execution = await c.waitForExecution(orderId);

    const exited = eventsOf(execution, 'StateExited');
    expect(exited.length).toBeGreaterThan(5);
    for (const e of exited) expect(e).toEqual(expect.objectContaining({ timestamp: expect.any(String), durationMs: expect.any(Number) }));
    expect(execution.states.every((s) => s.status === 'SUCCEEDED')).toBe(true);
    expect(eventsOf(execution, 'ExecutionSucceeded')).toHaveLength(1);
  });

  test('an amount that does not match its lines is REJECTED with the rule named, nothing reserved or charged', async () => {
    const c = stack();
    const before = await inventory(c);
    const { orderId } = await c.createOrder(orderBody({ 'widget-blue': 1 }, 'tok_visa', { amount: 1 }));

    const order = await c.waitForOrder(orderId);
    const execution = await c.waitForExecution(orderId);

    expect(order.status).toBe('REJECTED');
    expect(order.validationErrors?.map((v) => v.rule)).toEqual(['AMOUNT_MISMATCH']);
    expect(order.failure).toMatchObject({ state: 'ValidateOrder', error: 'ValidationError' });
    expect(order.failure?.cause).toContain('AMOUNT_MISMATCH');
    expect(execution).toMatchObject({ status: 'FAILED', error: 'ValidationError' });
    expect((await inventory(c)).get('widget-blue')).toEqual(before.get('widget-blue'));
    expect(await payments(c, orderId)).toEqual([]);
  });

  test('an unknown product is REJECTED with UNKNOWN_PRODUCT', async () => {
    const c = stack();
    const { orderId } = await c.createOrder(orderBody({ 'no-such-product': 1 }));

    const order = await c.waitForOrder(orderId);

    expect(order.status).toBe('REJECTED');
    expect(order.validationErrors).toEqual([expect.objectContaining({ rule: 'UNKNOWN_PRODUCT', field: 'items[0].productId' })]);
    expect(order.failure?.cause).toContain('no-such-product');
  });

  test('the same Idempotency-Key returns the first order and starts one execution', async () => {
    const c = stack();
    const body = orderBody({ 'widget-blue': 1 });
    const headers = { 'Idempotency-Key': `key-${Date.now()}` };

    const first = await c.request<{ orderId: string }>('POST', '/orders', { body, headers });
    const second = await c.request<{ orderId: string }>('POST', '/orders', { body, headers });
    await c.waitForOrder(first.body.orderId);

    expect([first.status, second.status]).toEqual([202, 202]);
    expect(second.body.orderId).toBe(first.body.orderId);
    const executions = await c.console<{ name: string }[]>('executions?limit=10000');
    expect(executions.filter((e) => e.name === first.body.orderId)).toHaveLength(1);
  });
};

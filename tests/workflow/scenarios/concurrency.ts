/** Many orders at once on a low-stock product: no overselling, every order terminal, the books balanced. */
import { catalogue, netCharged, orderBody, inventoryIdentityHolds, type PaymentEvent } from '../../support/local-stack';
import { inventory, paymentQueueDrained, type StackRef } from './context';

const ORDERS = 25;

export const concurrencyScenarios = (stack: StackRef): void => {
  test(`${ORDERS} concurrent orders for a product with little stock never oversell and all reach a terminal state`, async () => {
    const c = stack();
    const product = catalogue()
      .filter((p) => p.stock > 0 && p.stock <= 10)
      .sort((a, b) => a.stock - b.stock)[0]!;
    const before = (await inventory(c)).get(product.productId)!;

    const placed = await Promise.all(Array.from({ length: ORDERS }, () => c.createOrder(orderBody({ [product.productId]: 1 }))));
    const orders = await Promise.all(placed.map((p) => c.waitForOrder(p.orderId)));
    await paymentQueueDrained(c);

    const completed = orders.filter((o) => o.status === 'COMPLETED');
    const failed = orders.filter((o) => o.status === 'FAILED');
    expect(completed).toHaveLength(before.available);
    expect(failed).toHaveLength(ORDERS - before.available);
    expect(failed.every((o) => o.failure?.error === 'OutOfStockError')).toBe(true);
    const after = await inventory(c);
    expect(after.get(product.productId)).toMatchObject({ available: 0, reserved: 0, sold: before.sold + before.available });
    expect(inventoryIdentityHolds([...after.values()])).toBe(true);
    const ledger = await c.console<PaymentEvent[]>('payments');
    for (const o of failed) expect(netCharged(ledger, o.orderId)).toBe(0);
    for (const o of completed) expect(netCharged(ledger, o.orderId)).toBe(product.unitPrice);
  });
};

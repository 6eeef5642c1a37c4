/**
 * Concurrent orders on the product with the least stock (limited-edition-print: 5): never oversold, with or
 * without a reservation step that crashes after reserving. Checked by the invariants (inventory identity,
 * available >= 0, counters equal to what the orders hold) and by counting what was sold.
 */
import '../../src/shared/silence-handlers';
import { checkInvariants } from '../../src/chaos/invariants';
import { httpReader, readSnapshot, waitForQuiet } from '../../src/chaos/snapshot';
import { catalogue, orderBody, startTestStack } from '../support/local-stack';
import { brokenInvariants } from './chaos-support';

const ORDERS = 30;
const product = catalogue().find((p) => p.productId === 'limited-edition-print')!;

const soldOut = async (faults: string) => {
  const c = await startTestStack({ faults, faultSeed: 11 });
  try {
    const placed = await Promise.all(Array.from({ length: ORDERS }, (_, i) => c.createOrder(orderBody({ [product.productId]: 1 + (i % 3 === 0 ? 1 : 0) }))));
    const orders = await Promise.all(placed.map((p) => c.waitForOrder(p.orderId)));
    const reader = httpReader(c.url, c.stack.apiKey);
    await waitForQuiet(reader, 20_000);
    const snapshot = await readSnapshot(reader);
    return { orders, snapshot, report: checkInvariants(snapshot) };
  } finally {
    await c.stop();
  }
};

describe(`${ORDERS} concurrent orders for ${product.productId} (stock ${product.stock})`, () => {
  test.each([
    ['no faults', ''],
    ['ReserveInventory crashing after it reserved', 'ReserveInventory:0.3:crash'],
  ])('%s: never oversold, and what is sold is what completed orders hold', async (_label, faults) => {
    const { orders, snapshot, report } = await soldOut(faults);

    const print = snapshot.products.find((p) => p.productId === product.productId)!;
    const unitsCompleted = orders.filter((o) => o.status === 'COMPLETED').reduce((n, o) => n + ((o.items as { quantity: number }[])[0]?.quantity ?? 0), 0);
    expect(brokenInvariants(report)).toEqual([]);
    expect(print.available).toBeGreaterThanOrEqual(0);
    expect(print.sold).toBe(unitsCompleted);
    expect(print.sold).toBeLessThanOrEqual(product.stock);
    expect(print.available + print.reserved + print.sold).toBe(product.stock);
    expect(orders.filter((o) => o.status === 'FAILED').some((o) => o.failure?.error === 'OutOfStockError')).toBe(true);
  });
});

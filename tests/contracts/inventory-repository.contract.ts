/**
 * The InventoryRepository contract: all-or-nothing reservations recorded on the order, idempotent release and
 * commit, a sale that completes the order in the same write, and stock that never goes below zero.
 */
import { InvalidTransitionError, OrderNotFoundError, OutOfStockError } from '../../src/domain/errors';
import type { Fulfilment } from '../../src/domain/order';
import type { InventoryRepository, OrderRepository, Product } from '../../src/domain/ports';
import { product } from '../unit/adapters/aws-fakes';
import { anOrder, caseOf, ContractClock, type Gaps } from './contract-support';

interface InventorySubject {
  inventory: InventoryRepository;
  /** The repository the reservations are recorded on (the same store). */
  orders: OrderRepository;
}

/** A fresh store holding exactly `products`. */
export type InventoryFactory = (clock: ContractClock, products: readonly Product[]) => Promise<InventorySubject>;


const FULFILMENT: Fulfilment = { carrier: 'DHL', trackingNumber: 'DHORDER1', estimatedDelivery: '2025-01-06' };

export const inventoryRepositoryContract = (implementation: string, factory: InventoryFactory, gaps?: Gaps): void => {
  const test = caseOf(gaps);

  describe(`InventoryRepository contract: ${implementation}`, () => {
    let clock: ContractClock;
    let inventory: InventoryRepository;
    let orders: OrderRepository;

    beforeEach(async () => {
      clock = new ContractClock();
      ({ inventory, orders } = await factory(clock, [product('widget', 10), product('gadget', 3)]));
      // PROCESSING: the status in which the workflow reserves, then sells.
      await orders.create(anOrder('order-1', { status: 'PROCESSING' }));
    });

    const counters = async (productId: string): Promise<Pick<Product, 'available' | 'reserved' | 'sold'> | undefined> => {
      const found = (await inventory.getProducts([productId])).get(productId);
      return found && { available: found.available, reserved: found.reserved, sold: found.sold };
    };

    test('reads products by id, each once, and leaves unknown ids out', async () => {
      const products = await inventory.getProducts(['widget', 'gadget', 'unknown', 'widget']);

      expect([...products.keys()].sort()).toEqual(['gadget', 'widget']);
      expect(products.get('gadget')).toEqual(product('gadget', 3));
      expect((await inventory.getProducts([])).size).toBe(0);
    });

    test('reserves every line, merged per product, records it on the order, and a repeat reserves nothing more', async () => {
      const lines = [
        { productId: 'widget', quantity: 3 },
        { productId: 'gadget', quantity: 3 },
        { productId: 'widget', quantity: 1 },
      ];

      const first = await inventory.reserve('order-1', lines);
      clock.advance(1000);
      const repeat = await inventory.reserve('order-1', [{ productId: 'widget', quantity: 5 }]);

      expect(first).toEqual({
        status: 'RESERVED',
        lines: [
          { productId: 'widget', quantity: 4 },
          { productId: 'gadget', quantity: 3 },
        ],
        reservedAt: '2026-05-25T09:00:00.000Z',
        updatedAt: '2026-05-25T09:00:00.000Z',
      });
      expect(repeat).toEqual(first);
      expect(await counters('widget')).toEqual({ available: 6, reserved: 4, sold: 0 });
      expect(await counters('gadget')).toEqual({ available: 0, reserved: 3, sold: 0 });
      expect((await orders.get('order-1'))?.reservation).toEqual(first);
    });

    test('reserves nothing when one line is short, and names the short product with what it has', async () => {
      const attempt = inventory.reserve('order-1', [
        { productId: 'widget', quantity: 2 },
        { productId: 'gadget', quantity: 4 },
      ]);

      await expect(attempt).rejects.toThrow(OutOfStockError);
      await expect(attempt).rejects.toMatchObject({ productId: 'gadget', requested: 4, available: 3 });
      expect(await counters('widget')).toEqual({ available: 10, reserved: 0, sold: 0 });
      expect(await counters('gadget')).toEqual({ available: 3, reserved: 0, sold: 0 });
      expect((await orders.get('order-1'))?.reservation).toBeUndefined();
    });

    test('counts repeated lines together against the stock', async () => {
      const attempt = inventory.reserve('order-1', [
        { productId: 'gadget', quantity: 2 },
        { productId: 'gadget', quantity: 2 },
      ]);

      await expect(attempt).rejects.toMatchObject({ name: 'OutOfStockError', productId: 'gadget', requested: 4, available: 3 });
      expect(await counters('gadget')).toEqual({ available: 3, reserved: 0, sold: 0 });
    });

    test('treats an unknown product as out of stock, with 0 available', async () => {
      await expect(inventory.reserve('order-1', [{ productId: 'unknown', quantity: 1 }])).rejects.toMatchObject({
        name: 'OutOfStockError',
        productId: 'unknown',
        requested: 1,
        available: 0,
      });
    });

    test('reserves, releases and commits nothing for an unknown order (OrderNotFoundError)', async () => {
      await expect(inventory.reserve('order-unknown', [{ productId: 'widget', quantity: 1 }])).rejects.toThrow(OrderNotFoundError);
      await expect(inventory.release('order-unknown')).rejects.toThrow(OrderNotFoundError);
      await expect(inventory.commit('order-unknown', FULFILMENT)).rejects.toThrow(OrderNotFoundError);
      expect(await counters('widget')).toEqual({ available: 10, reserved: 0, sold: 0 });
      expect(await orders.get('order-unknown')).toBeUndefined();
    });

    test('never sells more than the stock to concurrent orders', async () => {
      const ids = ['order-a', 'order-b', 'order-c', 'order-d', 'order-e'];
      for (const id of ids) await orders.create(anOrder(id, { status: 'PROCESSING' }));

      const outcomes = await Promise.allSettled(ids.map((id) => inventory.reserve(id, [{ productId: 'gadget', quantity: 2 }])));

      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      for (const outcome of outcomes) if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(OutOfStockError);
      expect(await counters('gadget')).toEqual({ available: 1, reserved: 2, sold: 0 });
    });

    test('sells the last units one order after another, then refuses with 0 available, never below zero', async () => {
      const buyers = ['buyer-0', 'buyer-1', 'buyer-2', 'buyer-3', 'buyer-4'];
      for (const id of buyers) await orders.create(anOrder(id, { status: 'PROCESSING' }));

      const outcomes: string[] = [];
      for (const id of buyers) {
        outcomes.push(
          await inventory.reserve(id, [{ productId: 'gadget', quantity: 1 }]).then(
            () => 'reserved',
            (error: unknown) => (error instanceof OutOfStockError ? `out of stock (${error.available} left)` : String(error)),
          ),
        );
      }

      expect(outcomes).toEqual(['reserved', 'reserved', 'reserved', 'out of stock (0 left)', 'out of stock (0 left)']);
      expect(await counters('gadget')).toEqual({ available: 0, reserved: 3, sold: 0 });
    });

    test('releases a reservation once; a released order cannot reserve again', async () => {
      await inventory.reserve('order-1', [{ productId: 'widget', quantity: 4 }]);
      clock.set('2026-05-25T09:05:00.000Z');

      const released = await inventory.release('order-1');
      const again = await inventory.release('order-1');
      const reserveAgain = await inventory.reserve('order-1', [{ productId: 'widget', quantity: 4 }]);

      expect(released).toMatchObject({ status: 'RELEASED', lines: [{ productId: 'widget', quantity: 4 }], updatedAt: '2026-05-25T09:05:00.000Z' });
      expect(again).toBeUndefined();
      expect(reserveAgain).toEqual(released);
      expect(await counters('widget')).toEqual({ available: 10, reserved: 0, sold: 0 });
      expect((await orders.get('order-1'))?.reservation).toEqual(released);
    });

    test('releases nothing for an order without a reservation', async () => {
      expect(await inventory.release('order-1')).toBeUndefined();
      expect(await counters('widget')).toEqual({ available: 10, reserved: 0, sold: 0 });
    });

    test('sells a reservation and completes the order in one write, once', async () => {
      await inventory.reserve('order-1', [{ productId: 'widget', quantity: 4 }]);
      clock.set('2026-05-25T09:10:00.000Z');

      const sold = await inventory.commit('order-1', FULFILMENT);
      const again = await inventory.commit('order-1', { ...FULFILMENT, trackingNumber: 'RE-PLANNED' });

      expect(sold).toMatchObject({ status: 'SOLD', lines: [{ productId: 'widget', quantity: 4 }], updatedAt: '2026-05-25T09:10:00.000Z' });
      expect(again).toEqual(sold);
      expect(await inventory.release('order-1')).toBeUndefined();
      expect(await counters('widget')).toEqual({ available: 6, reserved: 0, sold: 4 });
      expect(await orders.get('order-1')).toMatchObject({ status: 'COMPLETED', fulfilment: FULFILMENT, updatedAt: sold.updatedAt, reservation: sold });
    });

    test('commits nothing without a reservation, after a release, or when the order is no longer PROCESSING', async () => {
      await expect(inventory.commit('order-1', FULFILMENT)).rejects.toThrow(InvalidTransitionError);

      await orders.create(anOrder('order-released', { status: 'PROCESSING' }));
      await inventory.reserve('order-released', [{ productId: 'widget', quantity: 1 }]);
      await inventory.release('order-released');
      await expect(inventory.commit('order-released', FULFILMENT)).rejects.toThrow(InvalidTransitionError);

      await inventory.reserve('order-1', [{ productId: 'widget', quantity: 4 }]);
      await orders.changeStatus('order-1', { status: 'FAILED', from: ['PROCESSING'] });
      const before = await orders.get('order-1');
      await expect(inventory.commit('order-1', FULFILMENT)).rejects.toThrow(InvalidTransitionError);

      expect(await orders.get('order-1')).toEqual(before);
      expect((await orders.get('order-released'))?.status).toBe('PROCESSING');
      expect(await counters('widget')).toEqual({ available: 6, reserved: 4, sold: 0 });
    });
  });
};

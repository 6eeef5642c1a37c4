/**
 * The OrderRepository contract (src/domain/ports.ts): conditional create, newest-first paging with an opaque
 * position cursor that refuses anything it did not issue, and conditional status changes.
 */
import { InvalidCursorError, InvalidTransitionError, OrderAlreadyExistsError, OrderNotFoundError } from '../../src/domain/errors';
import type { Order, OrderStatus } from '../../src/domain/order';
import type { OrderRepository } from '../../src/domain/ports';
import { anOrder, caseOf, ContractClock, type Gaps } from './contract-support';

interface OrderRepositorySubject {
  orders: OrderRepository;
}

export type OrderRepositoryFactory = (clock: ContractClock) => Promise<OrderRepositorySubject>;

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');

/** Cursors no repository issued: each must be refused with InvalidCursorError, never a 500 nor a silent first page. */
export const FORGED_CURSORS: readonly [string, string][] = [
  ['garbage', 'not-a-cursor'],
  ['empty', ''],
  ['percent-encoded junk', '%7B%22x%22%7D'],
  ['base64 of a non-object', b64('42')],
  ['base64 of null', b64('null')],
  ['base64 of an array', b64('["2025-01-01T00:00:00.000Z","a"]')],
  ['a position with a number for createdAt', b64(JSON.stringify({ createdAt: 1, orderId: 'a' }))],
  ['a position without orderId', b64(JSON.stringify({ createdAt: '2025-01-01T00:00:00.000Z' }))],
  ['a position with an empty orderId', b64(JSON.stringify({ createdAt: '2025-01-01T00:00:00.000Z', orderId: '' }))],
  ['a position with an unknown status', b64(JSON.stringify({ createdAt: '2025-01-01T00:00:00.000Z', orderId: 'a', status: 'LOST' }))],
  ['a position beyond DynamoDB key limits', b64(JSON.stringify({ createdAt: '2025-01-01T00:00:00.000Z', orderId: 'x'.repeat(2049) }))],
  ['a prototype-named key', b64('{"__proto__":{"createdAt":"2025-01-01T00:00:00.000Z","orderId":"a"}}')],
];

export const orderRepositoryContract = (implementation: string, factory: OrderRepositoryFactory, gaps?: Gaps): void => {
  const test = caseOf(gaps);

  describe(`OrderRepository contract: ${implementation}`, () => {
    let clock: ContractClock;
    let orders: OrderRepository;

    beforeEach(async () => {
      clock = new ContractClock();
      ({ orders } = await factory(clock));
    });

    const allPages = async (status: OrderStatus | undefined, limit: number): Promise<string[]> => {
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await orders.list({ limit, ...(status && { status }), ...(cursor !== undefined && { cursor }) });
        expect(page.items.length).toBeLessThanOrEqual(limit);
        ids.push(...page.items.map((order) => order.orderId));
        cursor = page.nextCursor;
      } while (cursor !== undefined);
      return ids;
    };

    test('stores a new order and reads it back as stored', async () => {
      await orders.create(anOrder('order-1'));

      expect(await orders.get('order-1')).toEqual(anOrder('order-1'));
      expect(await orders.get('order-unknown')).toBeUndefined();
    });

    test('refuses a second create of one id with OrderAlreadyExistsError and keeps the first', async () => {
      await orders.create(anOrder('order-1', { customerId: 'first' }));

      const second = orders.create(anOrder('order-1', { customerId: 'second' }));

      await expect(second).rejects.toThrow(OrderAlreadyExistsError);
      await expect(second).rejects.toMatchObject({ orderId: 'order-1' });
      expect((await orders.get('order-1'))?.customerId).toBe('first');
    });

    test('lists newest first across statuses, ties broken by order id, page by page at any page size', async () => {
      const same = '2025-02-01T00:00:00.000Z';
      const stored: Order[] = [
        anOrder('a', { status: 'NEW', createdAt: '2025-01-01T00:00:00.000Z' }),
        anOrder('b', { status: 'FAILED', createdAt: same }),
        anOrder('c', { status: 'FAILED', createdAt: same }),
        anOrder('D', { status: 'COMPLETED', createdAt: same }),
        anOrder('e', { status: 'PROCESSING', createdAt: '2025-03-01T00:00:00.000Z' }),
        anOrder('f-1', { status: 'FAILED', createdAt: same }),
        anOrder('g', { status: 'NEW', createdAt: '2024-12-01T00:00:00.000Z' }),
      ];
      for (const order of stored) await orders.create(order);

      // Code-unit order: 'f-1' > 'c' > 'b' > 'D' (upper case sorts before lower case).
      for (const limit of [1, 2, 3, 10]) expect(await allPages(undefined, limit)).toEqual(['e', 'f-1', 'c', 'b', 'D', 'a', 'g']);
    });

    test('lists one status newest first, page by page', async () => {
      for (const [index, status] of (['NEW', 'NEW', 'COMPLETED', 'NEW', 'NEW', 'NEW'] as const).entries()) {
        await orders.create(anOrder(`order-${index}`, { status, createdAt: `2025-01-0${index + 1}T00:00:00.000Z` }));
      }

      expect(await allPages('NEW', 2)).toEqual(['order-5', 'order-4', 'order-3', 'order-1', 'order-0']);
      expect(await allPages('COMPLETED', 2)).toEqual(['order-2']);
      expect(await allPages('FAILED', 2)).toEqual([]);
    });

    test('a cursor is a position: orders created after the first page shift nothing on the next', async () => {
      for (let day = 1; day <= 4; day += 1) await orders.create(anOrder(`order-${day}`, { createdAt: `2025-01-0${day}T00:00:00.000Z` }));
      const first = await orders.list({ limit: 2 });

      await orders.create(anOrder('order-9', { createdAt: '2025-01-09T00:00:00.000Z' }));
      const second = await orders.list({ limit: 2, ...(first.nextCursor !== undefined && { cursor: first.nextCursor }) });

      expect(first.items.map((order) => order.orderId)).toEqual(['order-4', 'order-3']);
      expect(second.items.map((order) => order.orderId)).toEqual(['order-2', 'order-1']);
      expect(second.nextCursor).toBeUndefined();
    });

    test('refuses every cursor it did not issue with InvalidCursorError, with and without a status', async () => {
      await orders.create(anOrder('order-1'));

      for (const [, cursor] of FORGED_CURSORS) {
        await expect(orders.list({ limit: 5, cursor })).rejects.toThrow(InvalidCursorError);
        await expect(orders.list({ limit: 5, status: 'NEW', cursor })).rejects.toThrow(InvalidCursorError);
      }
    });

    test('changes status only from an allowed status, stamps updatedAt, and copies the given fields', async () => {
      await orders.create(anOrder('order-1'));
      clock.set('2026-05-25T10:00:00.000Z');

      const validated = await orders.changeStatus('order-1', { status: 'VALIDATED', from: ['NEW'], executionArn: 'arn:x' });

      expect(validated).toEqual({ ...anOrder('order-1'), status: 'VALIDATED', executionArn: 'arn:x', updatedAt: '2026-05-25T10:00:00.000Z' });
      expect(await orders.get('order-1')).toEqual(validated);
    });

    test('returns an order already in the target status unchanged (a retried step)', async () => {
      await orders.create(anOrder('order-1'));
      const validated = await orders.changeStatus('order-1', { status: 'VALIDATED', from: ['NEW'] });
      clock.advance(60_000);

      const again = await orders.changeStatus('order-1', { status: 'VALIDATED', from: ['NEW'], executionArn: 'arn:other' });

      expect(again).toEqual(validated);
      expect(await orders.get('order-1')).toEqual(validated);
    });

    test('refuses a transition from a status not listed, and one with no allowed status, changing nothing', async () => {
      await orders.create(anOrder('order-1'));

      await expect(orders.changeStatus('order-1', { status: 'COMPLETED', from: ['PROCESSING'] })).rejects.toThrow(InvalidTransitionError);
      await expect(orders.changeStatus('order-1', { status: 'FAILED', from: [] })).rejects.toThrow(InvalidTransitionError);
      expect(await orders.get('order-1')).toEqual(anOrder('order-1'));
    });

    test('changes the status of an unknown order with OrderNotFoundError, creating nothing', async () => {
      await expect(orders.changeStatus('order-unknown', { status: 'VALIDATED', from: ['NEW'] })).rejects.toThrow(OrderNotFoundError);
      expect(await orders.get('order-unknown')).toBeUndefined();
    });

    test('records the execution ARN on an existing order only', async () => {
      await orders.create(anOrder('order-1'));

      await orders.setExecutionArn('order-1', 'arn:aws:states:us-east-1:123456789012:execution:Orders:order-1');

      expect(await orders.get('order-1')).toEqual({ ...anOrder('order-1'), executionArn: 'arn:aws:states:us-east-1:123456789012:execution:Orders:order-1' });
      await expect(orders.setExecutionArn('order-unknown', 'arn')).rejects.toThrow(OrderNotFoundError);
      expect(await orders.get('order-unknown')).toBeUndefined();
    });
  });
};

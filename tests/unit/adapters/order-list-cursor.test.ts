import { decodeCursor, encodeCursor, newestFirst } from '../../../src/adapters/aws/order-list-cursor';
import { InvalidCursorError } from '../../../src/domain/errors';

describe('order list cursor', () => {
  it('round-trips a position as URL-safe text', () => {
    const position = { createdAt: '2025-06-01T00:00:00.000Z', orderId: 'order/+1', status: 'NEW' as const };

    const cursor = encodeCursor(position);

    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(position);
  });

  it.each([
    ['not base64 JSON', '!!!'],
    ['JSON that is not an object', Buffer.from('42').toString('base64url')],
    ['a missing order id', Buffer.from('{"createdAt":"x"}').toString('base64url')],
    ['an unknown status', Buffer.from('{"createdAt":"x","orderId":"y","status":"LOST"}').toString('base64url')],
  ])('rejects %s with InvalidCursorError', (_, cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(InvalidCursorError);
  });

  it('orders newest first, then by descending order id', () => {
    const positions = [
      { createdAt: '2025-01-01T00:00:00.000Z', orderId: 'a' },
      { createdAt: '2025-02-01T00:00:00.000Z', orderId: 'a' },
      { createdAt: '2025-02-01T00:00:00.000Z', orderId: 'b' },
    ];

    expect([...positions].sort(newestFirst).map((p) => `${p.createdAt.slice(5, 7)}${p.orderId}`)).toEqual(['02b', '02a', '01a']);
  });
});

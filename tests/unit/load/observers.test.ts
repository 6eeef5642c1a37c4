import { orderStatusOf, remoteObserver } from '../../../src/load/observers';

describe('orderStatusOf', () => {
  it('reads the order status off the execution', () => {
    expect(orderStatusOf('SUCCEEDED')).toBe('COMPLETED');
    expect(orderStatusOf('FAILED', 'ValidationError')).toBe('REJECTED');
    expect(orderStatusOf('FAILED', 'PaymentDeclinedError')).toBe('FAILED');
    expect(orderStatusOf('TIMED_OUT')).toBe('TIMED_OUT');
  });
});

describe('remoteObserver', () => {
  it('polls GET /orders/{id} until each order is terminal, and asks no more about those', async () => {
    const statuses: Record<string, string[]> = { a: ['PROCESSING', 'COMPLETED'], b: ['FAILED'] };
    const asked: string[] = [];
    const observer = remoteObserver({
      baseUrl: new URL('https://api.example.com/prod/'),
      apiKey: 'k',
      pollIntervalMs: 0,
      get: async (url, headers) => {
        expect(headers).toEqual({ 'x-api-key': 'k' });
        const id = url.pathname.split('/').at(-1) ?? '';
        asked.push(url.pathname);
        const status = statuses[id]?.shift() ?? 'COMPLETED';
        return { statusCode: 200, body: { orderId: id, status, ...(status === 'FAILED' ? { failure: { error: 'PaymentDeclinedError' } } : {}) } };
      },
    });
    const orders = [{ orderId: 'a' }, { orderId: 'b' }];

    expect(await observer.terminalCount(orders)).toBe(1);
    expect(await observer.terminalCount(orders)).toBe(2);
    const outcomes = await observer.outcomes(orders);

    expect(asked).toEqual(['/prod/orders/a', '/prod/orders/b', '/prod/orders/a']);
    expect(outcomes).toEqual([
      { orderId: 'a', status: 'COMPLETED', terminalAt: expect.any(Number) },
      { orderId: 'b', status: 'FAILED', error: 'PaymentDeclinedError', terminalAt: expect.any(Number) },
    ]);
  });

  it('leaves orders it never saw finish as RUNNING', async () => {
    const observer = remoteObserver({ baseUrl: new URL('http://x/'), apiKey: 'k', pollIntervalMs: 0, get: async () => ({ statusCode: 503, body: {} }) });

    expect(await observer.terminalCount([{ orderId: 'z' }])).toBe(0);
    expect(await observer.outcomes([{ orderId: 'z' }])).toEqual([{ orderId: 'z', status: 'RUNNING' }]);
  });
});

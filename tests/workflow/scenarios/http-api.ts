/** API Gateway behaviour of the local API: key, validation, unknown routes and orders, CORS, size limit, listing. */
import { orderBody, sleep } from '../../support/local-stack';
import type { StackRef } from './context';

interface ErrorBody {
  message: string;
  errors?: { field: string; message: string }[];
}

export const httpApiScenarios = (stack: StackRef): void => {
  test('403 with a JSON message without the API key or with a wrong one; nothing is created', async () => {
    const c = stack();
    const without = await c.request<ErrorBody>('POST', '/orders', { body: orderBody({ 'widget-blue': 1 }), key: null });
    const wrong = await c.request<ErrorBody>('GET', '/orders', { key: 'not-the-key' });

    expect(without.status).toBe(403);
    expect(without.body.message).toEqual(expect.any(String));
    expect(wrong.status).toBe(403);
  });

  // CreateOrder validates the body with the one schema (template.yaml says why the gateway does not): every
  // broken field is named, and nothing is stored or started.
  test('400 with field-level messages for a body that breaks the schema; no order, no execution', async () => {
    const c = stack();
    const executions = async (): Promise<number> =>
      Object.values((await c.console<{ executions: Record<string, number> }>('health')).executions).reduce((a, b) => a + b, 0);
    const before = await executions();
    const bad = { customerId: 5, currency: 'usd', items: [{ productId: 'widget-blue', quantity: '2', unitPrice: 1 }], amount: '3', payment: { method: 'card' } };

    const r = await c.request<ErrorBody>('POST', '/orders', { body: bad });

    expect(r.status).toBe(400);
    expect(r.body.message).toEqual(expect.any(String));
    const text = JSON.stringify(r.body.errors);
    for (const field of ['customerId', 'customerEmail', 'currency', 'items[0].quantity', 'amount', 'payment.token']) expect(text).toContain(field);
    expect(await executions()).toBe(before);
  });

  test('400 for a body that is not JSON', async () => {
    const r = await stack().request<ErrorBody>('POST', '/orders', { body: '{"customerId":' });

    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([{ field: 'body', message: expect.stringMatching(/malformed JSON/) }]);
  });

  test('404 with a JSON message for an unknown order', async () => {
    const r = await stack().request<ErrorBody>('GET', '/orders/no-such-order');

    expect(r.status).toBe(404);
    expect(r.body.message).toEqual(expect.any(String));
  });

  test('an unknown route or method is refused with 403, as API Gateway REST APIs do', async () => {
    const c = stack();
    expect((await c.request('GET', '/no-such-route')).status).toBe(403);
    expect((await c.request('DELETE', '/orders')).status).toBe(403);
  });

  test('413 for a body above 10 MB', async () => {
    const r = await stack().request('POST', '/orders', { body: JSON.stringify({ notes: 'x'.repeat(10 * 1024 * 1024 + 1) }) });

    expect(r.status).toBe(413);
  });

  test('CORS preflight answers without a key, with the template headers', async () => {
    const r = await stack().request('OPTIONS', '/orders', { key: null, headers: { Origin: 'https://shop.example', 'Access-Control-Request-Method': 'POST' } });

    expect(r.status).toBe(200);
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    expect(r.headers.get('access-control-allow-methods')).toContain('POST');
    expect(r.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('x-api-key');
  });

  test('GET /orders lists newest first with a status filter and a cursor', async () => {
    const c = stack();
    const ids = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await c.createOrder(orderBody({ 'cable-usb-c': 1 }))).orderId);
      await sleep(5); // distinct createdAt milliseconds, so "newest first" is well defined
    }
    for (const id of ids) await c.waitForOrder(id);

    const page1 = await c.request<{ orders: { orderId: string; status: string }[]; nextCursor?: string }>('GET', '/orders?status=COMPLETED&limit=2');
    const page2 = await c.request<{ orders: { orderId: string }[] }>('GET', `/orders?status=COMPLETED&limit=2&cursor=${encodeURIComponent(page1.body.nextCursor ?? '')}`);

    expect(page1.status).toBe(200);
    expect(page1.body.orders.map((o) => o.orderId)).toEqual([ids[2], ids[1]]);
    expect(page1.body.orders.every((o) => o.status === 'COMPLETED')).toBe(true);
    expect(page2.body.orders[0]?.orderId).toBe(ids[0]);
  });
};

/**
 * The cursor contract seen through the public surface: `GET /orders` on the local stack answers a cursor it did
 * not issue with 400 naming the field (it answered 500 while the SQLite repository threw a plain OrderError).
 */
import { FORGED_CURSORS } from './order-repository.contract';
import { orderBody, startTestStack, type StackClient } from '../support/local-stack';

describe('GET /orders with a forged cursor, on the local stack', () => {
  let client: StackClient;

  beforeAll(async () => {
    client = await startTestStack();
    await client.createOrder(orderBody({ 'widget-blue': 1 }));
  });

  afterAll(async () => {
    await client?.stop();
  });

  it.each(FORGED_CURSORS.filter(([, cursor]) => cursor !== ''))('answers 400 for %s', async (_, cursor) => {
    const response = await client.request<{ errors?: { field: string }[] }>('GET', `/orders?cursor=${encodeURIComponent(cursor)}`);

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
  });

  it('pages with the cursors it issues', async () => {
    await client.createOrder(orderBody({ 'widget-blue': 1 }));
    const first = await client.request<{ orders: { orderId: string }[]; nextCursor?: string }>('GET', '/orders?limit=1');

    const second = await client.request<{ orders: { orderId: string }[] }>('GET', `/orders?limit=1&cursor=${encodeURIComponent(first.body.nextCursor ?? '')}`);

    expect(first).toMatchObject({ status: 200, body: { orders: [expect.anything()], nextCursor: expect.any(String) } });
    expect(second).toMatchObject({ status: 200, body: { orders: [expect.anything()] } });
    expect(second.body.orders[0]?.orderId).not.toBe(first.body.orders[0]?.orderId);
  });
});

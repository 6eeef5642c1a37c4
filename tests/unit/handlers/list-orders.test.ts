import { DEFAULT_PAGE_SIZE, makeListOrdersHandler, MAX_PAGE_SIZE } from '../../../src/handlers/list-orders';
import type { Order, OrderStatus } from '../../../src/domain/order';
import { bodyOf, events } from '../../support/events';
import { makeFakeDeps, type FakeDeps } from '../../support/fakes';
import { invokeApi } from '../../support/invoke';
import { captureOutput, type CapturedOutput } from '../../support/output';

let deps: FakeDeps;
let output: CapturedOutput;
let handler: ReturnType<typeof makeListOrdersHandler>;

const order = (n: number, status: OrderStatus): Order => ({
  ...bodyOf(events.createOrder()),
  orderId: `order-${String(n).padStart(4, '0')}`,
  status,
  createdAt: new Date(Date.UTC(2026, 4, 25, 9, 0, n)).toISOString(),
  updatedAt: new Date(Date.UTC(2026, 4, 25, 9, 0, n)).toISOString(),
});

const listEvent = (query: Record<string, string> | null) => {
  const event = events.listOrders();
  event.queryStringParameters = query;
  return event;
};

const idsOf = (body: Record<string, unknown>) => (body.orders as { orderId: string }[]).map((o) => o.orderId);

beforeEach(async () => {
  deps = makeFakeDeps();
  handler = makeListOrdersHandler(deps);
  output = captureOutput();
  for (let n = 1; n <= 30; n++) await deps.orders.create(order(n, n % 3 === 0 ? 'COMPLETED' : 'FAILED'));
});
afterEach(() => output.restore());

describe('GET /orders', () => {
  it('answers the sample query (COMPLETED, 10 per page) newest first, without payment tokens', async () => {
    const answer = await invokeApi(handler, events.listOrders());

    expect(answer.statusCode).toBe(200);
    expect(answer.headers).toMatchObject({ 'Access-Control-Allow-Origin': '*' });
    expect(idsOf(answer.body)).toEqual(['order-0030', 'order-0027', 'order-0024', 'order-0021', 'order-0018', 'order-0015', 'order-0012', 'order-0009', 'order-0006', 'order-0003']);
    expect(answer.body).not.toHaveProperty('nextCursor');
    expect(JSON.stringify(answer.body)).not.toContain('tok_visa');
  });

  it(`pages through every order with the cursor, ${DEFAULT_PAGE_SIZE} at a time by default`, async () => {
    const first = await invokeApi(handler, listEvent(null));
    const second = await invokeApi(handler, listEvent({ cursor: String(first.body.nextCursor) }));

    expect(idsOf(first.body)).toHaveLength(DEFAULT_PAGE_SIZE);
    expect(typeof first.body.nextCursor).toBe('string');
    expect(idsOf(second.body)).toHaveLength(30 - DEFAULT_PAGE_SIZE);
    expect(second.body).not.toHaveProperty('nextCursor');
    expect(new Set([...idsOf(first.body), ...idsOf(second.body)]).size).toBe(30);
  });

  it(`accepts limits from 1 to ${MAX_PAGE_SIZE}`, async () => {
    expect(idsOf((await invokeApi(handler, listEvent({ limit: '1' }))).body)).toEqual(['order-0030']);
    expect(idsOf((await invokeApi(handler, listEvent({ limit: String(MAX_PAGE_SIZE) }))).body)).toHaveLength(30);
  });

  it('passes the parsed query to the repository', async () => {
    const list = jest.spyOn(deps.orders, 'list');

    await invokeApi(handler, listEvent({ status: 'FAILED', limit: '5', cursor: 'abc' }));
    await invokeApi(handler, listEvent({}));

    expect(list.mock.calls.map(([query]) => query)).toEqual([{ status: 'FAILED', limit: 5, cursor: 'abc' }, { limit: DEFAULT_PAGE_SIZE }]);
  });

  it.each(['0', '101', 'abc', '1.5', '-3', ''])('answers 400 for limit=%p', async (limit) => {
    const answer = await invokeApi(handler, listEvent({ limit }));

    expect(answer.statusCode).toBe(400);
    expect(answer.body).toEqual({ message: 'Invalid query string', errors: [{ field: 'limit', message: `must be an integer from 1 to ${MAX_PAGE_SIZE}` }] });
  });

  it.each(['completed', 'SHIPPED', '', 'constructor'])('answers 400 for status=%p', async (status) => {
    const answer = await invokeApi(handler, listEvent({ status }));

    expect(answer.statusCode).toBe(400);
    expect(answer.body.errors).toEqual([{ field: 'status', message: expect.stringContaining('must be one of NEW, VALIDATED') }]);
  });

  it('reports a bad status and a bad limit together', async () => {
    const answer = await invokeApi(handler, listEvent({ status: 'nope', limit: 'many' }));

    expect((answer.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['status', 'limit']);
  });

  it('answers 400 naming the cursor when the cursor was not issued by this API', async () => {
    const answer = await invokeApi(handler, listEvent({ cursor: 'not-a-cursor' }));

    expect(answer.statusCode).toBe(400);
    expect(answer.body).toEqual({ message: 'Invalid query string', errors: [{ field: 'cursor', message: 'The cursor is not valid' }] });
  });

  it('answers 500 with a generic message when the table fails', async () => {
    jest.spyOn(deps.orders, 'list').mockRejectedValueOnce(new Error('ValidationException: The table does not have the specified index: byStatus'));

    const answer = await invokeApi(handler, events.listOrders());

    expect(answer.statusCode).toBe(500);
    expect(answer.body).toEqual({ message: 'Internal server error' });
  });
});

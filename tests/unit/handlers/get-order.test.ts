import { makeGetOrderHandler } from '../../../src/handlers/get-order';
import type { Order } from '../../../src/domain/order';
import { bodyOf, events } from '../../support/events';
import { makeFakeDeps, type FakeDeps } from '../../support/fakes';
import { invokeApi } from '../../support/invoke';
import { captureOutput, type CapturedOutput } from '../../support/output';

const ORDER_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

let deps: FakeDeps;
let output: CapturedOutput;
let handler: ReturnType<typeof makeGetOrderHandler>;

const failedOrder = (): Order => ({
  ...bodyOf(events.createOrder()),
  orderId: ORDER_ID,
  status: 'FAILED',
  createdAt: '2026-05-25T09:00:00.000Z',
  updatedAt: '2026-05-25T09:00:04.000Z',
  failure: { state: 'ProcessPayment', error: 'PaymentDeclinedError', cause: 'Insufficient funds' },
});

beforeEach(async () => {
  deps = makeFakeDeps();
  handler = makeGetOrderHandler(deps);
  output = captureOutput();
  await deps.orders.create(failedOrder());
});
afterEach(() => output.restore());

describe('GET /orders/{orderId}', () => {
  it('answers 200 with the order, its status, timestamps and failure', async () => {
    const answer = await invokeApi(handler, events.getOrder());

    expect(answer.statusCode).toBe(200);
    expect(answer.headers).toMatchObject({ 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' });
    expect(answer.body).toMatchObject({
      orderId: ORDER_ID,
      status: 'FAILED',
      createdAt: '2026-05-25T09:00:00.000Z',
      updatedAt: '2026-05-25T09:00:04.000Z',
      failure: { state: 'ProcessPayment', error: 'PaymentDeclinedError', cause: 'Insufficient funds' },
    });
  });

  it('never returns the payment token', async () => {
    const answer = await invokeApi(handler, events.getOrder());

    expect(answer.body.payment).toEqual({ method: 'card' });
    expect(JSON.stringify(answer.body)).not.toContain('tok_visa');
  });

  it('answers 404 with a JSON message for an unknown id', async () => {
    const answer = await invokeApi(handler, events.getOrderUnknown());

    expect(answer).toEqual({
      statusCode: 404,
      headers: expect.objectContaining({ 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' }),
      body: { message: 'Order does-not-exist not found' },
    });
  });

  it('answers 400 when the path has no order id', async () => {
    const event = events.getOrder();
    event.pathParameters = null;

    const answer = await invokeApi(handler, event);

    expect(answer.statusCode).toBe(400);
    expect(answer.body).toEqual({ message: 'Missing order id', errors: [{ field: 'orderId', message: 'is required' }] });
  });

  it('answers 500 with a generic message when the table fails', async () => {
    jest.spyOn(deps.orders, 'get').mockRejectedValueOnce(new Error('ResourceNotFoundException: Requested resource not found: Table: orders-prod'));

    const answer = await invokeApi(handler, events.getOrder());

    expect(answer.statusCode).toBe(500);
    expect(answer.body).toEqual({ message: 'Internal server error' });
    expect(answer.headers).toMatchObject({ 'Access-Control-Allow-Origin': '*' });
  });

  it('never logs the customer email or the token', async () => {
    await invokeApi(handler, events.getOrder());
    await invokeApi(handler, events.getOrderUnknown());

    expect(output.text()).not.toMatch(/ada@example\.com|tok_visa/);
  });
});

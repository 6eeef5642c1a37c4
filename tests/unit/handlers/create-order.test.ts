import { makeCreateOrderHandler } from '../../../src/handlers/create-order';
import { bodyOf, createOrderEvent, events } from '../../support/events';
import { makeFakeDeps, type FakeDeps } from '../../support/fakes';
import { invokeApi } from '../../support/invoke';
import { captureOutput, logLines, type CapturedOutput } from '../../support/output';

let deps: FakeDeps;
let handler: ReturnType<typeof makeCreateOrderHandler>;
let output: CapturedOutput;

beforeEach(() => {
  deps = makeFakeDeps();
  handler = makeCreateOrderHandler(deps);
  output = captureOutput();
});
afterEach(() => output.restore());

const valid = () => bodyOf(events.createOrder()) as unknown as Record<string, unknown>;
const withBody = (change: (body: Record<string, unknown>) => unknown) => {
  const body = valid();
  const changed = change(body);
  return createOrderEvent(changed === undefined ? body : changed);
};
const fieldsOf = (body: Record<string, unknown>) => (body.errors as { field: string; message: string }[]).map((e) => e.field);

describe('POST /orders', () => {
  it('accepts the sample order with 202, its id, status, execution and links', async () => {
    // Act
    const answer = await invokeApi(handler, events.createOrder());

    // Assert
    expect(answer).toEqual({
      statusCode: 202,
      headers: expect.objectContaining({ 'Content-Type': 'application/json', Location: '/orders/order-0001', 'Access-Control-Allow-Origin': '*' }),
      body: {
        orderId: 'order-0001',
        status: 'NEW',
        executionArn: 'arn:aws:states:us-east-1:123456789012:execution:OrderWorkflow:order-0001',
        links: { self: '/orders/order-0001' },
      },
    });
    expect(deps.orders.all()).toEqual([expect.objectContaining({ ...valid(), orderId: 'order-0001', status: 'NEW' })]);
    expect([...deps.workflow.executions.keys()]).toEqual(['order-0001']);
  });

  it('accepts an order that breaks business rules: the workflow, not the API, rejects it', async () => {
    const answer = await invokeApi(handler, events.createOrderRejected());

    expect(answer.statusCode).toBe(202);
  });

  it('accepts a body sent base64-encoded', async () => {
    const event = events.createOrder();
    event.body = Buffer.from(event.body ?? '').toString('base64');
    event.isBase64Encoded = true;

    expect((await invokeApi(handler, event)).statusCode).toBe(202);
  });

  it('counts a new order in the OrderCreated metric', async () => {
    await invokeApi(handler, events.createOrder());

    const emf = output.records().filter((r) => '_aws' in r);
    expect(emf).toContainEqual(expect.objectContaining({ OrderCreated: 1 }));
  });

  it('tags its logs with the API request id as correlation id', async () => {
    await invokeApi(handler, events.createOrder());

    const accepted = logLines(output).find((line) => line.message === 'Order accepted');
    expect(accepted).toMatchObject({ correlation_id: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef', orderId: 'order-0001' });
  });

  describe('Idempotency-Key', () => {
    it('returns the first answer again for the same key and body, without a second execution or metric', async () => {
      const first = await invokeApi(handler, events.createOrderIdempotent());
      const again = await invokeApi(handler, events.createOrderIdempotent());

      expect(again.statusCode).toBe(202);
      expect(again.body).toEqual(first.body);
      expect(again.headers).toMatchObject({ 'Idempotent-Replayed': 'true' });
      expect(first.headers).not.toHaveProperty('Idempotent-Replayed');
      expect(deps.workflow.calls).toEqual(['order-0001']);
      expect(output.records().filter((r) => 'OrderCreated' in r)).toHaveLength(1);
    });

    it('matches the header whatever its case', async () => {
      const first = await invokeApi(handler, createOrderEvent(valid(), { 'IDEMPOTENCY-KEY': 'k-1' }));
      const again = await invokeApi(handler, createOrderEvent(valid(), { 'idempotency-key': 'k-1' }));

      expect(again.body.orderId).toBe(first.body.orderId);
    });

    it('answers 422 with the header named when the key comes back with another body', async () => {
      await invokeApi(handler, events.createOrderIdempotent());
      const event = events.createOrderIdempotent();
      event.body = JSON.stringify({ ...valid(), amount: 1 });

      const answer = await invokeApi(handler, event);

      expect(answer.statusCode).toBe(422);
      expect(answer.body).toEqual({
        message: expect.stringContaining('already used with a different request body'),
        errors: [{ field: 'Idempotency-Key', message: expect.any(String) }],
      });
      expect(answer.headers).toMatchObject({ 'Access-Control-Allow-Origin': '*' });
      expect(deps.orders.all()).toHaveLength(1);
    });

    it('ignores an empty key', async () => {
      await invokeApi(handler, createOrderEvent(valid(), { 'Idempotency-Key': '' }));
      await invokeApi(handler, createOrderEvent(valid(), { 'Idempotency-Key': '' }));

      expect(deps.orders.all()).toHaveLength(2);
      expect(deps.idempotency.records.size).toBe(0);
    });
  });

  describe('bad requests answer 400 with field-level errors', () => {
    it('for malformed JSON (the sample event)', async () => {
      const answer = await invokeApi(handler, events.createOrderMalformedJson());

      expect(answer).toMatchObject({ statusCode: 400, headers: { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' } });
      expect(answer.body).toEqual({
        message: 'Invalid request: Invalid or malformed JSON was provided',
        errors: [{ field: 'body', message: 'Invalid or malformed JSON was provided' }],
      });
    });

    it('for the sample invalid body, naming every bad field', async () => {
      const answer = await invokeApi(handler, events.createOrderInvalidBody());

      expect(answer.statusCode).toBe(400);
      expect(answer.body.message).toBe('Invalid request body');
      expect(answer.body.errors).toEqual(
        expect.arrayContaining([
          { field: 'coupon', message: 'is not allowed' },
          { field: 'customerId', message: expect.stringContaining('must match pattern') },
          { field: 'customerEmail', message: expect.stringContaining('must match pattern') },
          { field: 'currency', message: expect.stringContaining('must match pattern') },
          { field: 'items[0].quantity', message: 'must be integer' },
          { field: 'amount', message: 'must be >= 0' },
          { field: 'payment.token', message: 'is required' },
        ]),
      );
    });

    it.each([
      ['customerId', 'customerId'],
      ['customerEmail', 'customerEmail'],
      ['currency', 'currency'],
      ['items', 'items'],
      ['amount', 'amount'],
      ['payment', 'payment'],
    ])('for a missing %s', async (property, field) => {
      const answer = await invokeApi(handler, withBody((body) => void delete body[property]));

      expect(answer.statusCode).toBe(400);
      expect(answer.body.errors).toEqual([{ field, message: 'is required' }]);
    });

    it.each<[string, (body: Record<string, unknown>) => unknown, string, string]>([
      ['the amount as a string', (b) => void (b.amount = '49.97'), 'amount', 'must be number'],
      ['a quantity as a string', (b) => void ((b.items as Record<string, unknown>[])[0]!.quantity = '2'), 'items[0].quantity', 'must be integer'],
      ['a fractional quantity', (b) => void ((b.items as Record<string, unknown>[])[0]!.quantity = 1.5), 'items[0].quantity', 'must be integer'],
      ['a zero quantity', (b) => void ((b.items as Record<string, unknown>[])[0]!.quantity = 0), 'items[0].quantity', 'must be >= 1'],
      ['a negative unit price', (b) => void ((b.items as Record<string, unknown>[])[0]!.unitPrice = -0.01), 'items[0].unitPrice', 'must be >= 0'],
      ['a customer id as a number', (b) => void (b.customerId = 1001), 'customerId', 'must be string'],
      ['an amount of 1e308', (b) => void (b.amount = 1e308), 'amount', 'must be <= 100000000'],
      ['a boolean for items', (b) => void (b.items = true), 'items', 'must be array'],
      ['no items', (b) => void (b.items = []), 'items', 'must NOT have fewer than 1 items'],
      ['51 items', (b) => void (b.items = Array.from({ length: 51 }, () => ({ productId: 'widget-blue', quantity: 1, unitPrice: 1 }))), 'items', 'must NOT have more than 50 items'],
      ['an extra field on a line', (b) => void ((b.items as Record<string, unknown>[])[0]!.discount = 5), 'items[0].discount', 'is not allowed'],
      ['an extra field in payment', (b) => void ((b.payment as Record<string, unknown>).cvv = '123'), 'payment.cvv', 'is not allowed'],
      ['another payment method', (b) => void ((b.payment as Record<string, unknown>).method = 'cash'), 'payment.method', 'must be equal to one of the allowed values'],
      ['a token with spaces', (b) => void ((b.payment as Record<string, unknown>).token = 'tok visa'), 'payment.token', expect.stringContaining('must match pattern') as unknown as string],
      ['a constructor key', (b) => void Reflect.set(b, 'constructor', 'x'), 'constructor', 'is not allowed'],
      ['a shipping address without a city', (b) => void delete (b.shippingAddress as Record<string, unknown>).city, 'shippingAddress.city', 'is required'],
      ['a 501-character note', (b) => void (b.notes = 'n'.repeat(501)), 'notes', 'must NOT have more than 500 characters'],
    ])('for %s', async (_, change, field, message) => {
      const answer = await invokeApi(handler, withBody(change));

      expect(answer.statusCode).toBe(400);
      expect(answer.body).toEqual({ message: 'Invalid request body', errors: [{ field, message }] });
    });

    it.each([
      ['null', 'null'],
      ['an array', '[]'],
      ['a string', '"order"'],
      ['a number', '42'],
    ])('for a JSON body that is %s', async (_, body) => {
      const answer = await invokeApi(handler, createOrderEvent(body));

      expect(answer.statusCode).toBe(400);
      expect(answer.body).toEqual({ message: 'Invalid request body', errors: [{ field: 'body', message: 'must be object' }] });
    });

    it.each([
      ['at the top', '{"__proto__": {"polluted": true}, "customerId": "c"}'],
      ['nested in a line', '{"items": [{"__proto__": {"polluted": true}}]}'],
      ['as constructor.prototype', '{"constructor": {"prototype": {"polluted": true}}}'],
    ])('for a __proto__ key %s, without polluting Object.prototype', async (_, body) => {
      const answer = await invokeApi(handler, createOrderEvent(body));

      expect(answer.statusCode).toBe(400);
      expect(answer.body).toEqual({ message: 'Invalid request: Forbidden key in JSON body', errors: [{ field: 'body', message: 'Forbidden key in JSON body' }] });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('for a body that is missing or not sent as JSON', async () => {
      const noBody = events.createOrder();
      noBody.body = null;
      const noContentType = events.createOrder();
      delete noContentType.headers['Content-Type'];

      for (const event of [noBody, noContentType]) {
        const answer = await invokeApi(handler, event);
        expect(answer.statusCode).toBe(400);
        expect(answer.body.errors).toEqual([{ field: 'body', message: 'must be object' }]);
      }
    });

    it('for a huge array, reporting only the first 20 problems so the answer stays small', async () => {
      const answer = await invokeApi(handler, withBody((b) => void (b.items = Array.from({ length: 20_000 }, () => ({})))));

      expect(answer.statusCode).toBe(400);
      expect(answer.body.errors).toHaveLength(20);
      expect(fieldsOf(answer.body)).toContain('items');
    });

    it('stores nothing and starts nothing', async () => {
      await invokeApi(handler, events.createOrderInvalidBody());
      await invokeApi(handler, events.createOrderMalformedJson());

      expect(deps.orders.all()).toEqual([]);
      expect(deps.workflow.calls).toEqual([]);
    });

    it('logs the rejection as a warning, not as an error', async () => {
      await invokeApi(handler, events.createOrderInvalidBody());

      const levels = logLines(output).map((line) => line.level);
      expect(levels).toContain('WARN');
      expect(levels).not.toContain('ERROR');
    });
  });

  describe('unexpected failures', () => {
    it.each<[string, (d: FakeDeps) => void]>([
      ['the idempotency store', (d) => void jest.spyOn(d.idempotency, 'claim').mockRejectedValue(new Error('ResourceNotFoundException: table orders-idem-prod in 123456789012'))],
      ['the order table', (d) => void jest.spyOn(d.orders, 'create').mockRejectedValue(new Error('ResourceNotFoundException: table orders-prod in 123456789012'))],
      ['Step Functions', (d) => void jest.spyOn(d.workflow, 'start').mockRejectedValue(new Error('AccessDeniedException: states:StartExecution on arn:aws:states:…'))],
    ])('answer 500 with a generic JSON message when %s fails, leaking nothing', async (_, breakIt) => {
      breakIt(deps);

      const answer = await invokeApi(handler, events.createOrderIdempotent());

      expect(answer).toEqual({
        statusCode: 500,
        headers: expect.objectContaining({ 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' }),
        body: { message: 'Internal server error' },
      });
      const error = logLines(output).find((line) => line.level === 'ERROR');
      expect(error).toMatchObject({ message: 'Unhandled error', error: { message: expect.stringMatching(/Exception/) } });
    });
  });

  describe('logs', () => {
    it('never contain the payment token or the customer email, whatever the outcome', async () => {
      await invokeApi(handler, events.createOrder());
      await invokeApi(handler, events.createOrderIdempotent());
      await invokeApi(handler, createOrderEvent({ ...valid(), amount: 'x' }, { 'Idempotency-Key': '7d4c6f0e-3b1a-4c1e-9a51-2f1f5d0b8a11' }));
      await invokeApi(handler, createOrderEvent({ ...valid(), amount: 1 }, { 'Idempotency-Key': '7d4c6f0e-3b1a-4c1e-9a51-2f1f5d0b8a11' }));
      await invokeApi(handler, createOrderEvent('{"customerEmail": "ada@example.com", "payment": {"token": "tok_visa"'));
      jest.spyOn(deps.orders, 'create').mockRejectedValueOnce(new Error('write failed for ada@example.com paying with tok_visa'));
      await invokeApi(handler, events.createOrder());

      const text = output.text();
      expect(logLines(output).length).toBeGreaterThan(5);
      expect(text).not.toContain('tok_visa');
      expect(text).not.toContain('ada@example.com');
    });
  });
});

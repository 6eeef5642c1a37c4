/**
 * Two request rules that hold on AWS and on the local stack alike, each checked on both paths: the create-order
 * handler as Lambda runs it (with the fakes), and the local stack over HTTP (API Gateway's model validation, then
 * the same handler).
 *  - `Idempotency-Key`: 1 to 255 characters of letters, digits and `- _ . : ~ + / =` (src/domain/idempotency-key.ts).
 *    A longer key once reached DynamoDB, which refuses partition keys over 2,048 bytes: a 500 on AWS.
 *  - Amounts in whole cents (`multipleOf: 0.01` in the schema, checked in decimal as API Gateway does): 19.994 for a
 *    19.99 item once passed the amount rule (compared in rounded cents) and was charged as sent.
 */
import '../../src/shared/silence-handlers';
import { makeCreateOrderHandler } from '../../src/handlers/create-order';
import { IDEMPOTENCY_KEY_MAX_LENGTH } from '../../src/domain/idempotency-key';
import { bodyOf, createOrderEvent, events } from '../support/events';
import { makeFakeDeps } from '../support/fakes';
import { invokeApi } from '../support/invoke';
import { orderBody, startTestStack, type StackClient } from '../support/local-stack';

interface Answer {
  status: number;
  body: { message?: unknown; errors?: { field: string; message: string }[] };
}

type Post = (body: unknown, headers?: Record<string, string>) => Promise<Answer>;

const viaHandler: Post = async (body, headers = {}) => {
  const answer = await invokeApi(makeCreateOrderHandler(makeFakeDeps()), createOrderEvent(body, headers));
  return { status: answer.statusCode, body: answer.body as Answer['body'] };
};

let stack: StackClient;
const viaLocalStack: Post = async (body, headers = {}) => {
  const r = await stack.request<Answer['body']>('POST', '/orders', { body, headers });
  return { status: r.status, body: r.body };
};

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.stop());

const sample = (): Record<string, unknown> => bodyOf(events.createOrder()) as unknown as Record<string, unknown>;
/** One widget-blue (catalogue price 19.99) at `unitPrice`, for `amount`. */
const blueWidget = (unitPrice: number, amount: number): Record<string, unknown> => ({ ...orderBody({ 'widget-blue': 1 }), items: [{ productId: 'widget-blue', quantity: 1, unitPrice }], amount });

const BAD_KEYS: [string, string][] = [
  ['longer than DynamoDB accepts (2,049 bytes)', 'k'.repeat(2049)],
  ['10 KB, what API Gateway passes', 'k'.repeat(10_000)],
  [`one over the limit (${IDEMPOTENCY_KEY_MAX_LENGTH + 1} characters)`, 'k'.repeat(IDEMPOTENCY_KEY_MAX_LENGTH + 1)],
  ['with a space', 'order 42'],
  ['quoted', '"8e03978e-40d5-43e8-bc93-6894a57f9324"'],
  ['with a non-ASCII letter (sent as UTF-8 bytes)', Buffer.from('clé-42', 'utf8').toString('latin1')],
  ['with a semicolon', 'a;b'],
];

const GOOD_KEYS: [string, string][] = [
  ['a UUID', '8e03978e-40d5-43e8-bc93-6894a57f9324'],
  [`exactly ${IDEMPOTENCY_KEY_MAX_LENGTH} characters`, 'k'.repeat(IDEMPOTENCY_KEY_MAX_LENGTH)],
  ['a prefixed key', 'order:2026-05-25:42'],
  ['a base64 digest', 'q83vEjRWeJA+/w=='],
];

describe.each([
  ['the Lambda handler (AWS)', viaHandler],
  ['the local stack over HTTP', viaLocalStack],
] as const)('%s', (_path, post) => {
  describe('Idempotency-Key', () => {
    test.each(BAD_KEYS)('%s → 400 with a field-level message', async (_label, key) => {
      const answer = await post(sample(), { 'Idempotency-Key': key });

      expect(answer.status).toBe(400);
      expect(answer.body.errors).toEqual([{ field: 'Idempotency-Key', message: expect.any(String) }]);
    });

    test.each(GOOD_KEYS)('%s → 202', async (_label, key) => {
      expect((await post(sample(), { 'Idempotency-Key': key })).status).toBe(202);
    });
  });

  describe('amounts in whole cents', () => {
    test.each([
      ['19.99', 19.99, 19.99],
      ['the sum of 0.1 + 0.2-style float noise (19.990000000000002)', 19.99, 19.990000000000002],
      ['19.994', 19.99, 19.994],
      ['19.995', 19.99, 19.995],
      ['a unit price of 19.994', 19.994, 19.99],
      ['0.1 + 0.2 as a unit price', 0.1 + 0.2, 19.99],
    ])('%s', async (label, unitPrice, amount) => {
      const answer = await post(blueWidget(unitPrice, amount));

      if (label === '19.99') {
        expect(answer.status).toBe(202);
      } else {
        expect(answer.status).toBe(400);
        expect(answer.body.errors).toEqual([expect.objectContaining({ field: expect.any(String), message: expect.any(String) })]);
        // The handler names the field. API Gateway's own 400 (the template's BAD_REQUEST_BODY response) cannot:
        // its validation message holds unescaped quotes, so it says only that the body does not match the model.
        if (post === viaHandler) expect(answer.body.errors).toEqual([{ field: unitPrice === 19.99 ? 'amount' : 'items[0].unitPrice', message: 'must be multiple of 0.01' }]);
      }
    });
  });
});

test('the local stack charges the validated amount: 19.99 for one blue widget', async () => {
  const { orderId } = await stack.createOrder(blueWidget(19.99, 19.99));

  const order = await stack.waitForOrder(orderId);

  expect({ status: order.status, charge: order.charge?.amount }).toEqual({ status: 'COMPLETED', charge: 19.99 });
});

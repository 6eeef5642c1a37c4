/**
 * The handler property test's generated bodies (tests/property/arbitraries.ts, same seeds, so these are the
 * first cases of its runs), sent over HTTP to the local stack's `POST /orders` with the API key: API Gateway's
 * model validation and the handler together must answer 202 only for a body the schema accepts and otherwise a
 * 400 JSON error with field-level messages; never a 5xx, the server stays up, and no body changes
 * Object.prototype (the stack runs in this process, so pollution would show here). 1,000 cases per run; the
 * handler test covers 5,000 without the network.
 */
import '../../src/shared/silence-handlers';
import fc from 'fast-check';
import { anyCreateOrderBody, damagedOrder, isSchemaValid, rawBody, type BodyCase } from './arbitraries';
import { startTestStack, orderBody, type StackClient } from '../support/local-stack';

/** The handler property test's seeds. */
const SEED = 20260525;
const RUNS = { any: 500, damaged: 300, raw: 200 };
const HEALTH_EVERY = 100;

const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
const tried = new Map<string, number>();
const statuses = new Map<number, number>();
let c: StackClient;

beforeAll(async () => {
  c = await startTestStack();
});
afterAll(async () => {
  await c.stop();
  const total = [...tried.values()].reduce((a, b) => a + b, 0);
  const answers = [...statuses.entries()].map(([status, n]) => `${status}: ${n}`).join(', ');
  const kinds = [...tried.entries()].sort(([, a], [, b]) => b - a).map(([kind, n]) => `${kind}: ${n}`);
  process.stdout.write(`Generated create-order bodies tried over HTTP: ${total} (answers ${answers})\n  ${kinds.join('\n  ')}\n`);
});

interface Answer {
  status: number;
  contentType: string | null;
  body: { message?: unknown; errors?: unknown; orderId?: unknown } | undefined;
}

const post = async ({ kind, body }: BodyCase): Promise<Answer> => {
  tried.set(kind, (tried.get(kind) ?? 0) + 1);
  const response = await c.request<Answer['body']>('POST', '/orders', { body, headers: { 'content-type': 'application/json' } });
  statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
  if (tried.size > 0 && [...tried.values()].reduce((a, b) => a + b, 0) % HEALTH_EVERY === 0) await c.console('health');
  return { status: response.status, contentType: response.headers.get('content-type'), body: typeof response.body === 'object' ? response.body : undefined };
};

const isFieldError = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && typeof (e as { field?: unknown }).field === 'string' && typeof (e as { message?: unknown }).message === 'string';

/** What the server receives: the text as UTF-8 (lone surrogates in generated text become U+FFFD on the wire). */
const onTheWire = (text: string): string => Buffer.from(text, 'utf8').toString('utf8');

const answersByTheContract = async (testCase: BodyCase): Promise<void> => {
  const answer = await post(testCase);

  expect(answer.contentType).toMatch(/^application\/json/);
  if (isSchemaValid(onTheWire(testCase.body))) {
    expect({ status: answer.status, orderId: typeof answer.body?.orderId }).toEqual({ status: 202, orderId: 'string' });
  } else {
    expect(answer.status).toBe(400);
    expect(typeof answer.body?.message).toBe('string');
    const errors = answer.body?.errors;
    expect(Array.isArray(errors) && errors.length > 0 && errors.every(isFieldError)).toBe(true);
  }
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
};

describe('POST /orders over HTTP with the handler test’s generated bodies', () => {
  test(`mixed good and bad bodies (${RUNS.any})`, async () => {
    await fc.assert(fc.asyncProperty(anyCreateOrderBody, answersByTheContract), { numRuns: RUNS.any, seed: SEED });
  });

  test(`damaged orders (${RUNS.damaged})`, async () => {
    await fc.assert(fc.asyncProperty(damagedOrder, answersByTheContract), { numRuns: RUNS.damaged, seed: SEED + 1 });
  });

  test(`raw text, wrong JSON shapes, truncated JSON (${RUNS.raw})`, async () => {
    await fc.assert(fc.asyncProperty(rawBody, answersByTheContract), { numRuns: RUNS.raw, seed: SEED + 2 });
  });

  test('afterwards the stack is up and still takes and completes an order', async () => {
    const health = await c.console<{ status: string }>('health');
    const { orderId } = await c.createOrder(orderBody({ 'cable-usb-c': 1 }));

    expect(health.status).toBe('ok');
    expect((await c.waitForOrder(orderId)).status).toBe('COMPLETED');
    expect(statuses.size > 0 && [...statuses.keys()].every((s) => s === 202 || s === 400)).toBe(true);
  });
});

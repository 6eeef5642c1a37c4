/**
 * POST /orders under generated bodies (5,000 per run, fixed seed): the handler always answers, with 202 only for
 * a body the schema accepts and otherwise a 400 JSON error with field-level messages; never a 5xx, never a throw,
 * and no body can change Object.prototype.
 */
import fc from 'fast-check';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { makeCreateOrderHandler } from '../../src/handlers/create-order';
import { createOrderEvent } from '../support/events';
import { makeFakeDeps } from '../support/fakes';
import { invoke } from '../support/invoke';
import { captureOutput, type CapturedOutput } from '../support/output';
import { anyCreateOrderBody, damagedOrder, isSchemaValid, rawBody, wellFormedOrder, type BodyCase } from './arbitraries';

const SEED = 20260525;
const deps = makeFakeDeps();
const handler = makeCreateOrderHandler(deps);
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
const tried = new Map<string, number>();
const statuses = new Map<number, number>();
let output: CapturedOutput;

beforeAll(() => {
  output = captureOutput();
});
afterAll(() => {
  output.restore();
  const total = [...tried.values()].reduce((a, b) => a + b, 0);
  const kinds = [...tried.entries()].sort(([, a], [, b]) => b - a).map(([kind, n]) => `${kind}: ${n}`);
  const answers = [...statuses.entries()].map(([status, n]) => `${status}: ${n}`).join(', ');
  console.info(`Generated create-order bodies tried: ${total} (answers ${answers})\n  ${kinds.join('\n  ')}`);
});

interface Answer {
  statusCode: number;
  headers: Record<string, unknown>;
  body: { message?: unknown; errors?: unknown; orderId?: unknown };
}

const post = async ({ kind, body }: BodyCase): Promise<Answer> => {
  tried.set(kind, (tried.get(kind) ?? 0) + 1);
  const result: APIGatewayProxyResult = await invoke(handler, createOrderEvent(body));
  statuses.set(result.statusCode, (statuses.get(result.statusCode) ?? 0) + 1);
  return { statusCode: result.statusCode, headers: { ...result.headers }, body: JSON.parse(result.body) as Answer['body'] };
};

const isFieldError = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && typeof (e as { field?: unknown }).field === 'string' && typeof (e as { message?: unknown }).message === 'string';

/** The contract, checked for one case. */
const answersByTheContract = async (testCase: BodyCase): Promise<void> => {
  const answer = await post(testCase);

  expect(answer.headers['Access-Control-Allow-Origin']).toBe('*');
  expect(answer.headers['Content-Type']).toBe('application/json');
  if (isSchemaValid(testCase.body)) {
    expect(answer.statusCode).toBe(202);
    expect(typeof answer.body.orderId).toBe('string');
  } else {
    expect(answer.statusCode).toBe(400);
    expect(typeof answer.body.message).toBe('string');
    expect(Array.isArray(answer.body.errors) && answer.body.errors.length > 0 && answer.body.errors.every(isFieldError)).toBe(true);
  }
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
};

describe('POST /orders with generated bodies', () => {
  it('answers every mix of good and bad bodies by the contract (2,500 cases)', async () => {
    await fc.assert(fc.asyncProperty(anyCreateOrderBody, answersByTheContract), { numRuns: 2_500, seed: SEED });
  });

  it('rejects damaged orders with 400 and field-level errors (1,500 cases)', async () => {
    await fc.assert(fc.asyncProperty(damagedOrder, answersByTheContract), { numRuns: 1_500, seed: SEED + 1 });
  });

  it('rejects raw text, wrong JSON shapes and truncated JSON with 400 (1,000 cases)', async () => {
    await fc.assert(fc.asyncProperty(rawBody, answersByTheContract), { numRuns: 1_000, seed: SEED + 2 });
  });

  it('stores an accepted body exactly as sent (no key dropped, added or coerced)', async () => {
    await fc.assert(
      fc.asyncProperty(wellFormedOrder, async (order) => {
        const body = JSON.stringify(order);
        fc.pre(isSchemaValid(body));

        const answer = await post({ kind: 'well-formed (stored)', body });

        const stored = await deps.orders.get(String(answer.body.orderId));
        const { orderId: _id, status: _status, createdAt: _c, updatedAt: _u, executionArn: _e, ...request } = stored ?? ({} as Record<string, unknown>);
        expect(request).toEqual(JSON.parse(body));
      }),
      { numRuns: 200, seed: SEED + 3 },
    );
  });
});

/**
 * Generated `POST /orders` bodies, as the raw text a client sends. Shared by the handler's property test and the
 * local HTTP API's, so both face the same cases. Each case says what kind of damage it carries (for statistics
 * and failure reports); whether it is acceptable is decided by the schema (see `isSchemaValid`), not by the kind.
 */
import fc from 'fast-check';
import Ajv from 'ajv/dist/2020';
import catalogue from '../../data/catalogue.json';
import createOrderSchema from '../../src/schemas/create-order-request.json';
import { TEST_TOKENS } from '../../src/domain/payment-simulator';
import { decimalMultipleOf } from '../../src/shared/decimal-multiple-of';

export interface BodyCase {
  kind: string;
  /** The raw request body. */
  body: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Sets a key as an own property, so `__proto__` becomes a key in the JSON text instead of changing the prototype. */
const setOwn = (target: JsonObject, key: string, value: Json): void => {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
};

const idText = (maxLength: number) => fc.stringMatching(new RegExp(`^[A-Za-z0-9_-]{1,${maxLength}}$`));
const email = fc.emailAddress().filter((e) => e.length <= 254);
const money = (max: number) => fc.oneof(fc.constantFrom(0, 0.01, 9.99, 19.99, 24.5, 149), fc.double({ min: 0, max, noNaN: true, noDefaultInfinity: true }));

const line = fc.record({
  productId: fc.oneof(fc.constantFrom(...catalogue.map((p) => p.productId)), idText(64)),
  quantity: fc.integer({ min: 1, max: 1000 }),
  unitPrice: money(1_000_000),
});

const address = fc.record(
  {
    line1: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }),
    line2: fc.string({ unit: 'grapheme', maxLength: 60 }),
    city: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
    postalCode: fc.stringMatching(/^[A-Z0-9 -]{1,10}$/),
    country: fc.stringMatching(/^[A-Z]{2}$/),
  },
  { requiredKeys: ['line1', 'city', 'postalCode', 'country'] },
);

/** Bodies the schema should accept (mostly; the oracle decides), some of which break business rules. */
export const wellFormedOrder: fc.Arbitrary<JsonObject> = fc.record(
  {
    customerId: idText(64),
    customerEmail: email,
    currency: fc.oneof(fc.constantFrom('USD', 'EUR', 'GBP'), fc.stringMatching(/^[A-Z]{3}$/)),
    items: fc.array(line, { minLength: 1, maxLength: 50 }),
    amount: money(100_000_000),
    payment: fc.record({ method: fc.constant('card'), token: fc.oneof(fc.constantFrom(...Object.keys(TEST_TOKENS)), idText(128)) }),
    shippingAddress: address,
    notes: fc.string({ unit: 'grapheme', maxLength: 120 }),
  },
  { requiredKeys: ['customerId', 'customerEmail', 'currency', 'items', 'amount', 'payment'] },
) as fc.Arbitrary<JsonObject>;

const hugeString = fc
  .tuple(fc.integer({ min: 1_000, max: 100_000 }), fc.constantFrom('a', 'é', '😀', '\u0000', '"', '\\', '\u202e'))
  .map(([length, unit]) => unit.repeat(length));

const hugeArray = fc
  .tuple(fc.integer({ min: 51, max: 3_000 }), fc.constantFrom<Json>({ productId: 'widget-blue', quantity: 1, unitPrice: 1 }, {}, null, 1, 'x'))
  .map(([length, item]) => Array.from({ length }, () => item));

/** Values that do not belong where they are put: wrong types, numbers as strings, extremes, unicode, huge. */
export const strayValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, false, 0, -1, -0.01, 1.5, 1e308, -1e308, 5e-324, 2 ** 53 + 1, '', ' ', '1', '49.97', '-1', '1e308', 'NaN', 'Infinity', 'null', 'true', [], {}, [null], ['card']),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer().map(String),
  fc.double().map((n) => (Number.isFinite(n) ? n : String(n))),
  hugeString,
  hugeArray,
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
);

const KNOWN_KEYS = ['customerId', 'customerEmail', 'currency', 'items', 'amount', 'payment', 'shippingAddress', 'notes', 'productId', 'quantity', 'unitPrice', 'method', 'token', 'line1', 'city', 'postalCode', 'country'];

/** Keys a body should not have: prototype-polluting ones first among them. */
export const strayKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '', ' ', 'Amount', 'customerId ', 'cústomerId', '😀'),
  fc.string({ unit: 'grapheme', maxLength: 20 }).filter((key) => !KNOWN_KEYS.includes(key)),
);

/** A value for a stray key: `{ prototype: {...} }` under `constructor` is the classic pollution payload. */
const strayKeyValue: fc.Arbitrary<Json> = fc.oneof(strayValue, fc.constant({ polluted: 'yes' }), fc.constant({ prototype: { polluted: 'yes' } }));

type Mutation = { kind: string; apply: (target: JsonObject) => void };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constantFrom(...KNOWN_KEYS).map((key) => ({ kind: 'missing field', apply: (t: JsonObject) => void delete t[key] })),
  fc.tuple(fc.constantFrom(...KNOWN_KEYS), strayValue).map(([key, value]) => ({ kind: 'wrong value', apply: (t: JsonObject) => void (t[key] = value) })),
  fc.tuple(strayKey, strayKeyValue).map(([key, value]) => ({ kind: key === '__proto__' || key === 'constructor' ? 'prototype key' : 'extra field', apply: (t: JsonObject) => setOwn(t, key, value) })),
  fc.constantFrom('amount', 'quantity', 'unitPrice').map((key) => ({
    kind: 'number as string',
    apply: (t: JsonObject) => void (key in t && (t[key] = String(t[key]))),
  })),
  fc.constantFrom(-1, -0.01, -1e308).map((value) => ({ kind: 'negative', apply: (t: JsonObject) => void (t.amount = value) })),
);

/** Where a mutation lands: the body, a line, the payment or the address. */
const pickTarget = (body: JsonObject, where: number): JsonObject => {
  const items = Array.isArray(body.items) ? (body.items as JsonObject[]) : [];
  const candidates = [body, ...items, body.payment, body.shippingAddress].filter((t): t is JsonObject => typeof t === 'object' && t !== null && !Array.isArray(t));
  return candidates[where % candidates.length] ?? body;
};

/** A well-formed order with one to three things wrong with it, anywhere in it. */
export const damagedOrder: fc.Arbitrary<BodyCase> = fc
  .tuple(wellFormedOrder, fc.array(fc.tuple(mutation, fc.nat()), { minLength: 1, maxLength: 3 }))
  .map(([body, mutations]) => {
    for (const [{ apply }, where] of mutations) apply(pickTarget(body, where));
    const kinds = [...new Set(mutations.map(([m]) => m.kind))].sort().join('+');
    return { kind: kinds, body: JSON.stringify(body) };
  });

/** Text that is not JSON at all, or JSON of the wrong shape. */
export const rawBody: fc.Arbitrary<BodyCase> = fc.oneof(
  fc.constantFrom(
    '', ' ', 'NaN', 'Infinity', '-Infinity', 'undefined', '{', '}', '[', 'null', 'true', '0', '"order"', '[]',
    '{"amount": NaN}', '{"amount": Infinity}', '{"amount": -Infinity}', "{'customerId': 'c'}", '{"a":1,}', '\uFEFF{}', '{"a":1}{"b":2}',
    '{"__proto__": {"polluted": "yes"}}', '{"constructor": {"prototype": {"polluted": "yes"}}}', '[{"__proto__": {"polluted": "yes"}}]',
    '{"items": [{"__proto__": {"polluted": "yes"}, "productId": "widget-blue"}]}',
    `${'['.repeat(5_000)}${']'.repeat(5_000)}`, `${'{"a":'.repeat(2_000)}1${'}'.repeat(2_000)}`,
  ).map((body) => ({ kind: 'raw constant', body })),
  fc.string({ unit: 'binary', maxLength: 300 }).map((body) => ({ kind: 'random text', body })),
  fc.jsonValue({ maxDepth: 4 }).map((value) => ({ kind: 'random JSON', body: JSON.stringify(value) ?? 'null' })),
  wellFormedOrder.chain((body) => {
    const text = JSON.stringify(body);
    return fc.nat({ max: Math.max(0, text.length - 1) }).map((cut) => ({ kind: 'truncated JSON', body: text.slice(0, cut) }));
  }),
);

/** Every kind of body, good and bad: what the property tests throw at POST /orders. */
export const anyCreateOrderBody: fc.Arbitrary<BodyCase> = fc.oneof(
  { weight: 2, arbitrary: wellFormedOrder.map((body) => ({ kind: 'well-formed', body: JSON.stringify(body) })) },
  { weight: 5, arbitrary: damagedOrder },
  { weight: 3, arbitrary: rawBody },
);

/** The oracle: would API Gateway's model (the same schema) accept this body? */
const validate = new Ajv({ strict: false, allErrors: false })
  .removeKeyword('multipleOf')
  .addKeyword(decimalMultipleOf)
  .compile((({ $schema: _draft, ...schema }) => schema)(createOrderSchema as Record<string, unknown>));

export const isSchemaValid = (body: string): boolean => {
  try {
    return validate(JSON.parse(body)) === true;
  } catch {
    return false;
  }
};

/**
 * The orders a chaos run sends, drawn from a seed so that two runs with the same seed send the same requests.
 * Each request is built to take one path of the workflow (the `intent`), over every product of the catalogue
 * (the low-stock and sold-out ones included), with the payment simulator's test tokens and customers' own
 * tokens; some break business rules (REJECTED), a few break the schema (400, no order). Most carry an
 * Idempotency-Key, and some of those are sent more than once, as clients that retry or double-click do.
 */
import catalogue from '../../data/catalogue.json';
import { MAX_QUANTITY_PER_LINE } from '../domain/business-rules';
import { toCents, type OrderItem } from '../domain/order';
import { pickIndex, seededRandom, type Random } from '../shared/random';

export const INTENTS = {
  approve: 0.34,
  decline: 0.08,
  'transient-gateway-error': 0.07,
  'payment-timeout': 0.03,
  'customer-token': 0.1,
  'low-stock': 0.1,
  'sold-out': 0.05,
  'multi-line': 0.1,
  'rule-breaking': 0.08,
  'schema-invalid': 0.05,
} as const;
export type Intent = keyof typeof INTENTS;

export interface PlannedRequest {
  index: number;
  intent: Intent;
  /** The raw body (schema-invalid ones are not objects of the right shape). */
  body: string;
  idempotencyKey?: string;
  /** 1, or 2-3 for a client that sends the same request again (with its key). */
  sends: number;
  /** The repeats go out at once (a double click) rather than after the first answer (a retry). */
  concurrentRepeats: boolean;
}

const PRODUCTS = catalogue.filter((p) => p.stock > 0);
const PLENTY = catalogue.filter((p) => p.stock >= 100);
const LOW = catalogue.filter((p) => p.stock > 0 && p.stock < 100);
const SOLD_OUT = catalogue.filter((p) => p.stock === 0);
const KEYED_SHARE = 0.7;
const REPEATED_SHARE = 0.15;

const pick = <T>(random: Random, items: readonly T[]): T => items[pickIndex(random, items.length)] as T;
const hex = (random: Random, length: number): string => Array.from({ length }, () => pickIndex(random, 16).toString(16)).join('');

const linesOf = (random: Random, products: readonly { productId: string; unitPrice: number }[], maxQuantity = 3): OrderItem[] =>
  products.map((p) => ({ productId: p.productId, quantity: 1 + pickIndex(random, maxQuantity), unitPrice: p.unitPrice }));

const sumOf = (items: readonly OrderItem[]): number => items.reduce((cents, i) => cents + i.quantity * toCents(i.unitPrice), 0) / 100;

const distinct = <T>(random: Random, items: readonly T[], n: number): T[] => {
  const pool = [...items];
  return Array.from({ length: Math.min(n, pool.length) }, () => pool.splice(pickIndex(random, pool.length), 1)[0] as T);
};

const order = (index: number, items: OrderItem[], token: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  customerId: `chaos-customer-${index % 97}`,
  customerEmail: `chaos.customer.${index}@example.com`,
  currency: 'USD',
  items,
  amount: sumOf(items),
  payment: { method: 'card', token },
  ...extra,
});

/** Breaks exactly one business rule; the schema still accepts it. */
const ruleBreaking = (random: Random, index: number): Record<string, unknown> => {
  const items = linesOf(random, [pick(random, PLENTY)]);
  switch (pickIndex(random, 5)) {
    case 0:
      return order(index, [...items, { productId: `no-such-product-${hex(random, 6)}`, quantity: 1, unitPrice: 5 }], 'tok_visa');
    case 1:
      return { ...order(index, items, 'tok_visa'), amount: sumOf(items) + 1 };
    case 2:
      return order(index, linesOf(random, [pick(random, PLENTY)]).map((i) => ({ ...i, quantity: MAX_QUANTITY_PER_LINE + 1 })), 'tok_visa');
    case 3:
      return order(index, items, 'tok_visa', { currency: 'XTS' });
    default:
      return order(index, [...items, ...items], 'tok_visa');
  }
};

/** Rejected by the request schema (API Gateway's model): no order, a 400 with field errors. */
const schemaInvalid = (random: Random, index: number): string => {
  const valid = order(index, linesOf(random, [pick(random, PLENTY)]), 'tok_visa');
  const broken = [
    { ...valid, amount: String(valid.amount) },
    { ...valid, items: [] },
    { ...valid, payment: { method: 'cash', token: 'tok_visa' } },
    { ...valid, customerEmail: 'not-an-email' },
    { ...valid, unexpected: true },
  ];
  return pickIndex(random, 6) === 5 ? '{"customerId": "chaos", "items": [' : JSON.stringify(pick(random, broken));
};

const bodyFor = (intent: Intent, random: Random, index: number): string => {
  switch (intent) {
    case 'approve':
      return JSON.stringify(order(index, linesOf(random, [pick(random, PLENTY)]), 'tok_visa'));
    case 'decline':
      return JSON.stringify(order(index, linesOf(random, [pick(random, PRODUCTS)]), pick(random, ['tok_decline_insufficient_funds', 'tok_decline_expired_card'])));
    case 'transient-gateway-error':
      return JSON.stringify(order(index, linesOf(random, [pick(random, PRODUCTS)]), 'tok_error_transient'));
    case 'payment-timeout':
      return JSON.stringify(order(index, linesOf(random, [pick(random, PLENTY)]), 'tok_timeout'));
    case 'customer-token':
      return JSON.stringify(order(index, linesOf(random, [pick(random, PRODUCTS)]), `card_${hex(random, 16)}`));
    case 'low-stock':
      return JSON.stringify(order(index, linesOf(random, [pick(random, LOW)], 2), 'tok_visa'));
    case 'sold-out':
      return JSON.stringify(order(index, linesOf(random, [pick(random, SOLD_OUT.length ? SOLD_OUT : LOW)]), 'tok_visa'));
    case 'multi-line':
      return JSON.stringify(order(index, linesOf(random, distinct(random, [...LOW, ...PLENTY, ...SOLD_OUT], 2 + pickIndex(random, 2))), 'tok_visa'));
    case 'rule-breaking':
      return JSON.stringify(ruleBreaking(random, index));
    case 'schema-invalid':
      return schemaInvalid(random, index);
  }
};

const intentFor = (random: Random): Intent => {
  let roll = random();
  for (const [intent, weight] of Object.entries(INTENTS) as [Intent, number][]) {
    roll -= weight;
    if (roll < 0) return intent;
  }
  return 'approve';
};

export const planRequests = (n: number, seed: number): PlannedRequest[] => {
  const random = seededRandom(seed);
  return Array.from({ length: n }, (_, index) => {
    const intent = intentFor(random);
    const body = bodyFor(intent, random, index);
    const keyed = random() < KEYED_SHARE;
    const sends = keyed && random() < REPEATED_SHARE ? 2 + pickIndex(random, 2) : 1;
    return {
      index,
      intent,
      body,
      ...(keyed ? { idempotencyKey: `chaos-${seed}-${index}-${hex(random, 8)}` } : {}),
      sends,
      concurrentRepeats: random() < 0.5,
    };
  });
};

/**
 * The order mix of a load run. Each scenario is an order built to take one path of the workflow:
 * - `success`: in-stock products, `tok_visa` → COMPLETED;
 * - `decline`: a declining test token → FAILED with PaymentDeclinedError (stock reserved, then released);
 * - `oos`: a product with no stock → FAILED with OutOfStockError (a charge, if taken, refunded);
 * - `invalid`: a broken business rule (amount, unknown product or quantity) → REJECTED with ValidationError.
 * Counts follow the weights exactly (largest remainder), and the order of scenarios and the orders themselves
 * come from the seed, so two runs with the same options send the same requests.
 */
import catalogue from '../../data/catalogue.json';
import type { OrderItem, OrderRequest } from '../domain/order';
import { toCents } from '../domain/order';
import { MAX_QUANTITY_PER_LINE } from '../domain/business-rules';
import { pickIndex, seededRandom, shuffle, type Random } from '../shared/random';

export const SCENARIOS = ['success', 'decline', 'oos', 'invalid'] as const;
export type Scenario = (typeof SCENARIOS)[number];
export type Mix = Record<Scenario, number>;

export const DEFAULT_MIX = 'success=0.7,decline=0.1,oos=0.1,invalid=0.1';

/** `success=0.7,decline=0.1` → weights normalised to 1; scenarios left out weigh 0. */
export const parseMix = (spec: string): Mix => {
  const mix: Mix = { success: 0, decline: 0, oos: 0, invalid: 0 };
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [name, raw] = part.split('=');
    if (!SCENARIOS.includes(name as Scenario)) throw new Error(`Unknown scenario "${name}" in --mix (use ${SCENARIOS.join(', ')})`);
    const weight = Number(raw);
    if (!Number.isFinite(weight) || weight < 0) throw new Error(`Weight of ${name} in --mix must be a number >= 0, got "${raw}"`);
    mix[name as Scenario] = weight;
  }
  const total = SCENARIOS.reduce((sum, s) => sum + mix[s], 0);
  if (total <= 0) throw new Error('--mix needs at least one scenario with a weight above 0');
  for (const s of SCENARIOS) mix[s] /= total;
  return mix;
};

/** Exactly round(weight × n) of each scenario (largest remainder, so they add up to n), in seeded order. */
export const planScenarios = (mix: Mix, n: number, random: Random): Scenario[] => {
  const exact = SCENARIOS.map((s) => ({ s, exact: mix[s] * n }));
  const counts = new Map(exact.map(({ s, exact: e }) => [s, Math.floor(e)]));
  let left = n - [...counts.values()].reduce((a, b) => a + b, 0);
  for (const { s } of [...exact].sort((a, b) => (b.exact % 1) - (a.exact % 1) || SCENARIOS.indexOf(a.s) - SCENARIOS.indexOf(b.s))) {
    if (left-- <= 0) break;
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  return shuffle(SCENARIOS.flatMap((s) => Array<Scenario>(counts.get(s) ?? 0).fill(s)), random);
};

export interface PlannedOrder {
  scenario: Scenario;
  body: OrderRequest;
}

/** Products that a `success` order may take: in stock, and not the low-stock ones that the oos tests rely on. */
const STOCKED = catalogue.filter((p) => p.stock >= 100);
const SOLD_OUT = catalogue.filter((p) => p.stock === 0);
const DECLINING_TOKENS = ['tok_decline_insufficient_funds', 'tok_decline_expired_card'];

export const planOrders = (mix: Mix, n: number, seed: number): PlannedOrder[] => {
  const random = seededRandom(seed);
  return planScenarios(mix, n, random).map((scenario, index) => ({ scenario, body: buildOrder(scenario, index, random) }));
};

export const buildOrder = (scenario: Scenario, index: number, random: Random): OrderRequest => {
  const base = { customerId: `load-${index}`, customerEmail: `load-${index}@example.com`, currency: 'USD' };
  switch (scenario) {
    case 'success':
      return withAmount({ ...base, items: stockedLines(random), payment: card('tok_visa') });
    case 'decline':
      return withAmount({ ...base, items: stockedLines(random), payment: card(DECLINING_TOKENS[pickIndex(random, DECLINING_TOKENS.length)] ?? 'tok_decline_expired_card') });
    case 'oos':
      return withAmount({ ...base, items: [line(SOLD_OUT[pickIndex(random, SOLD_OUT.length)], 1)], payment: card('tok_visa') });
    case 'invalid':
      return brokenOrder({ ...base, items: stockedLines(random), payment: card('tok_visa') }, random);
  }
};

const card = (token: string): OrderRequest['payment'] => ({ method: 'card', token });

const line = (product: (typeof catalogue)[number] | undefined, quantity: number): OrderItem => {
  if (!product) throw new Error('data/catalogue.json lacks a product the load mix needs');
  return { productId: product.productId, quantity, unitPrice: product.unitPrice };
};

/** One or two distinct stocked products, one unit each, so a run uses little stock. */
const stockedLines = (random: Random): OrderItem[] => {
  const first = pickIndex(random, STOCKED.length);
  if (random() < 0.5) return [line(STOCKED[first], 1)];
  const second = (first + 1 + pickIndex(random, STOCKED.length - 1)) % STOCKED.length;
  return [line(STOCKED[first], 1), line(STOCKED[second], 1)];
};

const withAmount = (order: Omit<OrderRequest, 'amount'>): OrderRequest => ({
  ...order,
  amount: order.items.reduce((cents, item) => cents + item.quantity * toCents(item.unitPrice), 0) / 100,
});

/** An order that passes the request schema but breaks one ValidateOrder rule. */
const brokenOrder = (order: Omit<OrderRequest, 'amount'>, random: Random): OrderRequest => {
  const valid = withAmount(order);
  switch (pickIndex(random, 3)) {
    case 0:
      return { ...valid, amount: valid.amount + 1 };
    case 1:
      return withAmount({ ...order, items: [...order.items, { productId: 'not-in-catalogue', quantity: 1, unitPrice: 1 }] });
    default:
      return withAmount({ ...order, items: order.items.map((item, i) => (i === 0 ? { ...item, quantity: MAX_QUANTITY_PER_LINE + 1 } : item)) });
  }
};

import Ajv from 'ajv';
import { decimalMultipleOf } from '../../../src/shared/decimal-multiple-of';
import createOrderSchema from '../../../src/schemas/create-order-request.json';
import { validateOrder } from '../../../src/domain/business-rules';
import type { Product } from '../../../src/domain/ports';
import { DEFAULT_MIX, parseMix, planOrders, planScenarios, SCENARIOS } from '../../../src/load/mix';
import { seededRandom } from '../../../src/shared/random';
import { catalogueProducts } from '../../support/fakes';

const catalogue: ReadonlyMap<string, Product> = new Map(catalogueProducts().map((p) => [p.productId, p]));
// multipleOf as API Gateway checks it (decimal): stock Ajv divides floats and rejects 19.99 as a multiple of 0.01.
const validateBody = new Ajv({ strict: false }).removeKeyword('multipleOf').addKeyword(decimalMultipleOf).compile((({ $schema: _draft, ...schema }) => schema)(createOrderSchema));

describe('parseMix', () => {
  it('normalises the weights and leaves unnamed scenarios at 0', () => {
    expect(parseMix('success=3,invalid=1')).toEqual({ success: 0.75, decline: 0, oos: 0, invalid: 0.25 });
    const mix = parseMix(DEFAULT_MIX);
    expect(mix.success).toBeCloseTo(0.7, 12);
    expect([mix.decline, mix.oos, mix.invalid].map((w) => w.toFixed(12))).toEqual(['0.100000000000', '0.100000000000', '0.100000000000']);
  });

  it.each([
    ['refund=1', 'Unknown scenario "refund"'],
    ['success=-1', 'must be a number >= 0'],
    ['success=x', 'must be a number >= 0'],
    ['success=0', 'at least one scenario'],
  ])('rejects %s', (spec, message) => {
    expect(() => parseMix(spec)).toThrow(message);
  });
});

describe('planScenarios', () => {
  it('gives each scenario its exact share (largest remainder), adding up to n', () => {
    const plan = planScenarios(parseMix('success=0.7,decline=0.1,oos=0.1,invalid=0.1'), 2000, seededRandom(1));

    expect(plan).toHaveLength(2000);
    expect(SCENARIOS.map((s) => plan.filter((p) => p === s).length)).toEqual([1400, 200, 200, 200]);
  });

  it('rounds shares so that they still add up', () => {
    const plan = planScenarios(parseMix('success=1,decline=1,oos=1'), 10, seededRandom(1));

    expect(plan).toHaveLength(10);
    expect(SCENARIOS.map((s) => plan.filter((p) => p === s).length)).toEqual([4, 3, 3, 0]);
  });
});

describe('planOrders', () => {
  const mix = parseMix(DEFAULT_MIX);

  it('is deterministic: the same seed sends the same orders', () => {
    expect(planOrders(mix, 200, 42)).toEqual(planOrders(mix, 200, 42));
  });

  it('changes with the seed', () => {
    expect(planOrders(mix, 200, 42)).not.toEqual(planOrders(mix, 200, 43));
  });

  it('builds orders that pass the request schema, and break a business rule only when invalid', () => {
    for (const { scenario, body } of planOrders(mix, 400, 7)) {
      expect(validateBody(body)).toBe(true);
      expect(validateOrder(body, catalogue).valid).toBe(scenario !== 'invalid');
    }
  });

  it('sends each scenario down its path: tokens and stock', () => {
    const orders = planOrders(mix, 400, 7);
    const of = (s: string) => orders.filter((o) => o.scenario === s).map((o) => o.body);

    expect(new Set(of('success').map((b) => b.payment.token))).toEqual(new Set(['tok_visa']));
    expect(of('decline').every((b) => b.payment.token.startsWith('tok_decline_'))).toBe(true);
    expect(of('oos').every((b) => b.items.every((i) => catalogue.get(i.productId)?.available === 0))).toBe(true);
    expect(of('success').every((b) => b.items.every((i) => (catalogue.get(i.productId)?.available ?? 0) >= 100 && i.quantity === 1))).toBe(true);
  });
});

describe('seededRandom', () => {
  it('repeats its sequence for a seed and stays in [0, 1)', () => {
    const a = seededRandom(123);
    const b = seededRandom(123);
    const values = Array.from({ length: 1000 }, () => a());

    expect(values).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(values.slice(0, 3).map((v) => v.toFixed(6))).toEqual(['0.787252', '0.178544', '0.495316']);
  });
});

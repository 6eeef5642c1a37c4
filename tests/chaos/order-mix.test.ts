/** The chaos run's requests: fixed by the seed, and covering every intent and product. */
import catalogue from '../../data/catalogue.json';
import { INTENTS, planRequests } from '../../src/chaos/order-mix';
import { isSchemaValid } from '../property/arbitraries';

describe('planned chaos requests', () => {
  test('the same seed plans the same requests; another seed plans others', () => {
    expect(planRequests(200, 42)).toEqual(planRequests(200, 42));
    expect(planRequests(200, 43)).not.toEqual(planRequests(200, 42));
  });

  test('a run of a few hundred covers every intent and every product, with keys, repeats and double clicks', () => {
    const plan = planRequests(500, 7);
    const products = new Set(plan.flatMap((r) => (isSchemaValid(r.body) ? (JSON.parse(r.body) as { items: { productId: string }[] }).items.map((i) => i.productId) : [])));

    expect(new Set(plan.map((r) => r.intent))).toEqual(new Set(Object.keys(INTENTS)));
    expect(catalogue.filter((p) => !products.has(p.productId))).toEqual([]);
    expect(plan.some((r) => r.idempotencyKey && r.sends > 1 && r.concurrentRepeats)).toBe(true);
    expect(plan.some((r) => r.idempotencyKey && r.sends > 1 && !r.concurrentRepeats)).toBe(true);
    expect(plan.some((r) => !r.idempotencyKey)).toBe(true);
  });

  test('schema-invalid requests, and only those, break the request schema', () => {
    const plan = planRequests(500, 11);

    expect(plan.filter((r) => isSchemaValid(r.body) === (r.intent === 'schema-invalid')).map((r) => r.index)).toEqual([]);
  });
});

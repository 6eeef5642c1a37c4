import { fingerprintOf, IDEMPOTENCY_TTL_SECONDS, placeOrder } from '../../../src/app/place-order';
import { IdempotencyConflictError } from '../../../src/domain/errors';
import type { OrderRequest } from '../../../src/domain/order';
import { bodyOf, events } from '../../support/events';
import { makeFakeDeps, type FakeDeps } from '../../support/fakes';

const request = (): OrderRequest => bodyOf(events.createOrder());
const KEY = '7d4c6f0e-3b1a-4c1e-9a51-2f1f5d0b8a11';

let deps: FakeDeps;
beforeEach(() => {
  deps = makeFakeDeps();
});

describe('placeOrder', () => {
  it('stores a NEW order and starts its workflow under the order id, with no PII in the input', async () => {
    // Act
    const { order, replayed } = await placeOrder(request(), undefined, deps);

    // Assert
    expect(replayed).toBe(false);
    expect(order).toMatchObject({ orderId: 'order-0001', status: 'NEW', createdAt: '2026-05-25T09:00:00.000Z', executionArn: expect.stringMatching(/:order-0001$/) });
    expect(await deps.orders.get('order-0001')).toEqual(order);
    expect([...deps.workflow.executions.keys()]).toEqual(['order-0001']);
    const input = deps.workflow.executions.get('order-0001')?.input;
    expect(input).toEqual({ orderId: 'order-0001', order: { customerId: 'cust-1001', currency: 'USD', items: request().items, amount: 49.97 } });
    expect(JSON.stringify(input)).not.toMatch(/tok_visa|ada@example\.com/);
  });

  it('gives every request without a key a new order', async () => {
    await placeOrder(request(), undefined, deps);
    await placeOrder(request(), undefined, deps);

    expect(deps.orders.all().map((o) => o.orderId)).toEqual(['order-0001', 'order-0002']);
    expect(deps.workflow.executions.size).toBe(2);
  });

  it('returns the same order for the same key and body, and starts one execution', async () => {
    const first = await placeOrder(request(), KEY, deps);
    const again = await placeOrder(request(), KEY, deps);

    expect(again).toEqual({ order: first.order, replayed: true });
    expect(deps.orders.all()).toHaveLength(1);
    expect(deps.workflow.calls).toEqual(['order-0001']);
  });

  it('treats the same body with its keys in another order as the same request', async () => {
    const reordered = Object.fromEntries(Object.entries(request()).reverse()) as unknown as OrderRequest;

    const first = await placeOrder(request(), KEY, deps);
    const again = await placeOrder(reordered, KEY, deps);

    expect(again.order.orderId).toBe(first.order.orderId);
    expect(again.replayed).toBe(true);
  });

  it('refuses the same key with a different body (IdempotencyConflictError) and changes nothing', async () => {
    await placeOrder(request(), KEY, deps);

    await expect(placeOrder({ ...request(), amount: 1 }, KEY, deps)).rejects.toThrow(IdempotencyConflictError);
    expect(deps.orders.all()).toHaveLength(1);
    expect(deps.workflow.calls).toHaveLength(1);
  });

  it('keeps the key for 24 hours', async () => {
    await placeOrder(request(), KEY, deps);

    expect(deps.idempotency.records.get(KEY)).toEqual({
      key: KEY,
      fingerprint: fingerprintOf(request()),
      orderId: 'order-0001',
      expiresAt: Date.parse('2026-05-25T09:00:00.000Z') / 1000 + IDEMPOTENCY_TTL_SECONDS,
    });
  });

  it('treats a key whose record has expired as new', async () => {
    await placeOrder(request(), KEY, deps);
    deps.clock.advance((IDEMPOTENCY_TTL_SECONDS + 1) * 1000);

    const later = await placeOrder(request(), KEY, deps);

    expect(later).toMatchObject({ replayed: false, order: { orderId: 'order-0002' } });
  });

  it('converges when the first attempt crashed between claiming the key and storing the order', async () => {
    // Prepare: the first attempt claims the key, then dies before create.
    jest.spyOn(deps.orders, 'create').mockRejectedValueOnce(new Error('Lambda timed out'));
    await expect(placeOrder(request(), KEY, deps)).rejects.toThrow('Lambda timed out');

    // Act: the client retries with the same key.
    const retry = await placeOrder(request(), KEY, deps);

    // Assert: the order claimed the first time is created now, once, with one execution.
    expect(retry.order.orderId).toBe('order-0001');
    expect(deps.orders.all().map((o) => o.orderId)).toEqual(['order-0001']);
    expect(deps.workflow.calls).toEqual(['order-0001']);
  });

  it('converges when the first attempt crashed after storing the order but before starting the workflow', async () => {
    jest.spyOn(deps.workflow, 'start').mockRejectedValueOnce(new Error('ThrottlingException'));
    await expect(placeOrder(request(), KEY, deps)).rejects.toThrow('ThrottlingException');
    expect((await deps.orders.get('order-0001'))?.executionArn).toBeUndefined();

    const retry = await placeOrder(request(), KEY, deps);

    expect(retry.order.executionArn).toMatch(/:order-0001$/);
    expect((await deps.orders.get('order-0001'))?.executionArn).toBe(retry.order.executionArn);
    expect(deps.workflow.executions.size).toBe(1);
  });

  it('converges when the first attempt crashed after starting the workflow but before recording its ARN', async () => {
    jest.spyOn(deps.orders, 'setExecutionArn').mockRejectedValueOnce(new Error('ProvisionedThroughputExceededException'));
    await expect(placeOrder(request(), KEY, deps)).rejects.toThrow('ProvisionedThroughputExceededException');

    const retry = await placeOrder(request(), KEY, deps);

    expect(retry.order.executionArn).toMatch(/:order-0001$/);
    expect(deps.workflow.executions.size).toBe(1);
    expect(deps.workflow.calls).toEqual(['order-0001', 'order-0001']);
  });

  it('records the existing execution when the retry comes after that execution has ended (ExecutionAlreadyExists)', async () => {
    jest.spyOn(deps.orders, 'setExecutionArn').mockRejectedValueOnce(new Error('ProvisionedThroughputExceededException'));
    await expect(placeOrder(request(), KEY, deps)).rejects.toThrow('ProvisionedThroughputExceededException');
    const [started] = deps.workflow.executions.values();
    deps.workflow.finish(started?.executionArn ?? '');

    const retry = await placeOrder(request(), KEY, deps);

    expect(retry.order.executionArn).toBe(started?.executionArn);
    expect((await deps.orders.get(retry.order.orderId))?.executionArn).toBe(started?.executionArn);
    expect(deps.workflow.executions.size).toBe(1);
  });

  it('gives two concurrent requests with the same key one order and one execution', async () => {
    const [a, b] = await Promise.all([placeOrder(request(), KEY, deps), placeOrder(request(), KEY, deps)]);

    expect(a.order.orderId).toBe(b.order.orderId);
    expect(a.order.executionArn).toBe(b.order.executionArn);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    expect(deps.orders.all()).toHaveLength(1);
    expect(deps.workflow.executions.size).toBe(1);
  });

  it('lets an unexpected store failure through (the API answers 500)', async () => {
    jest.spyOn(deps.idempotency, 'claim').mockRejectedValueOnce(new Error('DynamoDB unavailable'));

    await expect(placeOrder(request(), KEY, deps)).rejects.toThrow('DynamoDB unavailable');
    expect(deps.orders.all()).toHaveLength(0);
  });
});

describe('fingerprintOf', () => {
  it('ignores key order at every depth', () => {
    expect(fingerprintOf({ a: 1, b: { c: [1, { d: 2, e: 3 }] } })).toBe(fingerprintOf({ b: { c: [1, { e: 3, d: 2 }] }, a: 1 }));
  });

  it('tells apart values, array order and types', () => {
    const prints = [{ a: 1 }, { a: 2 }, { a: '1' }, { a: [1, 2] }, { a: [2, 1] }, { a: null }, { a: {} }, {}].map(fingerprintOf);

    expect(new Set(prints).size).toBe(prints.length);
  });

  it('is a sha-256 hex digest', () => {
    expect(fingerprintOf(request())).toMatch(/^[0-9a-f]{64}$/);
  });
});

import { makeFulfillOrderHandler } from '../../../src/handlers/fulfill-order';
import { CARRIERS } from '../../../src/domain/fulfilment';
import { InvalidTransitionError } from '../../../src/domain/errors';
import { events, SAMPLE_ORDER_ID, sampleOrder } from '../../support/events';
import { makeFakeDeps, type FakeDeps } from '../../support/fakes';
import { invoke } from '../../support/invoke';
import { captureOutput, type CapturedOutput } from '../../support/output';

let deps: FakeDeps;
let output: CapturedOutput;
let handler: ReturnType<typeof makeFulfillOrderHandler>;

beforeEach(async () => {
  deps = makeFakeDeps();
  handler = makeFulfillOrderHandler(deps);
  output = captureOutput();
  await deps.orders.create(sampleOrder('PROCESSING'));
  await deps.inventory.reserve(SAMPLE_ORDER_ID, [{ productId: 'widget-blue', quantity: 2 }, { productId: 'cable-usb-c', quantity: 1 }]);
  deps.clock.advance(1000);
});
afterEach(() => output.restore());

describe('FulfillOrder', () => {
  it('sells the reserved stock, books a shipment and completes the order', async () => {
    const { order } = await invoke(handler, events.fulfillOrder());

    expect(order).toMatchObject({
      orderId: SAMPLE_ORDER_ID,
      status: 'COMPLETED',
      updatedAt: '2026-05-25T09:00:01.000Z',
      fulfilment: { carrier: expect.any(String), trackingNumber: expect.stringMatching(/^[A-Z]{2}0F8FAD5BD9CB$/), estimatedDelivery: expect.stringMatching(/^2026-0[56]-\d\d$/) },
    });
    expect(CARRIERS).toContain(order.fulfilment?.carrier);
    expect(deps.inventory.stock('widget-blue')).toMatchObject({ available: 498, reserved: 0, sold: 2 });
    expect(deps.inventory.reservation(SAMPLE_ORDER_ID)?.status).toBe('SOLD');
    expect(await deps.orders.get(SAMPLE_ORDER_ID)).toMatchObject({ status: 'COMPLETED', fulfilment: order.fulfilment });
    expect(output.records()).toContainEqual(expect.objectContaining({ OrderCompleted: 1 }));
  });

  it('returns a summary with nothing personal, since task outputs land in the execution history', async () => {
    const { order } = await invoke(handler, events.fulfillOrder());

    expect(JSON.stringify(order)).not.toMatch(/tok_visa|ada@example\.com|Analytical Way/);
  });

  it('gives the same result when retried, selling nothing twice and counting the sale once', async () => {
    const first = await invoke(handler, events.fulfillOrder());
    deps.clock.advance(3 * 24 * 3600 * 1000); // a re-planned shipment would now promise a later delivery
    const again = await invoke(handler, events.fulfillOrder());

    expect(again).toEqual(first);
    expect(deps.inventory.stock('widget-blue')).toMatchObject({ sold: 2 });
    expect(output.records().filter((record) => 'OrderCompleted' in record)).toHaveLength(1);
  });

  it('completes the order in the same step that sells its stock', async () => {
    await invoke(handler, events.fulfillOrder());

    const stored = await deps.orders.get(SAMPLE_ORDER_ID);
    expect(stored?.updatedAt).toBe(deps.inventory.reservation(SAMPLE_ORDER_ID)?.updatedAt);
    expect(deps.inventory.brokenIdentities()).toEqual([]);
  });

  it('leaves a sold order COMPLETED when it crashes before answering, and the retry answers from the stored order', async () => {
    const get = deps.orders.get.bind(deps.orders);
    jest
      .spyOn(deps.orders, 'get')
      .mockImplementationOnce(get)
      .mockRejectedValueOnce(new Error('Runtime.ExitError'));

    await expect(invoke(handler, events.fulfillOrder())).rejects.toThrow('Runtime.ExitError');

    // The crash window that used to leave stock SOLD on a PROCESSING order (which compensation then FAILED).
    const stored = await deps.orders.get(SAMPLE_ORDER_ID);
    expect(stored).toMatchObject({ status: 'COMPLETED', fulfilment: expect.objectContaining({ carrier: expect.any(String) }) });
    expect(deps.inventory.reservation(SAMPLE_ORDER_ID)?.status).toBe('SOLD');
    const { order } = await invoke(handler, events.fulfillOrder());
    expect(order).toMatchObject({ status: 'COMPLETED', fulfilment: stored?.fulfilment });
    expect(deps.inventory.stock('widget-blue')).toMatchObject({ reserved: 0, sold: 2 });
  });

  it('sells nothing for an order that already FAILED (compensation ran first)', async () => {
    await deps.orders.changeStatus(SAMPLE_ORDER_ID, { status: 'FAILED', from: ['PROCESSING'] });

    await expect(invoke(handler, events.fulfillOrder())).rejects.toThrow(InvalidTransitionError);

    expect(deps.inventory.stock('widget-blue')).toMatchObject({ available: 498, reserved: 2, sold: 0 });
    expect(deps.inventory.reservation(SAMPLE_ORDER_ID)?.status).toBe('RESERVED');
    expect(await deps.orders.get(SAMPLE_ORDER_ID)).toMatchObject({ status: 'FAILED' });
    expect((await deps.orders.get(SAMPLE_ORDER_ID))?.fulfilment).toBeUndefined();
    expect(output.records().filter((record) => 'OrderCompleted' in record)).toHaveLength(0);
  });

  it('fails when the order holds no reservation (nothing to sell)', async () => {
    await deps.inventory.release(SAMPLE_ORDER_ID);

    await expect(invoke(handler, events.fulfillOrder())).rejects.toThrow(InvalidTransitionError);
    expect((await deps.orders.get(SAMPLE_ORDER_ID))?.status).toBe('PROCESSING');
  });

  it('lets an inventory failure through, changing nothing', async () => {
    jest.spyOn(deps.inventory, 'commit').mockRejectedValueOnce(new Error('InternalServerError'));

    await expect(invoke(handler, events.fulfillOrder())).rejects.toThrow('InternalServerError');
    expect((await deps.orders.get(SAMPLE_ORDER_ID))?.status).toBe('PROCESSING');
  });
});

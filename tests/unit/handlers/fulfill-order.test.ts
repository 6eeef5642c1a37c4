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

  it('gives the same result when retried, selling nothing twice', async () => {
    const first = await invoke(handler, events.fulfillOrder());
    const again = await invoke(handler, events.fulfillOrder());

    expect(again).toEqual(first);
    expect(deps.inventory.stock('widget-blue')).toMatchObject({ sold: 2 });
  });

  it('fails when the order holds no reservation (nothing to sell)', async () => {
    await deps.inventory.release(SAMPLE_ORDER_ID);

    await expect(invoke(handler, events.fulfillOrder())).rejects.toThrow(InvalidTransitionError);
    expect((await deps.orders.get(SAMPLE_ORDER_ID))?.status).toBe('PROCESSING');
  });

  it('lets a failed status change through', async () => {
    jest.spyOn(deps.orders, 'changeStatus').mockRejectedValueOnce(new Error('InternalServerError'));

    await expect(invoke(handler, events.fulfillOrder())).rejects.toThrow('InternalServerError');
  });
});

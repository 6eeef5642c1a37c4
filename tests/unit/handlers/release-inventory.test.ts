import { makeFulfillOrderHandler } from '../../../src/handlers/fulfill-order';
import { makeRefundPaymentHandler } from '../../../src/handlers/refund-payment';
import { makeReleaseInventoryHandler } from '../../../src/handlers/release-inventory';
import { InvalidTransitionError } from '../../../src/domain/errors';
import { events, SAMPLE_ORDER_ID, sampleOrder } from '../../support/events';
import { makeFakeDeps, type FakeDeps } from '../../support/fakes';
import { invoke } from '../../support/invoke';
import { captureOutput, type CapturedOutput } from '../../support/output';

let deps: FakeDeps;
let output: CapturedOutput;
let handler: ReturnType<typeof makeReleaseInventoryHandler>;
const LINES = [
  { productId: 'widget-blue', quantity: 2 },
  { productId: 'cable-usb-c', quantity: 1 },
];

const FULFILMENT = { carrier: 'UPS', trackingNumber: 'UP0F8FAD5BD9CB', estimatedDelivery: '2026-05-28' };

beforeEach(async () => {
  deps = makeFakeDeps();
  handler = makeReleaseInventoryHandler(deps);
  output = captureOutput();
  await deps.orders.create(sampleOrder('PROCESSING'));
});
afterEach(() => output.restore());

describe('ReleaseInventory', () => {
  it('returns the reserved stock', async () => {
    await deps.inventory.reserve(SAMPLE_ORDER_ID, LINES);

    const result = await invoke(handler, events.releaseInventory());

    expect(result).toEqual({ released: true, lines: LINES });
    expect(deps.inventory.stock('widget-blue')).toMatchObject({ available: 500, reserved: 0 });
    expect(deps.inventory.brokenIdentities()).toEqual([]);
  });

  it('releases nothing when nothing was reserved (the reservation failed or never ran)', async () => {
    await expect(invoke(handler, events.releaseInventory())).resolves.toEqual({ released: false, lines: [] });
  });

  it('releases once however often it runs', async () => {
    await deps.inventory.reserve(SAMPLE_ORDER_ID, LINES);
    await invoke(handler, events.releaseInventory());

    await expect(invoke(handler, events.releaseInventory())).resolves.toEqual({ released: false, lines: [] });
    expect(deps.inventory.stock('widget-blue')).toMatchObject({ available: 500, reserved: 0 });
  });

  it('leaves sold stock alone', async () => {
    await deps.inventory.reserve(SAMPLE_ORDER_ID, LINES);
    await deps.inventory.commit(SAMPLE_ORDER_ID, FULFILMENT);

    await expect(invoke(handler, events.releaseInventory())).resolves.toEqual({ released: false, lines: [] });
    expect(deps.inventory.stock('widget-blue')).toMatchObject({ sold: 2, reserved: 0 });
  });

  it('skips a COMPLETED order without touching the inventory, as RefundPayment skips its charge', async () => {
    await deps.inventory.reserve(SAMPLE_ORDER_ID, LINES);
    await deps.orders.changeStatus(SAMPLE_ORDER_ID, { status: 'COMPLETED', from: ['PROCESSING'] });
    const release = jest.spyOn(deps.inventory, 'release');

    await expect(invoke(handler, events.releaseInventory())).resolves.toEqual({ released: false, lines: [] });
    expect(release).not.toHaveBeenCalled();
    expect(output.text()).toContain('Compensation asked to release the stock of a COMPLETED order');
  });

  it('compensates nothing after FulfillOrder sold and crashed: stock sold, charge kept, order COMPLETED', async () => {
    await deps.inventory.reserve(SAMPLE_ORDER_ID, LINES);
    await deps.payments.charge({ orderId: SAMPLE_ORDER_ID, amount: 49.97, currency: 'USD' });
    const get = deps.orders.get.bind(deps.orders);
    jest.spyOn(deps.orders, 'get').mockImplementationOnce(get).mockRejectedValueOnce(new Error('Sandbox.Timedout'));
    await expect(invoke(makeFulfillOrderHandler(deps), events.fulfillOrder())).rejects.toThrow('Sandbox.Timedout');

    // Retries ran out: the workflow compensates, then RecordFailure tries COMPLETED → FAILED.
    await expect(invoke(makeRefundPaymentHandler(deps), events.refundPayment())).resolves.toEqual({ refunded: false, amount: 0 });
    await expect(invoke(handler, events.releaseInventory())).resolves.toEqual({ released: false, lines: [] });
    await expect(deps.orders.changeStatus(SAMPLE_ORDER_ID, { status: 'FAILED', from: ['NEW', 'VALIDATED', 'PROCESSING'] })).rejects.toThrow(
      InvalidTransitionError,
    );

    expect((await deps.orders.get(SAMPLE_ORDER_ID))?.status).toBe('COMPLETED');
    expect(deps.inventory.reservation(SAMPLE_ORDER_ID)?.status).toBe('SOLD');
    expect(deps.inventory.stock('widget-blue')).toMatchObject({ available: 498, reserved: 0, sold: 2 });
    expect(deps.payments.netCharged(SAMPLE_ORDER_ID)).toBe(49.97);
    expect(deps.inventory.brokenIdentities()).toEqual([]);
  });

  it("a FAILED order's late commit sells nothing, and its stock stays releasable", async () => {
    await deps.inventory.reserve(SAMPLE_ORDER_ID, LINES);
    await deps.orders.changeStatus(SAMPLE_ORDER_ID, { status: 'FAILED', from: ['PROCESSING'] });
    await expect(deps.inventory.commit(SAMPLE_ORDER_ID, FULFILMENT)).rejects.toThrow(InvalidTransitionError);
    expect(deps.inventory.stock('widget-blue')).toMatchObject({ available: 498, reserved: 2, sold: 0 });

    await expect(invoke(handler, events.releaseInventory())).resolves.toEqual({ released: true, lines: LINES });
    expect(deps.inventory.stock('widget-blue')).toMatchObject({ available: 500, reserved: 0, sold: 0 });
  });

  it('lets an inventory failure through so Step Functions retries it', async () => {
    jest.spyOn(deps.inventory, 'release').mockRejectedValueOnce(new Error('TransactionConflictException'));

    await expect(invoke(handler, events.releaseInventory())).rejects.toThrow('TransactionConflictException');
  });
});

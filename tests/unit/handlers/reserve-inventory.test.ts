import { makeReserveInventoryHandler } from '../../../src/handlers/reserve-inventory';
import { InvalidTransitionError, OutOfStockError } from '../../../src/domain/errors';
import { events, SAMPLE_ORDER_ID, sampleOrder } from '../../support/events';
import { makeFakeDeps, type FakeDeps } from '../../support/fakes';
import { invoke } from '../../support/invoke';
import { captureOutput, type CapturedOutput } from '../../support/output';

let deps: FakeDeps;
let output: CapturedOutput;
let handler: ReturnType<typeof makeReserveInventoryHandler>;

beforeEach(async () => {
  deps = makeFakeDeps();
  handler = makeReserveInventoryHandler(deps);
  output = captureOutput();
  await deps.orders.create(sampleOrder('VALIDATED'));
});
afterEach(() => output.restore());

describe('ReserveInventory', () => {
  it('reserves every line of the sample order and marks it PROCESSING', async () => {
    const reservation = await invoke(handler, events.reserveInventory());

    expect(reservation).toEqual({
      status: 'RESERVED',
      lines: [
        { productId: 'widget-blue', quantity: 2 },
        { productId: 'cable-usb-c', quantity: 1 },
      ],
      reservedAt: '2026-05-25T09:00:00.000Z',
      updatedAt: '2026-05-25T09:00:00.000Z',
    });
    expect(deps.inventory.stock('widget-blue')).toMatchObject({ available: 498, reserved: 2 });
    expect(deps.inventory.stock('cable-usb-c')).toMatchObject({ available: 999, reserved: 1 });
    expect((await deps.orders.get(SAMPLE_ORDER_ID))?.status).toBe('PROCESSING');
  });

  it('reserves nothing more when Step Functions retries it', async () => {
    await invoke(handler, events.reserveInventory());
    await invoke(handler, events.reserveInventory());

    expect(deps.inventory.stock('widget-blue')).toMatchObject({ available: 498, reserved: 2 });
  });

  it('throws OutOfStockError naming the short product, reserves none of the lines, and counts it', async () => {
    const event = events.reserveInventory();
    event.items = [
      { productId: 'widget-blue', quantity: 2, unitPrice: 19.99 },
      { productId: 'limited-edition-print', quantity: 6, unitPrice: 89.9 },
    ];

    const failure = invoke(handler, event);

    await expect(failure).rejects.toThrow(OutOfStockError);
    await expect(failure).rejects.toMatchObject({ name: 'OutOfStockError', productId: 'limited-edition-print', requested: 6, available: 5 });
    expect(deps.inventory.stock('widget-blue')).toMatchObject({ available: 500, reserved: 0 });
    expect(deps.inventory.brokenIdentities()).toEqual([]);
    expect(output.records()).toContainEqual(expect.objectContaining({ OutOfStock: 1 }));
  });

  it('lets any other inventory failure through without counting it as out of stock', async () => {
    jest.spyOn(deps.inventory, 'reserve').mockRejectedValueOnce(new Error('TransactionCanceledException: ThrottlingError'));

    await expect(invoke(handler, events.reserveInventory())).rejects.toThrow('TransactionCanceledException');
    expect(output.records().filter((r) => 'OutOfStock' in r)).toEqual([]);
  });

  it('refuses an order that was not validated (InvalidTransitionError) and reserves nothing', async () => {
    await deps.orders.changeStatus(SAMPLE_ORDER_ID, { status: 'REJECTED', from: ['VALIDATED'] });

    await expect(invoke(handler, events.reserveInventory())).rejects.toThrow(InvalidTransitionError);
    expect(deps.inventory.stock('widget-blue')).toMatchObject({ reserved: 0 });
  });
});

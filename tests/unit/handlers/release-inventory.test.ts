import { makeReleaseInventoryHandler } from '../../../src/handlers/release-inventory';
import { events, SAMPLE_ORDER_ID } from '../../support/events';
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

beforeEach(() => {
  deps = makeFakeDeps();
  handler = makeReleaseInventoryHandler(deps);
  output = captureOutput();
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
    await deps.inventory.commit(SAMPLE_ORDER_ID);

    await expect(invoke(handler, events.releaseInventory())).resolves.toEqual({ released: false, lines: [] });
    expect(deps.inventory.stock('widget-blue')).toMatchObject({ sold: 2, reserved: 0 });
  });

  it('lets an inventory failure through so Step Functions retries it', async () => {
    jest.spyOn(deps.inventory, 'release').mockRejectedValueOnce(new Error('TransactionConflictException'));

    await expect(invoke(handler, events.releaseInventory())).rejects.toThrow('TransactionConflictException');
  });
});

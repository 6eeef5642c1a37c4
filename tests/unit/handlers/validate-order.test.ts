import { makeValidateOrderHandler } from '../../../src/handlers/validate-order';
import { OrderNotFoundError } from '../../../src/domain/errors';
import { events, SAMPLE_ORDER_ID, sampleOrder } from '../../support/events';
import { makeFakeDeps, type FakeDeps } from '../../support/fakes';
import { invoke } from '../../support/invoke';
import { captureOutput, logLines, type CapturedOutput } from '../../support/output';

let deps: FakeDeps;
let output: CapturedOutput;
let handler: ReturnType<typeof makeValidateOrderHandler>;

beforeEach(async () => {
  deps = makeFakeDeps();
  handler = makeValidateOrderHandler(deps);
  output = captureOutput();
  await deps.orders.create(sampleOrder('NEW'));
});
afterEach(() => output.restore());

const invalidEvent = () => {
  const event = events.validateOrder();
  event.order = { ...event.order, currency: 'JPY', amount: 1 };
  return event;
};

describe('ValidateOrder', () => {
  it('passes the sample order and moves it to VALIDATED', async () => {
    const result = await invoke(handler, events.validateOrder());

    expect(result).toEqual({ valid: true, errors: [], summary: '' });
    expect((await deps.orders.get(SAMPLE_ORDER_ID))?.status).toBe('VALIDATED');
  });

  it('looks each product up once', async () => {
    const getProducts = jest.spyOn(deps.inventory, 'getProducts');
    const event = events.validateOrder();
    event.order.items = [...event.order.items, ...event.order.items];

    await invoke(handler, event);

    expect(getProducts).toHaveBeenCalledWith(['widget-blue', 'cable-usb-c']);
  });

  it('returns every violation with a summary for the Fail state, and leaves the order NEW for RecordRejection', async () => {
    const result = await invoke(handler, invalidEvent());

    expect(result.valid).toBe(false);
    expect(result.errors.map((e) => e.rule)).toEqual(['UNSUPPORTED_CURRENCY', 'AMOUNT_MISMATCH']);
    expect(result.summary).toBe(result.errors.map((e) => `${e.rule} at ${e.field}: ${e.message}`).join('; '));
    expect((await deps.orders.get(SAMPLE_ORDER_ID))?.status).toBe('NEW');
    expect(logLines(output)).toContainEqual(expect.objectContaining({ message: 'Order broke business rules', rules: ['UNSUPPORTED_CURRENCY', 'AMOUNT_MISMATCH'] }));
  });

  it('can be retried after it succeeded (Step Functions retries Lambda errors)', async () => {
    await invoke(handler, events.validateOrder());

    await expect(invoke(handler, events.validateOrder())).resolves.toMatchObject({ valid: true });
    expect((await deps.orders.get(SAMPLE_ORDER_ID))?.status).toBe('VALIDATED');
  });

  it('tags its logs with the order id and execution', async () => {
    await invoke(handler, invalidEvent());

    expect(logLines(output).find((l) => l.message === 'Order broke business rules')).toMatchObject({
      orderId: SAMPLE_ORDER_ID,
      executionArn: events.validateOrder().executionArn,
    });
  });

  it('throws OrderNotFoundError for a valid order that is not stored', async () => {
    const event = events.validateOrder();
    event.orderId = 'missing';

    await expect(invoke(handler, event)).rejects.toThrow(OrderNotFoundError);
  });

  it('lets an inventory failure through so the task fails (and is caught by the ASL)', async () => {
    jest.spyOn(deps.inventory, 'getProducts').mockRejectedValueOnce(new Error('ProvisionedThroughputExceededException'));

    await expect(invoke(handler, events.validateOrder())).rejects.toThrow('ProvisionedThroughputExceededException');
    expect((await deps.orders.get(SAMPLE_ORDER_ID))?.status).toBe('NEW');
  });
});

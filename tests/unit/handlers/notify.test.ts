import { makeNotifyHandler } from '../../../src/handlers/notify';
import { OrderNotFoundError } from '../../../src/domain/errors';
import { events, SAMPLE_ORDER_ID, sampleOrder } from '../../support/events';
import { makeFakeDeps, type FakeDeps } from '../../support/fakes';
import { invoke } from '../../support/invoke';
import { captureOutput, logLines, type CapturedOutput } from '../../support/output';

let deps: FakeDeps;
let output: CapturedOutput;
let handler: ReturnType<typeof makeNotifyHandler>;
const fulfilment = { carrier: 'UPS', trackingNumber: 'UP0F8FAD5BD9CB', estimatedDelivery: '2026-05-28' };

beforeEach(async () => {
  deps = makeFakeDeps();
  handler = makeNotifyHandler(deps);
  output = captureOutput();
  await deps.orders.create(sampleOrder('COMPLETED', { fulfilment }));
});
afterEach(() => output.restore());

describe('Notify', () => {
  it('reads the order and publishes its outcome with eventType and orderStatus for subscribers to filter on', async () => {
    const result = await invoke(handler, events.notify());

    expect(result).toEqual({ messageId: 'msg-0001' });
    expect(deps.notifier.published).toEqual([
      expect.objectContaining({
        eventType: 'OrderCompleted',
        orderStatus: 'COMPLETED',
        subject: `Order ${SAMPLE_ORDER_ID} is on its way`,
        message: expect.objectContaining({ orderId: SAMPLE_ORDER_ID, customerEmail: 'ada@example.com', fulfilment }),
      }),
    ]);
  });

  it('never publishes the payment token', async () => {
    await invoke(handler, events.notify());

    expect(JSON.stringify(deps.notifier.published)).not.toContain('tok_visa');
  });

  it("logs the delivery's MessageId with the order id, and not the customer's email", async () => {
    await invoke(handler, events.notify());

    expect(logLines(output)).toContainEqual(
      expect.objectContaining({ message: 'Notification published', eventType: 'OrderCompleted', messageId: 'msg-0001', orderId: SAMPLE_ORDER_ID }),
    );
    expect(output.text()).not.toContain('ada@example.com');
  });

  it.each([
    ['OrderRejected', 'REJECTED', 'was rejected'],
    ['OrderFailed', 'FAILED', 'could not be completed'],
  ] as const)('publishes %s', async (eventType, status, subject) => {
    await deps.orders.create(sampleOrder(status, { orderId: 'order-other' }));

    await invoke(handler, { ...events.notify(), eventType, orderId: 'order-other' });

    expect(deps.notifier.published[0]).toMatchObject({ eventType, orderStatus: status, subject: expect.stringContaining(subject) });
  });

  it('throws OrderNotFoundError for an unknown order, publishing nothing', async () => {
    await expect(invoke(handler, { ...events.notify(), orderId: 'missing' })).rejects.toThrow(OrderNotFoundError);
    expect(deps.notifier.published).toEqual([]);
  });

  it('lets a publish failure through so Step Functions retries it', async () => {
    jest.spyOn(deps.notifier, 'publish').mockRejectedValueOnce(new Error('KMSAccessDeniedException'));

    await expect(invoke(handler, events.notify())).rejects.toThrow('KMSAccessDeniedException');
  });
});

import { makeRefundPaymentHandler } from '../../../src/handlers/refund-payment';
import { events, SAMPLE_ORDER_ID, sampleOrder } from '../../support/events';
import { makeFakeDeps, type FakeDeps } from '../../support/fakes';
import { invoke } from '../../support/invoke';
import { captureOutput, type CapturedOutput } from '../../support/output';

let deps: FakeDeps;
let output: CapturedOutput;
let handler: ReturnType<typeof makeRefundPaymentHandler>;

beforeEach(async () => {
  deps = makeFakeDeps();
  handler = makeRefundPaymentHandler(deps);
  output = captureOutput();
  await deps.orders.create(sampleOrder('PROCESSING'));
});
afterEach(() => output.restore());

describe('RefundPayment', () => {
  it('refunds what was charged', async () => {
    await deps.payments.charge({ orderId: SAMPLE_ORDER_ID, amount: 49.97, currency: 'USD' });

    const result = await invoke(handler, events.refundPayment());

    expect(result).toEqual({ refunded: true, amount: 49.97, paymentId: 'pay_0001' });
    expect(deps.payments.chargeOf(SAMPLE_ORDER_ID)).toMatchObject({ status: 'REFUNDED', refundReason: 'Order failed: compensation' });
    expect(deps.payments.netCharged(SAMPLE_ORDER_ID)).toBe(0);
  });

  it('refunds nothing when nothing was charged', async () => {
    await expect(invoke(handler, events.refundPayment())).resolves.toEqual({ refunded: false, amount: 0 });
    expect(deps.payments.entries).toEqual([]);
  });

  it('refunds once however often it runs', async () => {
    await deps.payments.charge({ orderId: SAMPLE_ORDER_ID, amount: 49.97, currency: 'USD' });
    await invoke(handler, events.refundPayment());

    const again = await invoke(handler, events.refundPayment());

    expect(again).toEqual({ refunded: false, amount: 0, paymentId: 'pay_0001' });
    expect(deps.payments.entries.filter((e) => e.type === 'refund')).toHaveLength(1);
  });

  it('leaves the charge of a COMPLETED order (FulfillOrder completed it, then failed to answer)', async () => {
    await deps.payments.charge({ orderId: SAMPLE_ORDER_ID, amount: 49.97, currency: 'USD' });
    await deps.orders.changeStatus(SAMPLE_ORDER_ID, { status: 'COMPLETED', from: ['PROCESSING'] });

    const result = await invoke(handler, events.refundPayment());

    expect(result).toEqual({ refunded: false, amount: 0 });
    expect(deps.payments.netCharged(SAMPLE_ORDER_ID)).toBe(49.97);
  });

  it('lets a ledger failure through so Step Functions retries it', async () => {
    jest.spyOn(deps.payments, 'refund').mockRejectedValueOnce(new Error('ThrottlingException'));

    await expect(invoke(handler, events.refundPayment())).rejects.toThrow('ThrottlingException');
  });
});

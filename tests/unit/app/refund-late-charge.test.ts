import { refundLateCharge } from '../../../src/app/refund-late-charge';
import { recordFailure } from '../../../src/app/record-outcome';
import { SAMPLE_ORDER_ID, sampleOrder } from '../../support/events';
import { makeFakeDeps, type FakeDeps } from '../../support/fakes';

let deps: FakeDeps;
const CAUGHT = { Error: 'PaymentTimeoutError', Cause: 'no callback' };

beforeEach(async () => {
  deps = makeFakeDeps();
  await deps.orders.create(sampleOrder('PROCESSING'));
});

describe('the late-charge fence', () => {
  it('leaves the charge of an order that has not failed (a redelivery after our own callback)', async () => {
    await deps.payments.charge({ orderId: SAMPLE_ORDER_ID, amount: 49.97, currency: 'USD' });

    await expect(refundLateCharge(SAMPLE_ORDER_ID, 'payment-consumer', deps)).resolves.toBe(false);
    expect(deps.payments.netCharged(SAMPLE_ORDER_ID)).toBe(49.97);
  });

  it('refunds, once, a charge taken before RecordFailure wrote FAILED (RecordFailure sees it)', async () => {
    await deps.payments.charge({ orderId: SAMPLE_ORDER_ID, amount: 49.97, currency: 'USD' });

    const recorded = await recordFailure(SAMPLE_ORDER_ID, CAUGHT, 'arn:exec', deps);

    expect(recorded.lateChargeRefunded).toBe(true);
    expect(deps.payments.chargeOf(SAMPLE_ORDER_ID)).toMatchObject({ status: 'REFUNDED', refundReason: 'Order failed: charge taken after compensation' });
    await expect(refundLateCharge(SAMPLE_ORDER_ID, 'payment-consumer', deps)).resolves.toBe(false);
  });

  it('refunds a charge taken after RecordFailure wrote FAILED (the payment consumer sees it)', async () => {
    await expect(recordFailure(SAMPLE_ORDER_ID, CAUGHT, 'arn:exec', deps)).resolves.toMatchObject({ lateChargeRefunded: false });
    await deps.payments.charge({ orderId: SAMPLE_ORDER_ID, amount: 49.97, currency: 'USD' });

    await expect(refundLateCharge(SAMPLE_ORDER_ID, 'payment-consumer', deps)).resolves.toBe(true);
    expect(deps.payments.chargeOf(SAMPLE_ORDER_ID)).toMatchObject({ status: 'REFUNDED', refundReason: expect.stringContaining('Late callback') });
  });
});

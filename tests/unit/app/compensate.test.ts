import { refundPayment, releaseInventory } from '../../../src/app/compensate';
import { SAMPLE_ORDER_ID, sampleOrder } from '../../support/events';
import { makeFakeDeps, type FakeDeps } from '../../support/fakes';

let deps: FakeDeps;

beforeEach(async () => {
  deps = makeFakeDeps();
  await deps.orders.create(sampleOrder('PROCESSING'));
  await deps.inventory.reserve(SAMPLE_ORDER_ID, [{ productId: 'widget-blue', quantity: 2 }]);
  await deps.payments.charge({ orderId: SAMPLE_ORDER_ID, amount: 49.97, currency: 'USD' });
});

describe('compensation of a failed order', () => {
  it('refunds the charge and releases the reservation', async () => {
    await expect(refundPayment(SAMPLE_ORDER_ID, deps)).resolves.toEqual({ result: { refunded: true, amount: 49.97, paymentId: 'pay_0001' } });
    await expect(releaseInventory(SAMPLE_ORDER_ID, deps)).resolves.toEqual({ result: { released: true, lines: [{ productId: 'widget-blue', quantity: 2 }] } });
    expect(deps.payments.netCharged(SAMPLE_ORDER_ID)).toBe(0);
  });
});

describe('compensation of a COMPLETED order', () => {
  beforeEach(async () => {
    await deps.orders.changeStatus(SAMPLE_ORDER_ID, { status: 'COMPLETED', from: ['PROCESSING'] });
  });

  it('leaves the charge standing', async () => {
    await expect(refundPayment(SAMPLE_ORDER_ID, deps)).resolves.toEqual({ skipped: 'order-completed' });
    expect(deps.payments.netCharged(SAMPLE_ORDER_ID)).toBe(49.97);
  });

  it('leaves the reservation alone', async () => {
    await expect(releaseInventory(SAMPLE_ORDER_ID, deps)).resolves.toEqual({ skipped: 'order-completed' });
    expect(deps.inventory.reservation(SAMPLE_ORDER_ID)).toMatchObject({ status: 'RESERVED' });
  });
});

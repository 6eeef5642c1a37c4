import { buildNotification } from '../../../src/domain/notifications';
import { toOrderView, type OrderView } from '../../../src/domain/order';
import { events, SAMPLE_ORDER_ID, sampleOrder } from '../../support/events';

const fulfilment = { carrier: 'UPS', trackingNumber: 'UP0F8FAD5BD9CB', estimatedDelivery: '2026-05-28' };
const completed = (): OrderView => toOrderView(sampleOrder('COMPLETED', { fulfilment }));

describe('buildNotification', () => {
  it('describes a completed order with its shipment, with the attributes subscribers filter on', () => {
    const notification = buildNotification('OrderCompleted', completed());

    expect(notification).toEqual({
      eventType: 'OrderCompleted',
      orderStatus: 'COMPLETED',
      subject: `Order ${SAMPLE_ORDER_ID} is on its way`,
      message: {
        eventType: 'OrderCompleted',
        orderId: SAMPLE_ORDER_ID,
        status: 'COMPLETED',
        customerId: 'cust-1001',
        customerEmail: 'ada@example.com',
        amount: 49.97,
        currency: 'USD',
        fulfilment,
      },
    });
  });

  it('carries the rule violations of a rejected order', () => {
    const validationErrors = events.recordOutcomeRejected().validation.errors;
    const order = toOrderView(sampleOrder('REJECTED', { validationErrors }));

    const notification = buildNotification('OrderRejected', order);

    expect(notification.subject).toBe(`Order ${SAMPLE_ORDER_ID} was rejected`);
    expect(notification.orderStatus).toBe('REJECTED');
    expect(notification.message).toMatchObject({ validationErrors });
    expect(notification.message).not.toHaveProperty('fulfilment');
  });

  it('carries the failure of a failed order', () => {
    const failure = { state: 'ProcessPayment', error: 'PaymentDeclinedError', cause: 'Insufficient funds' };

    const notification = buildNotification('OrderFailed', toOrderView(sampleOrder('FAILED', { failure })));

    expect(notification.subject).toBe(`Order ${SAMPLE_ORDER_ID} could not be completed`);
    expect(notification.message).toMatchObject({ failure, status: 'FAILED' });
    expect(notification.message).not.toHaveProperty('validationErrors');
  });

  it('never puts a payment token or a shipping address in the message', () => {
    const order = { ...completed(), payment: { method: 'card', token: 'tok_visa' } } as OrderView;

    const text = JSON.stringify(buildNotification('OrderCompleted', order));

    expect(text).not.toContain('tok_visa');
    expect(text).not.toContain('Analytical Way');
  });
});

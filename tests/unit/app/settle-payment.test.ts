import { parsePaymentMessage, settlePayment, type PaymentMessage } from '../../../src/app/settle-payment';
import { MalformedMessageError, TransientPaymentError } from '../../../src/domain/errors';
import { bodyOf, events } from '../../support/events';
import { makeFakeDeps, type FakeDeps } from '../../support/fakes';

const TOKEN = 'task-token-0001';

let deps: FakeDeps;

/** Stores an order paying with `paymentToken` and returns the payment message the ASL would send for it. */
const orderPayingWith = async (paymentToken: string, orderId = 'order-0001'): Promise<PaymentMessage> => {
  const body = bodyOf(events.createOrder());
  await deps.orders.create({
    ...body,
    payment: { method: 'card', token: paymentToken },
    orderId,
    status: 'PROCESSING',
    createdAt: '2026-05-25T09:00:00.000Z',
    updatedAt: '2026-05-25T09:00:00.000Z',
  });
  // The ProcessPayment task sent the message, so its token is waiting for the callback.
  deps.callbacks.issue(TOKEN);
  return { orderId, amount: body.amount, currency: body.currency, taskToken: TOKEN };
};

beforeEach(() => {
  deps = makeFakeDeps();
});

/** What RecordFailure does when the workflow gives up on the order. */
const failOrder = async (orderId = 'order-0001'): Promise<void> => {
  await deps.orders.changeStatus(orderId, {
    status: 'FAILED',
    from: ['PROCESSING'],
    failure: { state: 'ReserveInventory', error: 'OutOfStockError', cause: 'sold out' },
  });
};

describe('parsePaymentMessage', () => {
  it('reads the sample message that the ProcessPayment task sends', () => {
    const [record] = events.processPayment().Records;

    expect(parsePaymentMessage(record!.body)).toEqual({
      orderId: '0f8fad5b-d9cb-469f-a165-70867728950e',
      amount: 49.97,
      currency: 'USD',
      taskToken: expect.stringMatching(/^AQ/),
    });
  });

  it('drops fields it does not know', () => {
    const body = JSON.stringify({ orderId: 'o', amount: 1, currency: 'USD', taskToken: 't', extra: { deep: true } });

    expect(parsePaymentMessage(body)).toEqual({ orderId: 'o', amount: 1, currency: 'USD', taskToken: 't' });
  });

  it.each([
    ['text that is not JSON', 'not a payment message', 'Payment message is not JSON'],
    ['an empty body', '', 'Payment message is not JSON'],
    ['null', 'null', 'lacks'],
    ['a number', '42', 'lacks'],
    ['an array', '[]', 'lacks'],
    ['no task token', JSON.stringify({ orderId: 'o', amount: 1, currency: 'USD' }), 'lacks'],
    ['an empty task token', JSON.stringify({ orderId: 'o', amount: 1, currency: 'USD', taskToken: '' }), 'lacks'],
    ['no order id', JSON.stringify({ amount: 1, currency: 'USD', taskToken: 't' }), 'lacks'],
    ['an empty order id', JSON.stringify({ orderId: '', amount: 1, currency: 'USD', taskToken: 't' }), 'lacks'],
    ['the amount as a string', JSON.stringify({ orderId: 'o', amount: '1', currency: 'USD', taskToken: 't' }), 'lacks'],
    ['a negative amount', JSON.stringify({ orderId: 'o', amount: -1, currency: 'USD', taskToken: 't' }), 'lacks'],
    ['an infinite amount', '{"orderId":"o","amount":1e999,"currency":"USD","taskToken":"t"}', 'lacks'],
    ['no currency', JSON.stringify({ orderId: 'o', amount: 1, taskToken: 't' }), 'lacks'],
  ])('rejects %s as malformed (it goes to the DLQ after maxReceiveCount)', (_, body, message) => {
    expect(() => parsePaymentMessage(body)).toThrow(MalformedMessageError);
    expect(() => parsePaymentMessage(body)).toThrow(message);
  });
});

describe('settlePayment', () => {
  it('charges an approved card once and answers the task with the charge', async () => {
    const message = await orderPayingWith('tok_visa');

    const outcome = await settlePayment(message, 1, deps);

    expect(outcome).toBe('charged');
    expect(deps.payments.entries).toEqual([{ type: 'charge', orderId: 'order-0001', amount: 49.97 }]);
    expect(deps.callbacks.successes).toEqual([
      { taskToken: TOKEN, output: { paymentId: 'pay_0001', amount: 49.97, currency: 'USD', status: 'CHARGED' } },
    ]);
    expect(deps.callbacks.failures).toEqual([]);
  });

  it('checks that the task is still waiting before it charges', async () => {
    const message = await orderPayingWith('tok_visa');
    const order: string[] = [];
    jest.spyOn(deps.callbacks, 'heartbeat').mockImplementation(async () => void order.push('heartbeat'));
    jest.spyOn(deps.payments, 'charge').mockImplementation(async (request) => {
      order.push('charge');
      return { charge: { paymentId: 'p', amount: request.amount, currency: request.currency, status: 'CHARGED', chargedAt: 'now' }, alreadyCharged: false };
    });

    await settlePayment(message, 1, deps);

    expect(order).toEqual(['heartbeat', 'charge']);
  });

  it.each([
    ['tok_decline_insufficient_funds', 'Insufficient funds'],
    ['tok_decline_expired_card', 'Card expired'],
  ])('fails the task with PaymentDeclinedError for %s and charges nothing', async (token, reason) => {
    const message = await orderPayingWith(token);

    const outcome = await settlePayment(message, 1, deps);

    expect(outcome).toBe('declined');
    expect(deps.callbacks.failures).toEqual([{ taskToken: TOKEN, error: 'PaymentDeclinedError', cause: reason }]);
    expect(deps.payments.entries).toEqual([]);
  });

  it('declines an order that has no payment method on file', async () => {
    deps.callbacks.issue(TOKEN);
    const outcome = await settlePayment({ orderId: 'order-missing', amount: 10, currency: 'USD', taskToken: TOKEN }, 1, deps);

    expect(outcome).toBe('declined');
    expect(deps.callbacks.failures).toEqual([{ taskToken: TOKEN, error: 'PaymentDeclinedError', cause: 'No payment method on file' }]);
  });

  it('does not answer tok_timeout at all, so the task times out', async () => {
    const message = await orderPayingWith('tok_timeout');

    const outcome = await settlePayment(message, 1, deps);

    expect(outcome).toBe('ignored');
    expect(deps.callbacks.successes).toEqual([]);
    expect(deps.callbacks.failures).toEqual([]);
    expect(deps.payments.entries).toEqual([]);
  });

  it('throws TransientPaymentError on the first delivery of tok_error_transient and charges on the redelivery', async () => {
    const message = await orderPayingWith('tok_error_transient');

    await expect(settlePayment(message, 1, deps)).rejects.toThrow(TransientPaymentError);
    expect(deps.payments.entries).toEqual([]);
    expect(deps.callbacks.successes).toEqual([]);

    await expect(settlePayment(message, 2, deps)).resolves.toBe('charged');
    expect(deps.payments.entries).toHaveLength(1);
  });

  it('charges a random card or declines it at PAYMENT_DECLINE_RATE', async () => {
    const message = await orderPayingWith('tok_4242_customer_card');

    await expect(settlePayment(message, 1, { ...deps, paymentDeclineRate: 0 })).resolves.toBe('charged');
    const other = await orderPayingWith('tok_4242_customer_card', 'order-0002');
    deps.callbacks.issue('task-token-0002');
    await expect(settlePayment({ ...other, taskToken: 'task-token-0002' }, 1, { ...deps, paymentDeclineRate: 1 })).resolves.toBe('declined');
  });

  it('charges no second time when the message is redelivered after a charge whose callback never went out', async () => {
    // Prepare: the first delivery charges, then the callback fails with a network error (not "task gone").
    const message = await orderPayingWith('tok_visa');
    jest.spyOn(deps.callbacks, 'succeed').mockRejectedValueOnce(new Error('socket hang up'));
    await expect(settlePayment(message, 1, deps)).rejects.toThrow('socket hang up');

    // Act: SQS delivers the message again.
    const outcome = await settlePayment(message, 2, deps);

    // Assert: one charge, reported with the first payment id.
    expect(outcome).toBe('charged');
    expect(deps.payments.entries).toEqual([{ type: 'charge', orderId: 'order-0001', amount: 49.97 }]);
    expect(deps.callbacks.successes).toEqual([{ taskToken: TOKEN, output: expect.objectContaining({ paymentId: 'pay_0001' }) }]);
  });

  it('refunds a charge whose task died between the check and the callback once the order has failed (late callback)', async () => {
    // Prepare: the Parallel state cancels the payment branch while the charge is being taken, and the
    // workflow has already recorded the order as FAILED.
    const message = await orderPayingWith('tok_visa');
    deps.callbacks.killWhen(TOKEN, 'succeed');
    await failOrder();

    // Act
    const outcome = await settlePayment(message, 1, deps);

    // Assert: charged, then refunded; nothing left charged.
    expect(outcome).toBe('late-charge-refunded');
    expect(deps.payments.entries.map((e) => e.type)).toEqual(['charge', 'refund']);
    expect(deps.payments.netCharged('order-0001')).toBe(0);
    expect(deps.payments.chargeOf('order-0001')).toMatchObject({ status: 'REFUNDED', refundReason: expect.stringContaining('Late callback') });
  });

  it('refunds an earlier delivery\'s charge and charges nothing new when the task is already gone', async () => {
    // Prepare: delivery 1 charged and crashed before answering; then the task timed out.
    const message = await orderPayingWith('tok_visa');
    jest.spyOn(deps.callbacks, 'succeed').mockRejectedValueOnce(new Error('Lambda crashed'));
    await expect(settlePayment(message, 1, deps)).rejects.toThrow('Lambda crashed');
    deps.callbacks.kill(TOKEN);
    await failOrder();

    // Act: delivery 2.
    const outcome = await settlePayment(message, 2, deps);

    // Assert
    expect(outcome).toBe('late-charge-refunded');
    expect(deps.payments.entries.map((e) => e.type)).toEqual(['charge', 'refund']);
    expect(deps.payments.netCharged('order-0001')).toBe(0);
  });

  it('does nothing for a task that is already gone when nothing was charged', async () => {
    const message = await orderPayingWith('tok_visa');
    deps.callbacks.kill(TOKEN);

    await expect(settlePayment(message, 1, deps)).resolves.toBe('task-gone');
    expect(deps.payments.entries).toEqual([]);
    expect(deps.callbacks.successes).toEqual([]);
  });

  it('counts a decline for a task that died meanwhile as declined (nothing was charged)', async () => {
    const message = await orderPayingWith('tok_decline_expired_card');
    deps.callbacks.killWhen(TOKEN, 'fail');

    await expect(settlePayment(message, 1, deps)).resolves.toBe('declined');
    expect(deps.payments.entries).toEqual([]);
  });

  it('lets an unexpected callback failure through, so the message is retried', async () => {
    const message = await orderPayingWith('tok_visa');
    jest.spyOn(deps.callbacks, 'heartbeat').mockRejectedValueOnce(new Error('ThrottlingException'));

    await expect(settlePayment(message, 1, deps)).rejects.toThrow('ThrottlingException');
    expect(deps.payments.entries).toEqual([]);
  });

  it('lets a ledger failure through without answering the task', async () => {
    const message = await orderPayingWith('tok_visa');
    jest.spyOn(deps.payments, 'charge').mockRejectedValueOnce(new Error('TransactionConflict'));

    await expect(settlePayment(message, 1, deps)).rejects.toThrow('TransactionConflict');
    expect(deps.callbacks.successes).toEqual([]);
    expect(deps.callbacks.isOpen(TOKEN)).toBe(true);
  });

  it('keeps the charge of a completed payment when SQS delivers its message again', async () => {
    // A redelivery after our own successful callback also finds the task closed; the order is not FAILED.
    const message = await orderPayingWith('tok_visa');
    await expect(settlePayment(message, 1, deps)).resolves.toBe('charged');

    await expect(settlePayment(message, 2, deps)).resolves.toBe('task-gone');

    expect(deps.payments.netCharged('order-0001')).toBe(49.97);
    expect(deps.payments.entries.map((e) => e.type)).toEqual(['charge']);
  });

  it('leaves a late charge to RecordFailure when the order is not FAILED yet', async () => {
    // The workflow cancelled the branch but has not written FAILED: RecordFailure refunds after it does.
    const message = await orderPayingWith('tok_visa');
    deps.callbacks.killWhen(TOKEN, 'succeed');

    await expect(settlePayment(message, 1, deps)).resolves.toBe('task-gone');

    expect(deps.payments.netCharged('order-0001')).toBe(49.97);
  });
});

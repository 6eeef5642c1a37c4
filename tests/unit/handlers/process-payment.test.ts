import type { SQSBatchResponse } from 'aws-lambda';
import { makeProcessPaymentHandler } from '../../../src/handlers/process-payment';
import { events, paymentRecord, SAMPLE_ORDER_ID, sampleOrder } from '../../support/events';
import { makeFakeDeps, type FakeDeps } from '../../support/fakes';
import { invoke } from '../../support/invoke';
import { captureOutput, logLines, type CapturedOutput } from '../../support/output';

let deps: FakeDeps;
let output: CapturedOutput;
let handler: ReturnType<typeof makeProcessPaymentHandler>;

const sampleToken = () => (JSON.parse(events.processPayment().Records[0]!.body) as { taskToken: string }).taskToken;
/** The message a ProcessPayment task sent; its token waits for the callback from then on. */
const messageFor = (orderId: string, taskToken: string) => {
  deps.callbacks.issue(taskToken);
  return { orderId, amount: 49.97, currency: 'USD', taskToken };
};

/** Stores an order that pays with `paymentToken`. */
const orderPaying = (paymentToken: string, orderId: string) => deps.orders.create(sampleOrder('PROCESSING', { orderId, payment: { method: 'card', token: paymentToken } }));

beforeEach(async () => {
  deps = makeFakeDeps();
  deps.callbacks.issue(sampleToken());
  handler = makeProcessPaymentHandler(deps);
  output = captureOutput();
  await orderPaying('tok_visa', SAMPLE_ORDER_ID);
});
afterEach(() => output.restore());

describe('ProcessPayment (SQS consumer)', () => {
  it('charges the sample message, answers its task and reports no failure', async () => {
    const response = await invoke<SQSBatchResponse>(handler, events.processPayment());

    expect(response).toEqual({ batchItemFailures: [] });
    expect(deps.payments.entries).toEqual([{ type: 'charge', orderId: SAMPLE_ORDER_ID, amount: 49.97 }]);
    expect(deps.callbacks.successes).toEqual([{ taskToken: sampleToken(), output: expect.objectContaining({ paymentId: 'pay_0001', status: 'CHARGED' }) }]);
    expect(logLines(output)).toContainEqual(expect.objectContaining({ message: 'Payment message settled', outcome: 'charged', orderId: SAMPLE_ORDER_ID, receiveCount: 1 }));
  });

  it('reports only the malformed messages of the mixed sample batch, and still settles the good one', async () => {
    const response = await invoke<SQSBatchResponse>(handler, events.processPaymentMixedBatch());

    expect(response.batchItemFailures).toEqual([
      { itemIdentifier: '059f36b4-87a3-44ab-83d2-661975830a7d' },
      { itemIdentifier: '7b1c2e9d-5a2f-4c3b-9e61-0d8f3a4b5c6d' },
    ]);
    expect(deps.callbacks.successes).toHaveLength(1);
    expect(logLines(output).filter((l) => l.message === 'Payment message returned to the queue')).toHaveLength(2);
  });

  it('returns a transient failure to the queue on its first delivery and settles it on the next', async () => {
    await orderPaying('tok_error_transient', 'order-transient');
    const first = { Records: [paymentRecord('m-1', messageFor('order-transient', 'token-t'), 1)] };
    const second = { Records: [paymentRecord('m-1', messageFor('order-transient', 'token-t'), 2)] };

    await expect(invoke<SQSBatchResponse>(handler, first)).resolves.toEqual({ batchItemFailures: [{ itemIdentifier: 'm-1' }] });
    await expect(invoke<SQSBatchResponse>(handler, second)).resolves.toEqual({ batchItemFailures: [] });
    expect(deps.payments.entries).toHaveLength(1);
  });

  it('settles each message of a batch on its own: approve, decline, ignore, transient and poison together', async () => {
    await orderPaying('tok_decline_insufficient_funds', 'order-declined');
    await orderPaying('tok_timeout', 'order-timeout');
    await orderPaying('tok_error_transient', 'order-transient');
    const batch = {
      Records: [
        paymentRecord('m-approve', messageFor(SAMPLE_ORDER_ID, 'token-a')),
        paymentRecord('m-decline', messageFor('order-declined', 'token-d')),
        paymentRecord('m-ignore', messageFor('order-timeout', 'token-i')),
        paymentRecord('m-transient', messageFor('order-transient', 'token-t')),
        paymentRecord('m-poison', '{"orderId":'),
      ],
    };

    const response = await invoke<SQSBatchResponse>(handler, batch);

    expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['m-poison', 'm-transient']);
    expect(deps.callbacks.successes.map((s) => s.taskToken)).toEqual(['token-a']);
    expect(deps.callbacks.failures).toEqual([{ taskToken: 'token-d', error: 'PaymentDeclinedError', cause: 'Insufficient funds' }]);
    expect(output.records()).toContainEqual(expect.objectContaining({ PaymentDeclined: 1 }));
  });

  it('reports every message when the whole batch fails, instead of throwing', async () => {
    const batch = { Records: [paymentRecord('p-1', 'x'), paymentRecord('p-2', '[]')] };

    await expect(invoke<SQSBatchResponse>(handler, batch)).resolves.toEqual({ batchItemFailures: [{ itemIdentifier: 'p-1' }, { itemIdentifier: 'p-2' }] });
  });

  it('never charges twice however often the message is delivered before its callback lands', async () => {
    jest.spyOn(deps.callbacks, 'succeed').mockRejectedValueOnce(new Error('socket hang up')).mockRejectedValueOnce(new Error('socket hang up'));
    const delivery = (count: number) => ({ Records: [paymentRecord('m-1', messageFor(SAMPLE_ORDER_ID, 'token-r'), count)] });

    for (const count of [1, 2, 3]) await invoke<SQSBatchResponse>(handler, delivery(count));

    expect(deps.payments.entries.filter((e) => e.type === 'charge')).toHaveLength(1);
    expect(deps.callbacks.successes).toHaveLength(1);
  });

  it('refunds a late charge on an order the workflow has failed, and counts it', async () => {
    deps.callbacks.killWhen('token-late', 'succeed');
    await deps.orders.changeStatus(SAMPLE_ORDER_ID, { status: 'FAILED', from: ['PROCESSING'], failure: { state: 'ReserveInventory', error: 'OutOfStockError', cause: 'x' } });

    const response = await invoke<SQSBatchResponse>(handler, { Records: [paymentRecord('m-late', messageFor(SAMPLE_ORDER_ID, 'token-late'))] });

    expect(response).toEqual({ batchItemFailures: [] });
    expect(deps.payments.netCharged(SAMPLE_ORDER_ID)).toBe(0);
    expect(output.records()).toContainEqual(expect.objectContaining({ LateChargeRefunded: 1 }));
  });

  it('treats a missing receive count as a first delivery', async () => {
    await orderPaying('tok_error_transient', 'order-transient');
    const record = paymentRecord('m-1', messageFor('order-transient', 'token-t'));
    delete (record.attributes as Partial<typeof record.attributes>).ApproximateReceiveCount;

    await expect(invoke<SQSBatchResponse>(handler, { Records: [record] })).resolves.toEqual({ batchItemFailures: [{ itemIdentifier: 'm-1' }] });
  });

  it('never logs the payment token or the customer email, even for messages that carry them', async () => {
    await orderPaying('tok_decline_expired_card', 'order-declined');
    const batch = {
      Records: [
        paymentRecord('m-1', messageFor(SAMPLE_ORDER_ID, 'token-1')),
        paymentRecord('m-2', messageFor('order-declined', 'token-2')),
        paymentRecord('m-3', '{"customerEmail":"ada@example.com","token":"tok_visa",'),
        paymentRecord('m-4', { orderId: 'o', token: 'tok_visa', customerEmail: 'ada@example.com' }),
      ],
    };
    jest.spyOn(deps.payments, 'refund').mockRejectedValueOnce(new Error('refund failed for ada@example.com with tok_visa'));
    deps.callbacks.killWhen('token-1', 'succeed');

    await invoke<SQSBatchResponse>(handler, batch);

    expect(logLines(output).length).toBeGreaterThanOrEqual(4);
    expect(output.text()).not.toMatch(/tok_visa|tok_decline_expired_card|ada@example\.com/);
  });
});

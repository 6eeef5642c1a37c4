import { makeRecordOutcomeHandler } from '../../../src/handlers/record-outcome';
import { InvalidTransitionError } from '../../../src/domain/errors';
import { events, SAMPLE_ORDER_ID, sampleOrder } from '../../support/events';
import { makeFakeDeps, type FakeDeps } from '../../support/fakes';
import { invoke } from '../../support/invoke';
import { captureOutput, logLines, type CapturedOutput } from '../../support/output';

let deps: FakeDeps;
let output: CapturedOutput;
let handler: ReturnType<typeof makeRecordOutcomeHandler>;

const executionUrl = () => `${deps.executionLinkBase}${events.recordOutcomeFailed().executionArn}`;

beforeEach(() => {
  deps = makeFakeDeps();
  handler = makeRecordOutcomeHandler(deps);
  output = captureOutput();
});
afterEach(() => output.restore());

describe('RecordRejection', () => {
  beforeEach(async () => deps.orders.create(sampleOrder('NEW')));

  it('marks the order REJECTED with the violated rules and returns what the Fail state and notification need', async () => {
    const input = events.recordOutcomeRejected();

    const { order, failure } = await invoke(handler, input);

    expect(failure).toEqual({ state: 'ValidateOrder', error: 'ValidationError', cause: input.validation.summary, executionUrl: executionUrl() });
    expect(order).toMatchObject({ orderId: SAMPLE_ORDER_ID, status: 'REJECTED', failure, validationErrors: input.validation.errors });
    expect(JSON.stringify(order)).not.toMatch(/tok_visa|ada@example\.com|Analytical Way/);
    expect(await deps.orders.get(SAMPLE_ORDER_ID)).toMatchObject({ status: 'REJECTED', failure });
    expect(output.records()).toContainEqual(expect.objectContaining({ OrderRejected: 1 }));
  });

  it('does not read the execution history (a rejection is not retried)', async () => {
    await invoke(handler, events.recordOutcomeRejected());

    expect(deps.history.lookups).toEqual([]);
  });

  it('changes nothing when retried', async () => {
    const first = await invoke(handler, events.recordOutcomeRejected());

    await expect(invoke(handler, events.recordOutcomeRejected())).resolves.toEqual(first);
  });

  it('refuses to reject an order that is already PROCESSING', async () => {
    await deps.orders.changeStatus(SAMPLE_ORDER_ID, { status: 'PROCESSING', from: ['NEW'] });

    await expect(invoke(handler, events.recordOutcomeRejected())).rejects.toThrow(InvalidTransitionError);
  });
});

describe('RecordFailure', () => {
  beforeEach(async () => deps.orders.create(sampleOrder('PROCESSING')));

  it('marks the order FAILED with the failed state, error and readable cause, and a link to the execution', async () => {
    const { order, failure } = await invoke(handler, events.recordOutcomeFailed());

    expect(failure).toEqual({
      state: 'ReserveInventory',
      error: 'OutOfStockError',
      cause: 'Product sold-out-lamp is out of stock: 1 requested, 0 available',
      executionUrl: executionUrl(),
    });
    expect(order).toMatchObject({ status: 'FAILED', failure });
    expect(JSON.stringify(order)).not.toMatch(/tok_visa|ada@example\.com|Analytical Way/);
  });

  it('records the attempts the failed state made, read from the execution history', async () => {
    const input = events.recordOutcomeFailed();
    deps.history.setAttempts(input.executionArn, 'ReserveInventory', 5);

    const { order, failure } = await invoke(handler, input);

    expect(deps.history.lookups).toEqual([{ executionArn: input.executionArn, stateName: 'ReserveInventory' }]);
    expect(failure).toMatchObject({ state: 'ReserveInventory', error: 'OutOfStockError', attempts: 5, executionUrl: executionUrl() });
    expect(order.failure).toEqual(failure);
    // The failure notification is built from the stored order.
    expect((await deps.orders.get(SAMPLE_ORDER_ID))?.failure).toEqual(failure);
  });

  it('records the failure without attempts, and warns, when the history cannot be read', async () => {
    jest.spyOn(deps.history, 'attemptsOf').mockRejectedValueOnce(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' }));

    const { order, failure } = await invoke(handler, events.recordOutcomeFailed());

    expect(order.status).toBe('FAILED');
    expect(failure).not.toHaveProperty('attempts');
    expect((await deps.orders.get(SAMPLE_ORDER_ID))?.failure).toEqual(failure);
    expect(logLines(output)).toContainEqual(
      expect.objectContaining({ level: 'WARN', message: expect.stringContaining('execution history'), state: 'ReserveInventory' }),
    );
  });

  it('refunds a charge that was taken after compensation ran (the late-charge fence)', async () => {
    // Prepare: RefundPayment found nothing, then a slow consumer charged before the order was FAILED.
    await deps.payments.charge({ orderId: SAMPLE_ORDER_ID, amount: 49.97, currency: 'USD' });

    await invoke(handler, events.recordOutcomeFailed());

    expect(deps.payments.netCharged(SAMPLE_ORDER_ID)).toBe(0);
  });

  it('refunds nothing when nothing is charged', async () => {
    await invoke(handler, events.recordOutcomeFailed());

    expect(deps.payments.entries).toEqual([]);
  });

  it('counts the compensation, and the failure by reason', async () => {
    await invoke(handler, events.recordOutcomeFailed());

    const emf = output.records().filter((r) => '_aws' in r);
    expect(emf).toContainEqual(expect.objectContaining({ CompensationRun: 1 }));
    expect(emf).toContainEqual(expect.objectContaining({ OrderFailed: 1, reason: 'OutOfStockError' }));
  });

  it.each(['NEW', 'VALIDATED'] as const)('records a failure of an order that is still %s (ValidateOrder itself failed)', async (status) => {
    await deps.orders.create(sampleOrder(status, { orderId: 'order-early' }));

    const { order } = await invoke(handler, { ...events.recordOutcomeFailed(), orderId: 'order-early' });

    expect(order.status).toBe('FAILED');
  });

  it('changes nothing when retried', async () => {
    const first = await invoke(handler, events.recordOutcomeFailed());

    await expect(invoke(handler, events.recordOutcomeFailed())).resolves.toEqual(first);
  });

  it('refuses to fail a COMPLETED order', async () => {
    await deps.orders.changeStatus(SAMPLE_ORDER_ID, { status: 'COMPLETED', from: ['PROCESSING'] });

    await expect(invoke(handler, events.recordOutcomeFailed())).rejects.toThrow(InvalidTransitionError);
  });

  it('lets a table failure through so Step Functions retries it', async () => {
    jest.spyOn(deps.orders, 'changeStatus').mockRejectedValueOnce(new Error('InternalServerError'));

    await expect(invoke(handler, events.recordOutcomeFailed())).rejects.toThrow('InternalServerError');
  });
});

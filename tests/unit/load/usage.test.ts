import { sqsPerPayment, usePerInvocation } from '../../../src/load/capacity';
import { usageFromRun, type RunMeasurements } from '../../../src/load/usage';

const shape = { orderKb: 2, lines: 1, idempotencyKey: true };

const run = (overrides: Partial<RunMeasurements> = {}): RunMeasurements => ({
  orders: 100,
  transitions: 800,
  functions: {
    CreateOrderFunction: { invocations: 100, billedMs: 200 },
    NotifyFunction: { invocations: 100, billedMs: 100 },
    ProcessPaymentFunction: { invocations: 50, billedMs: 100 },
    QuoteCartFunction: { invocations: 10, billedMs: 10 },
    GetOrderFunction: { invocations: 7, billedMs: 7 },
  },
  quotes: 10,
  quoteBilledMs: 1000,
  paymentMessages: 100,
  shape,
  memoryMb: { CreateOrderFunction: 512, NotifyFunction: 256 },
  ...overrides,
});

const NO_ALLOWANCE = { quotesPerOrder: 1, awsMsPerCall: 0, expressMemoryMb: 64 };

describe('usageFromRun', () => {
  it('turns run totals into use per order', () => {
    const usage = usageFromRun(run(), NO_ALLOWANCE);

    expect(usage).toMatchObject({ apiRequests: 2, standardTransitions: 8, expressRequests: 1, expressBilledMsPerRequest: 100, expressMemoryMb: 64 });
    expect(usage.functions).toEqual([
      { functionId: 'CreateOrderFunction', invocationsPerOrder: 1, billedMsPerInvocation: 2, memoryMb: 512 },
      { functionId: 'NotifyFunction', invocationsPerOrder: 1, billedMsPerInvocation: 1, memoryMb: 256 },
      { functionId: 'ProcessPaymentFunction', invocationsPerOrder: 0.5, billedMsPerInvocation: 2, memoryMb: 128 },
      { functionId: 'QuoteCartFunction', invocationsPerOrder: 1, billedMsPerInvocation: 1, memoryMb: 128 },
    ]);
  });

  it('leaves out what the load tool itself calls (GET /orders/{id})', () => {
    expect(usageFromRun(run(), NO_ALLOWANCE).functions.map((f) => f.functionId)).not.toContain('GetOrderFunction');
  });

  it('adds the DynamoDB, SNS and SQS use of each invocation, per message for the payment consumer', () => {
    const usage = usageFromRun(run(), NO_ALLOWANCE);
    const create = usePerInvocation('CreateOrderFunction', shape);
    const payment = usePerInvocation('ProcessPaymentFunction', shape);
    const quote = usePerInvocation('QuoteCartFunction', shape);
    const notify = usePerInvocation('NotifyFunction', shape);

    // 1 create, 1 notify, 1 payment message (2 per batch), 1 quote per order
    expect(usage.writeUnits).toBe(create.writeUnits + payment.writeUnits);
    expect(usage.readUnits).toBe(create.readUnits + payment.readUnits + quote.readUnits + notify.readUnits);
    expect(usage.snsPublishes).toBe(1);
    expect(usage.sqsRequests).toBe(sqsPerPayment(2)); // send + (receive + delete) shared by 2
  });

  it('adds the AWS call allowance to each invocation, times the batch for the payment consumer', () => {
    const usage = usageFromRun(run(), { ...NO_ALLOWANCE, awsMsPerCall: 10 });
    const billed = Object.fromEntries(usage.functions.map((f) => [f.functionId, f.billedMsPerInvocation]));

    expect(billed.CreateOrderFunction).toBe(2 + 10 * usePerInvocation('CreateOrderFunction', shape).sdkCalls);
    expect(billed.ProcessPaymentFunction).toBe(2 + 10 * usePerInvocation('ProcessPaymentFunction', shape).sdkCalls * 2);
  });

  it('scales quotes to the quotes-per-order assumption, not to how many the run sent', () => {
    const usage = usageFromRun(run(), { ...NO_ALLOWANCE, quotesPerOrder: 3 });

    expect(usage.expressRequests).toBe(3);
    expect(usage.apiRequests).toBe(4);
    expect(usage.functions.find((f) => f.functionId === 'QuoteCartFunction')?.invocationsPerOrder).toBe(3);
  });

  it('has no Express use when the run sent no quote', () => {
    expect(usageFromRun(run({ quotes: 0, functions: {} }), NO_ALLOWANCE)).toMatchObject({ expressRequests: 0, expressBilledMsPerRequest: 0 });
  });
});

describe('capacity per invocation', () => {
  it('charges order writes per KB, the index entry and its key change', () => {
    // status change: item (2) + index delete (2) + index put (2), and a conditional refund attempt (2)
    expect(usePerInvocation('RecordOutcomeFunction', shape)).toEqual({ readUnits: 1, writeUnits: 6 + 2, sqsRequests: 0, snsPublishes: 0, sdkCalls: 3 });
    // one transaction: order item 2×2 (transactional), index delete + put 2×2, one product 2×1; three reads
    expect(usePerInvocation('FulfillOrderFunction', shape)).toMatchObject({ readUnits: 3, writeUnits: 4 + 4 + 2, sdkCalls: 4 });
  });

  it('reads one unit per product for validation and quotes', () => {
    expect(usePerInvocation('QuoteCartFunction', { ...shape, lines: 3 }).readUnits).toBe(3);
    expect(usePerInvocation('ValidateOrderFunction', { ...shape, lines: 3 }).readUnits).toBe(3);
  });

  it('knows nothing of functions outside the order path', () => {
    expect(usePerInvocation('SomethingElse', shape)).toEqual({ readUnits: 0, writeUnits: 0, sqsRequests: 0, snsPublishes: 0, sdkCalls: 0 });
  });
});

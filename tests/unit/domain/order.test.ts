import { ORDER_STATUSES, TERMINAL_STATUSES, toCents, toOrderSummary, toOrderView, toWorkflowInput, type Order } from '../../../src/domain/order';
import { bodyOf, events } from '../../support/events';

const stored = (): Order => ({
  ...bodyOf(events.createOrder()),
  orderId: 'order-0001',
  status: 'NEW',
  createdAt: '2026-05-25T09:00:00.000Z',
  updatedAt: '2026-05-25T09:00:00.000Z',
});

describe('toOrderView', () => {
  it('drops the payment token and keeps the method', () => {
    const view = toOrderView(stored());

    expect(view.payment).toEqual({ method: 'card' });
    expect(JSON.stringify(view)).not.toContain('tok_visa');
  });

  it('keeps everything else', () => {
    const { payment: _payment, ...rest } = stored();

    expect(toOrderView(stored())).toMatchObject(rest);
  });
});

describe('toOrderSummary', () => {
  it('keeps what a workflow step needs and nothing personal (task outputs land in the execution history)', () => {
    const summary = toOrderSummary(stored());

    expect(summary).toEqual({
      orderId: 'order-0001',
      status: 'NEW',
      customerId: 'cust-1001',
      amount: 49.97,
      currency: 'USD',
      createdAt: '2026-05-25T09:00:00.000Z',
      updatedAt: '2026-05-25T09:00:00.000Z',
    });
  });

  it('carries the outcome once there is one', () => {
    const failure = { state: 'ProcessPayment', error: 'PaymentDeclinedError', cause: 'Card expired' };
    const fulfilment = { carrier: 'DHL', trackingNumber: 'DHORDER0001', estimatedDelivery: '2026-05-28' };
    const validationErrors = [{ rule: 'UNKNOWN_PRODUCT', field: 'items[0].productId', message: 'Unknown product x' }];

    const summary = toOrderSummary({ ...stored(), executionArn: 'arn:x', failure, fulfilment, validationErrors });

    expect(summary).toMatchObject({ executionArn: 'arn:x', failure, fulfilment, validationErrors });
    expect(JSON.stringify(summary)).not.toMatch(/tok_visa|ada@example\.com|Analytical Way/);
  });
});

describe('toWorkflowInput', () => {
  it('keeps identifiers and amounts only, so no email, address or token reaches the execution history', () => {
    const input = toWorkflowInput(stored());

    expect(input).toEqual({
      orderId: 'order-0001',
      order: { customerId: 'cust-1001', currency: 'USD', items: stored().items, amount: 49.97 },
    });
    const text = JSON.stringify(input);
    for (const secret of ['tok_visa', 'ada@example.com', 'Analytical Way', 'N1 9GU']) expect(text).not.toContain(secret);
  });

  it('is what the sample ValidateOrder event carries, apart from the execution id that the ASL adds', () => {
    const { executionArn: _executionArn, orderId, ...rest } = events.validateOrder();

    expect(toWorkflowInput({ ...stored(), orderId })).toEqual({ orderId, ...rest });
  });
});

describe('toCents', () => {
  it.each([
    [19.99, 1999],
    [0.1 + 0.2, 30],
    [1.005, 100],
    [0, 0],
    [100_000_000, 10_000_000_000],
  ])('%p → %p cents', (amount, cents) => {
    expect(toCents(amount)).toBe(cents);
  });
});

describe('statuses', () => {
  it('lists the terminal statuses among all statuses', () => {
    expect(TERMINAL_STATUSES.every((s) => ORDER_STATUSES.includes(s))).toBe(true);
    expect(TERMINAL_STATUSES).toEqual(['COMPLETED', 'REJECTED', 'FAILED']);
  });
});

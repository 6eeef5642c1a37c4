import {
  describeViolations,
  MAX_ORDER_VALUE,
  MAX_QUANTITY_PER_LINE,
  SUPPORTED_CURRENCIES,
  validateOrder,
  type OrderToValidate,
} from '../../../src/domain/business-rules';
import type { Product } from '../../../src/domain/ports';
import { catalogueProducts } from '../../support/fakes';
import { bodyOf, events } from '../../support/events';

const catalogue: ReadonlyMap<string, Product> = new Map(catalogueProducts().map((p) => [p.productId, p]));

const order = (overrides: Partial<OrderToValidate> = {}): OrderToValidate => ({
  currency: 'USD',
  amount: 49.97,
  items: [
    { productId: 'widget-blue', quantity: 2, unitPrice: 19.99 },
    { productId: 'cable-usb-c', quantity: 1, unitPrice: 9.99 },
  ],
  ...overrides,
});

/** The catalogue with some list prices changed, for arithmetic cases the real prices do not reach. */
const pricedAt = (prices: Record<string, number>): ReadonlyMap<string, Product> =>
  new Map([...catalogue].map(([id, product]) => [id, { ...product, unitPrice: prices[id] ?? product.unitPrice }]));

const rulesOf = (result: ReturnType<typeof validateOrder>) => result.errors.map((e) => e.rule);

describe('validateOrder', () => {
  it('accepts the sample order', () => {
    // Prepare
    const sample = bodyOf(events.createOrder());

    // Act
    const result = validateOrder(sample, catalogue);

    // Assert
    expect(result).toEqual({ valid: true, errors: [] });
  });

  it.each(SUPPORTED_CURRENCIES)('accepts %s', (currency) => {
    expect(validateOrder(order({ currency }), catalogue).valid).toBe(true);
  });

  it.each(['JPY', 'usd', ''])('rejects the unsupported currency %p', (currency) => {
    const result = validateOrder(order({ currency }), catalogue);

    expect(result.valid).toBe(false);
    expect(result.errors).toEqual([{ rule: 'UNSUPPORTED_CURRENCY', field: 'currency', message: expect.stringContaining('USD, EUR, GBP') }]);
  });

  it('rejects an unknown product, naming the line', () => {
    const result = validateOrder(
      order({ items: [{ productId: 'widget-blue', quantity: 1, unitPrice: 19.99 }, { productId: 'no-such-thing', quantity: 1, unitPrice: 1 }], amount: 20.99 }),
      catalogue,
    );

    expect(result.errors).toEqual([{ rule: 'UNKNOWN_PRODUCT', field: 'items[1].productId', message: 'Unknown product no-such-thing' }]);
  });

  it(`allows ${MAX_QUANTITY_PER_LINE} units of a product and rejects ${MAX_QUANTITY_PER_LINE + 1}`, () => {
    const line = (quantity: number) => order({ items: [{ productId: 'cable-usb-c', quantity, unitPrice: 9.99 }], amount: (quantity * 999) / 100 });

    expect(validateOrder(line(MAX_QUANTITY_PER_LINE), catalogue).valid).toBe(true);
    expect(validateOrder(line(MAX_QUANTITY_PER_LINE + 1), catalogue).errors).toEqual([
      { rule: 'QUANTITY_LIMIT', field: 'items[0].quantity', message: expect.stringContaining('got 11') },
    ]);
  });

  it('rejects a product that appears on two lines, pointing at the repeat', () => {
    const result = validateOrder(
      order({
        items: [
          { productId: 'widget-red', quantity: 1, unitPrice: 24.5 },
          { productId: 'widget-blue', quantity: 1, unitPrice: 19.99 },
          { productId: 'widget-red', quantity: 2, unitPrice: 24.5 },
        ],
        amount: 93.49,
      }),
      catalogue,
    );

    expect(result.errors).toEqual([{ rule: 'DUPLICATE_PRODUCT', field: 'items[2].productId', message: 'widget-red appears on more than one line' }]);
  });

  it('rejects an amount that is not the sum of the lines, showing the expected sum', () => {
    const result = validateOrder(order({ amount: 49.96 }), catalogue);

    expect(result.errors).toEqual([{ rule: 'AMOUNT_MISMATCH', field: 'amount', message: 'Amount 49.96 does not equal the sum of the lines, 49.97' }]);
  });

  it('compares amounts in cents, so binary floating point does not reject 0.1 + 0.2 = 0.3', () => {
    const items = [
      { productId: 'widget-blue', quantity: 1, unitPrice: 0.1 },
      { productId: 'widget-red', quantity: 1, unitPrice: 0.2 },
    ];

    const prices = pricedAt({ 'widget-blue': 0.1, 'widget-red': 0.2 });

    expect(0.1 + 0.2).not.toBe(0.3);
    expect(validateOrder(order({ items, amount: 0.3 }), prices).valid).toBe(true);
    expect(validateOrder(order({ items, amount: 0.1 + 0.2 }), prices).valid).toBe(true);
  });

  it('sums quantity × price exactly for prices that have no exact binary form', () => {
    // 3 × 19.99 = 59.97, but 3 * 19.99 in floating point is 59.970000000000006.
    const items = [{ productId: 'widget-blue', quantity: 3, unitPrice: 19.99 }];

    expect(validateOrder(order({ items, amount: 59.97 }), catalogue).valid).toBe(true);
    expect(validateOrder(order({ items, amount: 59.98 }), catalogue).errors.map((e) => e.rule)).toEqual(['AMOUNT_MISMATCH']);
  });

  it(`accepts an order worth exactly ${MAX_ORDER_VALUE} and rejects one cent more`, () => {
    const items = (amount: number) => [{ productId: 'gadget-pro', quantity: 1, unitPrice: amount }];

    expect(validateOrder(order({ items: items(MAX_ORDER_VALUE), amount: MAX_ORDER_VALUE }), pricedAt({ 'gadget-pro': MAX_ORDER_VALUE })).valid).toBe(true);
    const overLimit = pricedAt({ 'gadget-pro': MAX_ORDER_VALUE + 0.01 });
    expect(validateOrder(order({ items: items(MAX_ORDER_VALUE + 0.01), amount: MAX_ORDER_VALUE + 0.01 }), overLimit).errors).toEqual([
      { rule: 'MAX_ORDER_VALUE', field: 'amount', message: `Orders are limited to ${MAX_ORDER_VALUE}, got 10000.01` },
    ]);
  });

  it('rejects a unit price that differs from the catalogue, so a caller cannot set its own price', () => {
    const items = [{ productId: 'widget-blue', quantity: 2, unitPrice: 0.01 }];

    expect(validateOrder(order({ items, amount: 0.02 }), catalogue).errors).toEqual([
      {
        rule: 'PRICE_MISMATCH',
        field: 'items[0].unitPrice',
        message: 'Unit price 0.01 does not match the catalogue price 19.99 of widget-blue',
      },
    ]);
  });

  it('compares prices in cents (19.990 is 19.99)', () => {
    const items = [{ productId: 'widget-blue', quantity: 1, unitPrice: 19.990000000000002 }];

    expect(validateOrder(order({ items, amount: 19.99 }), catalogue).valid).toBe(true);
  });

  it('reports every violation at once, in a stable order', () => {
    const result = validateOrder(
      {
        currency: 'JPY',
        amount: 20_000,
        items: [
          { productId: 'mystery', quantity: 11, unitPrice: 1 },
          { productId: 'mystery', quantity: 1, unitPrice: 1 },
        ],
      },
      catalogue,
    );

    expect(result.valid).toBe(false);
    expect(rulesOf(result)).toEqual([
      'UNSUPPORTED_CURRENCY',
      'UNKNOWN_PRODUCT',
      'QUANTITY_LIMIT',
      'UNKNOWN_PRODUCT',
      'DUPLICATE_PRODUCT',
      'AMOUNT_MISMATCH',
      'MAX_ORDER_VALUE',
    ]);
  });

  it('rejects the sample "rejected" order for the reasons its RecordRejection event records', () => {
    const result = validateOrder(bodyOf(events.createOrderRejected()), catalogue);

    expect(result.errors).toEqual(events.recordOutcomeRejected().validation.errors);
  });
});

describe('describeViolations', () => {
  it('joins the violations into one line for a Fail state cause', () => {
    const text = describeViolations([
      { rule: 'UNKNOWN_PRODUCT', field: 'items[0].productId', message: 'Unknown product x' },
      { rule: 'AMOUNT_MISMATCH', field: 'amount', message: 'Amount 1 does not equal the sum of the lines, 2.00' },
    ]);

    expect(text).toBe('UNKNOWN_PRODUCT at items[0].productId: Unknown product x; AMOUNT_MISMATCH at amount: Amount 1 does not equal the sum of the lines, 2.00');
  });

  it('is empty when nothing is wrong', () => {
    expect(describeViolations([])).toBe('');
  });
});

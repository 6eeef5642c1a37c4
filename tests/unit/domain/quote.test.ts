import type { Product } from '../../../src/domain/ports';
import { quoteCart, type Cart } from '../../../src/domain/quote';
import { catalogueProducts } from '../../support/fakes';

const catalogue: ReadonlyMap<string, Product> = new Map(catalogueProducts().map((p) => [p.productId, p]));
const now = new Date('2026-05-25T09:00:00.000Z');

const cart = (overrides: Partial<Cart> = {}): Cart => ({
  currency: 'USD',
  items: [
    { productId: 'widget-blue', quantity: 2 },
    { productId: 'cable-usb-c', quantity: 1 },
  ],
  ...overrides,
});

describe('quoteCart', () => {
  it('prices a cart without prices from the catalogue', () => {
    const outcome = quoteCart(cart(), catalogue, now);

    expect(outcome).toEqual({
      verdict: 'QUOTED',
      quote: {
        currency: 'USD',
        lines: [
          { productId: 'widget-blue', name: 'Blue widget', quantity: 2, unitPrice: 19.99, lineTotal: 39.98 },
          { productId: 'cable-usb-c', name: 'USB-C cable', quantity: 1, unitPrice: 9.99, lineTotal: 9.99 },
        ],
        subtotal: 49.97,
        shipping: 4.99,
        taxRate: 0,
        tax: 0,
        total: 54.96,
        quotedAt: '2026-05-25T09:00:00.000Z',
      },
    });
  });

  it('applies the destination tax', () => {
    const outcome = quoteCart(cart({ currency: 'EUR', shippingAddress: { country: 'DE' } }), catalogue, now);

    expect(outcome.verdict === 'QUOTED' && outcome.quote).toMatchObject({ taxRate: 0.19, tax: 10.44, total: 65.4 });
  });

  it('holds a cart that states an amount to the order rule (amount = sum of lines)', () => {
    const outcome = quoteCart(cart({ amount: 10 }), catalogue, now);

    expect(outcome).toMatchObject({ verdict: 'INVALID', problem: { errors: [{ rule: 'AMOUNT_MISMATCH', field: 'amount' }] } });
  });

  it('reports every broken ValidateOrder rule at once', () => {
    const outcome = quoteCart(
      cart({ currency: 'JPY', items: [{ productId: 'no-such-thing', quantity: 1, unitPrice: 5 }, { productId: 'widget-red', quantity: 11 }] }),
      catalogue,
      now,
    );

    expect(outcome.verdict).toBe('INVALID');
    expect(outcome.verdict === 'INVALID' && outcome.problem.errors.map((e) => e.rule)).toEqual(['UNSUPPORTED_CURRENCY', 'UNKNOWN_PRODUCT', 'QUANTITY_LIMIT']);
  });

  it('names each line short of stock, without reserving', () => {
    const outcome = quoteCart(
      cart({ items: [{ productId: 'sold-out-lamp', quantity: 1 }, { productId: 'limited-edition-print', quantity: 6 }, { productId: 'widget-blue', quantity: 1 }] }),
      catalogue,
      now,
    );

    expect(outcome).toEqual({
      verdict: 'UNAVAILABLE',
      problem: {
        message: 'Some items are not in stock in the quantity asked',
        errors: [
          { rule: 'OUT_OF_STOCK', field: 'items[0].quantity', message: '1 of sold-out-lamp requested, 0 available' },
          { rule: 'OUT_OF_STOCK', field: 'items[1].quantity', message: '6 of limited-edition-print requested, 5 available' },
        ],
      },
    });
  });

  it('checks the rules before the stock, as the order workflow does', () => {
    const outcome = quoteCart(cart({ items: [{ productId: 'sold-out-lamp', quantity: 20 }] }), catalogue, now);

    expect(outcome).toMatchObject({ verdict: 'INVALID', problem: { errors: [{ rule: 'QUANTITY_LIMIT' }] } });
  });
});

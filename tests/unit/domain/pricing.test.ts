import { FREE_SHIPPING_THRESHOLD, priceCart, SHIPPING_FLAT_RATE, taxRateFor, VAT_RATES } from '../../../src/domain/pricing';

const line = (quantity: number, unitPrice: number, productId = 'widget-blue') => ({ productId, name: productId, quantity, unitPrice });

describe('priceCart', () => {
  it('totals each line exactly, in cents', () => {
    // 3 × 19.99 in floating point is 59.97000000000001; in cents it is exact
    const pricing = priceCart('USD', [line(3, 19.99), line(1, 0.1, 'cable-usb-c')]);

    expect(pricing.lines.map((l) => l.lineTotal)).toEqual([59.97, 0.1]);
    expect(pricing.subtotal).toBe(60.07);
  });

  it('charges flat shipping below the threshold and none from it upwards', () => {
    expect(priceCart('USD', [line(1, 49.99)]).shipping).toBe(SHIPPING_FLAT_RATE);
    expect(priceCart('USD', [line(1, FREE_SHIPPING_THRESHOLD)]).shipping).toBe(0);
  });

  it('taxes subtotal plus shipping at the destination rate, rounded half up once', () => {
    // (19.99 + 4.99) × 20 % = 4.996 → 5.00
    const pricing = priceCart('GBP', [line(1, 19.99)], 'GB');

    expect(pricing).toMatchObject({ subtotal: 19.99, shipping: 4.99, taxRate: 0.2, tax: 5, total: 29.98 });
  });

  it('applies no tax without a destination or for one outside the table', () => {
    expect(priceCart('USD', [line(2, 24.5)]).tax).toBe(0);
    expect(priceCart('USD', [line(2, 24.5)], 'US')).toMatchObject({ taxRate: 0, tax: 0, total: 49 + SHIPPING_FLAT_RATE });
  });

  it('keeps total = subtotal + shipping + tax to the cent for every rate', () => {
    for (const country of Object.keys(VAT_RATES)) {
      const { subtotal, shipping, tax, total } = priceCart('EUR', [line(7, 9.99), line(3, 89.9, 'limited-edition-print')], country);
      expect(Math.round((subtotal + shipping + tax) * 100)).toBe(Math.round(total * 100));
    }
  });

  it('reads rates in basis points', () => {
    expect(taxRateFor('DE')).toBe(1900);
    expect(taxRateFor(undefined)).toBe(0);
  });
});

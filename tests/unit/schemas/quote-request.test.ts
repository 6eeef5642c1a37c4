import Ajv from 'ajv';
import { decimalMultipleOf } from '../../../src/shared/decimal-multiple-of';
import createOrderSchema from '../../../src/schemas/create-order-request.json';
import { deriveQuoteRequestSchema, type Schema } from '../../../src/schemas/quote-request';
import { bodyOf, events } from '../../support/events';

const quoteRequestSchema = deriveQuoteRequestSchema(createOrderSchema as Schema);

// API Gateway validates draft-04 without coercion; ajv's default draft (07) reads these keywords the same way.
// multipleOf as API Gateway checks it (decimal), as for every Ajv that validates our schemas.
const validate = new Ajv({ strict: false, allErrors: true }).removeKeyword('multipleOf').addKeyword(decimalMultipleOf).compile((({ $schema: _draft, ...schema }) => schema)(quoteRequestSchema));

describe('QuoteRequest schema', () => {
  it('takes its cart fields from CreateOrderRequest, unchanged apart from what a quote computes', () => {
    const order = createOrderSchema.properties;
    const quote = quoteRequestSchema.properties as Record<string, Record<string, unknown>>;

    expect(quote.currency).toEqual(order.currency);
    expect(quote.amount).toEqual(order.amount);
    expect(quote.items).toEqual({ ...order.items, items: { ...order.items.items, required: ['productId', 'quantity'] } });
    expect(quote.shippingAddress).toEqual({ ...order.shippingAddress, required: ['country'] });
    expect(quoteRequestSchema.required).toEqual(['currency', 'items']);
  });

  it('accepts the cart part of the sample order, and a bare cart', () => {
    const { currency, items, amount } = bodyOf(events.createOrder());

    expect(validate({ currency, items, amount })).toBe(true);
    expect(validate({ currency: 'EUR', items: [{ productId: 'widget-blue', quantity: 1 }], shippingAddress: { country: 'DE' } })).toBe(true);
  });

  it('rejects what an order-only field or a bad line would be rejected for', () => {
    expect(validate({ currency: 'USD', items: [{ productId: 'widget-blue', quantity: 1 }], payment: { method: 'card', token: 'tok_visa' } })).toBe(false);
    expect(validate({ currency: 'USD', items: [{ productId: 'widget-blue', quantity: '1' }] })).toBe(false);
    expect(validate({ currency: 'USD', items: [] })).toBe(false);
  });

  it('follows a change to CreateOrderRequest', () => {
    const changed = structuredClone(createOrderSchema);
    changed.properties.items.maxItems = 20;

    expect((deriveQuoteRequestSchema(changed).properties as Record<string, { maxItems?: number }>).items?.maxItems).toBe(20);
  });

  it('names a missing cart field instead of deriving a broken schema', () => {
    expect(() => deriveQuoteRequestSchema({ properties: {} })).toThrow('CreateOrderRequest has no property items');
  });
});

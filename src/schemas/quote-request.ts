/**
 * The JSON Schema of `POST /orders/quote`, derived from CreateOrderRequest so the two cannot drift: a quote
 * request is the cart part of an order (currency, items, amount, shipping address) with what only an order
 * needs left out (customer, payment) and what the quote computes made optional (unit prices, amount; of the
 * address only the country, which sets the tax).
 *
 * No imports and only erasable TypeScript, so scripts/sync-schema.mjs can load this file with Node's type
 * stripping and write the derived model into template.yaml.
 */

export type Schema = Record<string, unknown> & { properties?: Record<string, Schema>; required?: string[]; items?: Schema };

const CART_FIELDS = ['currency', 'items', 'amount', 'shippingAddress'] as const;

export const deriveQuoteRequestSchema = (orderSchema: Schema): Schema => {
  const properties = orderSchema.properties ?? {};
  const field = (name: string): Schema => {
    const schema = properties[name];
    if (!schema) throw new Error(`CreateOrderRequest has no property ${name}`);
    return schema;
  };
  const items = field('items');
  const line = items.items ?? {};
  const address = field('shippingAddress');
  return {
    $schema: orderSchema.$schema,
    title: 'QuoteRequest',
    description: 'Shape of POST /orders/quote: the cart part of CreateOrderRequest. Unit prices and amount are optional; business rules and stock are checked by the quote workflow.',
    type: 'object',
    required: ['currency', 'items'],
    properties: {
      ...Object.fromEntries(CART_FIELDS.map((name) => [name, field(name)])),
      items: { ...items, items: { ...line, required: (line.required ?? []).filter((name) => name !== 'unitPrice') } },
      shippingAddress: { ...address, required: ['country'] },
    },
    additionalProperties: false,
  };
};

/**
 * A real-time quote for a cart: what `POST /orders` would do with it, answered before the customer orders.
 * The cart goes through ValidateOrder's business rules (the same functions, not a copy), then the stock
 * check that ReserveInventory would make, without reserving anything, and is then priced.
 *
 * Unit prices and the amount are optional in a cart: a missing unit price is the catalogue's, a missing
 * amount is the sum of the lines, so a bare `{ productId, quantity }` cart gets a quote while a cart that
 * states prices is held to the same "amount equals the lines" rule as an order.
 */
import { validateOrder } from './business-rules';
import { toCents, type OrderItem, type RuleViolation } from './order';
import type { Product } from './ports';
import { priceCart, type Pricing } from './pricing';

export interface CartLine {
  productId: string;
  quantity: number;
  unitPrice?: number;
}

/** The body of `POST /orders/quote`, after schema validation. */
export interface Cart {
  currency: string;
  items: CartLine[];
  amount?: number;
  shippingAddress?: { country: string };
}

export interface Quote extends Pricing {
  quotedAt: string;
}

/** What an API caller sees when a cart cannot be quoted (the 4xx body). */
export interface QuoteProblem {
  message: string;
  errors: RuleViolation[];
}

export type QuoteOutcome =
  | { verdict: 'QUOTED'; quote: Quote }
  | { verdict: 'INVALID'; problem: QuoteProblem }
  | { verdict: 'UNAVAILABLE'; problem: QuoteProblem };

export const quoteCart = (cart: Cart, catalogue: ReadonlyMap<string, Product>, now: Date): QuoteOutcome => {
  const items: OrderItem[] = cart.items.map((line) => ({
    productId: line.productId,
    quantity: line.quantity,
    unitPrice: line.unitPrice ?? catalogue.get(line.productId)?.unitPrice ?? 0,
  }));
  const amount = cart.amount ?? sumOfLines(items);
  const validation = validateOrder({ currency: cart.currency, amount, items }, catalogue);
  if (!validation.valid) return { verdict: 'INVALID', problem: { message: 'The cart breaks the order rules', errors: validation.errors } };
  const shortages = shortagesOf(items, catalogue);
  if (shortages.length) return { verdict: 'UNAVAILABLE', problem: { message: 'Some items are not in stock in the quantity asked', errors: shortages } };
  const lines = items.map((item) => ({ ...item, name: catalogue.get(item.productId)?.name ?? item.productId }));
  return { verdict: 'QUOTED', quote: { ...priceCart(cart.currency, lines, cart.shippingAddress?.country), quotedAt: now.toISOString() } };
};

/** Lines asking for more than is available now; ReserveInventory would fail with OutOfStockError on these. */
const shortagesOf = (items: readonly OrderItem[], catalogue: ReadonlyMap<string, Product>): RuleViolation[] =>
  items.flatMap((item, index) => {
    const available = catalogue.get(item.productId)?.available ?? 0;
    if (item.quantity <= available) return [];
    return [{ rule: 'OUT_OF_STOCK', field: `items[${index}].quantity`, message: `${item.quantity} of ${item.productId} requested, ${available} available` }];
  });

const sumOfLines = (items: readonly OrderItem[]): number =>
  items.reduce((cents, item) => cents + item.quantity * toCents(item.unitPrice), 0) / 100;

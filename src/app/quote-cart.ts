/** Quoting a cart: validate, check stock without reserving, and price it, with one inventory read. */
import { quoteCart, type Cart, type QuoteOutcome } from '../domain/quote';
import type { AppDeps } from './deps';

export const quote = async (cart: Cart, deps: Pick<AppDeps, 'inventory' | 'now'>): Promise<QuoteOutcome> => {
  const catalogue = await deps.inventory.getProducts([...new Set(cart.items.map((item) => item.productId))]);
  return quoteCart(cart, catalogue, deps.now());
};

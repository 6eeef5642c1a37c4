/**
 * Prices a cart: line totals, shipping and tax, all in integer cents so that every sum is exact.
 *
 * The rules (simple on purpose, and the same for every supported currency):
 * - **Shipping**: a flat {@link SHIPPING_FLAT_RATE} per order, free from {@link FREE_SHIPPING_THRESHOLD} of
 *   subtotal (before tax) upwards.
 * - **Tax**: the destination country's standard VAT rate from {@link VAT_RATES}, applied to subtotal plus
 *   shipping (in the EU and the UK, shipping is taxed at the rate of the goods). Destinations not in the
 *   table, and carts without a shipping address, are taxed at 0: US sales tax depends on the state and the
 *   county, which this reference app does not model.
 * - **Rounding**: tax is rounded half up to the cent once, on the order, not per line.
 */
import { toCents } from './order';

/** Flat shipping per order, in major units of the order's currency. */
export const SHIPPING_FLAT_RATE = 4.99;
/** Subtotal (major units) from which shipping is free. */
export const FREE_SHIPPING_THRESHOLD = 50;
/** Standard VAT rates in basis points (2000 = 20 %), by ISO 3166 alpha-2 destination country. */
export const VAT_RATES: Readonly<Record<string, number>> = { GB: 2000, IE: 2300, FR: 2000, DE: 1900, NL: 2100, ES: 2100, IT: 2200 };

export interface LineToPrice {
  productId: string;
  name: string;
  quantity: number;
  unitPrice: number;
}

export interface PricedLine extends LineToPrice {
  lineTotal: number;
}

export interface Pricing {
  currency: string;
  lines: PricedLine[];
  subtotal: number;
  shipping: number;
  /** Applied rate as a fraction (0.2 for 20 %). */
  taxRate: number;
  tax: number;
  total: number;
}

const BASIS_POINTS = 10_000;

export const priceCart = (currency: string, lines: readonly LineToPrice[], destinationCountry?: string): Pricing => {
  const lineCents = lines.map((line) => line.quantity * toCents(line.unitPrice));
  const subtotalCents = lineCents.reduce((sum, cents) => sum + cents, 0);
  const shippingCents = subtotalCents >= toCents(FREE_SHIPPING_THRESHOLD) ? 0 : toCents(SHIPPING_FLAT_RATE);
  const rate = taxRateFor(destinationCountry);
  const taxCents = Math.round(((subtotalCents + shippingCents) * rate) / BASIS_POINTS);
  return {
    currency,
    lines: lines.map((line, index) => ({ ...line, lineTotal: fromCents(lineCents[index] ?? 0) })),
    subtotal: fromCents(subtotalCents),
    shipping: fromCents(shippingCents),
    taxRate: rate / BASIS_POINTS,
    tax: fromCents(taxCents),
    total: fromCents(subtotalCents + shippingCents + taxCents),
  };
};

/** Basis points of VAT for a destination; 0 when unknown or absent. */
export const taxRateFor = (country?: string): number => (country ? (VAT_RATES[country] ?? 0) : 0);

const fromCents = (cents: number): number => cents / 100;

/**
 * The business rules that ValidateOrder applies. The request schema only checks shape; these rules need the
 * catalogue and arithmetic, and breaking one takes the order down the state machine's rejection path.
 * Catalogue prices are list prices in whichever supported currency the order uses (a demo simplification: a real
 * shop would keep a price per currency).
 */
import type { Product } from './ports';
import { toCents, type OrderItem, type RuleViolation } from './order';

export const SUPPORTED_CURRENCIES: readonly string[] = ['USD', 'EUR', 'GBP'];
export const MAX_QUANTITY_PER_LINE = 10;
export const MAX_ORDER_VALUE = 10_000;

export interface OrderToValidate {
  currency: string;
  amount: number;
  items: readonly OrderItem[];
}

export interface ValidationResult {
  valid: boolean;
  errors: RuleViolation[];
}

/** Applies every rule and reports every violation, so a customer fixes all of them in one go. */
export const validateOrder = (order: OrderToValidate, catalogue: ReadonlyMap<string, Product>): ValidationResult => {
  const errors = [
    ...currencyRule(order),
    ...order.items.flatMap((item, index) => lineRules(item, index, catalogue)),
    ...duplicateLineRule(order.items),
    ...amountRule(order),
    ...maxValueRule(order),
  ];
  return { valid: errors.length === 0, errors };
};

/** One line per violation, for a Fail state's Cause and for notifications. */
export const describeViolations = (errors: readonly RuleViolation[]): string =>
  errors.map((e) => `${e.rule} at ${e.field}: ${e.message}`).join('; ');

const currencyRule = ({ currency }: OrderToValidate): RuleViolation[] =>
  SUPPORTED_CURRENCIES.includes(currency)
    ? []
    : [{ rule: 'UNSUPPORTED_CURRENCY', field: 'currency', message: `${currency} is not one of ${SUPPORTED_CURRENCIES.join(', ')}` }];

const lineRules = (item: OrderItem, index: number, catalogue: ReadonlyMap<string, Product>): RuleViolation[] => {
  const errors: RuleViolation[] = [];
  const product = catalogue.get(item.productId);
  if (!product) {
    errors.push({ rule: 'UNKNOWN_PRODUCT', field: `items[${index}].productId`, message: `Unknown product ${item.productId}` });
  } else if (toCents(item.unitPrice) !== toCents(product.unitPrice)) {
    // The client names the price it saw; charging it without this check would let a caller set its own price.
    errors.push({
      rule: 'PRICE_MISMATCH',
      field: `items[${index}].unitPrice`,
      message: `Unit price ${item.unitPrice} does not match the catalogue price ${product.unitPrice} of ${item.productId}`,
    });
  }
  if (item.quantity > MAX_QUANTITY_PER_LINE) {
    errors.push({
      rule: 'QUANTITY_LIMIT',
      field: `items[${index}].quantity`,
      message: `At most ${MAX_QUANTITY_PER_LINE} units of one product per order, got ${item.quantity}`,
    });
  }
  return errors;
};

const duplicateLineRule = (items: readonly OrderItem[]): RuleViolation[] => {
  const seen = new Set<string>();
  return items.flatMap((item, index) => {
    if (!seen.has(item.productId)) {
      seen.add(item.productId);
      return [];
    }
    return [{ rule: 'DUPLICATE_PRODUCT', field: `items[${index}].productId`, message: `${item.productId} appears on more than one line` }];
  });
};

const amountRule = ({ amount, items }: OrderToValidate): RuleViolation[] => {
  const expectedCents = items.reduce((sum, item) => sum + item.quantity * toCents(item.unitPrice), 0);
  return toCents(amount) === expectedCents
    ? []
    : [{ rule: 'AMOUNT_MISMATCH', field: 'amount', message: `Amount ${amount} does not equal the sum of the lines, ${(expectedCents / 100).toFixed(2)}` }];
};

const maxValueRule = ({ amount }: OrderToValidate): RuleViolation[] =>
  amount <= MAX_ORDER_VALUE
    ? []
    : [{ rule: 'MAX_ORDER_VALUE', field: 'amount', message: `Orders are limited to ${MAX_ORDER_VALUE}, got ${amount}` }];

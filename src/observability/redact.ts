/**
 * Keys whose values never reach a log line: payment and task tokens, emails, postal addresses.
 * Used as the Logger's JSON replacer, so it applies to every attribute and nested object that is logged.
 */
const SECRET_KEYS = new Set([
  'token',
  'taskToken',
  'paymentToken',
  'customerEmail',
  'email',
  'shippingAddress',
  'address',
  'line1',
  'line2',
  'postalCode',
  'x-api-key',
  'X-Api-Key',
]);

export const REDACTED = '[REDACTED]';

const EMAIL = /[^\s@"]+@[^\s@"]+\.[^\s@"]+/g;
const TEST_TOKEN = /\btok_[A-Za-z0-9_]+/g;

export const redactLogValue = (key: string, value: unknown): unknown => {
  if (SECRET_KEYS.has(key)) return REDACTED;
  // Free text (error messages, raw bodies) can carry an email or a token too.
  if (typeof value === 'string') return value.replace(EMAIL, REDACTED).replace(TEST_TOKEN, REDACTED);
  return value;
};

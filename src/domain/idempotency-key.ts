/**
 * What an `Idempotency-Key` may be. The key becomes the idempotency table's partition key, and DynamoDB refuses a
 * partition key over 2,048 bytes (a ValidationException, i.e. a 500 from the API) while API Gateway passes headers
 * of about 10 KB; and a key is copied into logs. So: 1 to 255 characters (Stripe's limit; far below DynamoDB's)
 * of letters, digits and `- _ . : ~ + / =`, which covers UUIDs, ULIDs, base64 and base64url digests and prefixed
 * keys such as `order:2026-05-25:42`. One rule for AWS and the local stack: the create-order handler applies it.
 */
export const IDEMPOTENCY_KEY_MAX_LENGTH = 255;
export const IDEMPOTENCY_KEY_PATTERN = `^[A-Za-z0-9_.:~+/=-]{1,${IDEMPOTENCY_KEY_MAX_LENGTH}}$`;
const KEY = new RegExp(IDEMPOTENCY_KEY_PATTERN);

/** Why `key` cannot be an idempotency key, or undefined when it can. */
export const idempotencyKeyViolation = (key: string): string | undefined => {
  if (key.length > IDEMPOTENCY_KEY_MAX_LENGTH) return `must be at most ${IDEMPOTENCY_KEY_MAX_LENGTH} characters, got ${key.length}`;
  if (!KEY.test(key)) return 'may contain only letters, digits and - _ . : ~ + / =';
  return undefined;
};

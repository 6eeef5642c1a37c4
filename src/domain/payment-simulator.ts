/**
 * The simulated payment gateway. Test tokens give fixed outcomes so every path of the workflow can be
 * driven on purpose; any other token is approved or declined at random, seeded by the order id so that a
 * redelivered message gets the same answer.
 */
export const DECLINE_REASONS = ['Insufficient funds', 'Invalid payment method', 'Card expired', 'Payment gateway timeout'] as const;

export type PaymentDecision =
  | { outcome: 'approve' }
  | { outcome: 'decline'; reason: string }
  /** Never call back: the task's HeartbeatSeconds/TimeoutSeconds fire. */
  | { outcome: 'ignore' }
  /** Fail this delivery so the message comes back. */
  | { outcome: 'retry'; reason: string };

export const TEST_TOKENS: Readonly<Record<string, (receiveCount: number) => PaymentDecision>> = {
  tok_visa: () => ({ outcome: 'approve' }),
  tok_decline_insufficient_funds: () => ({ outcome: 'decline', reason: 'Insufficient funds' }),
  tok_decline_expired_card: () => ({ outcome: 'decline', reason: 'Card expired' }),
  tok_timeout: () => ({ outcome: 'ignore' }),
  tok_error_transient: (receiveCount) =>
    receiveCount <= 1 ? { outcome: 'retry', reason: 'Payment gateway unavailable (simulated, first delivery)' } : { outcome: 'approve' },
};

export interface PaymentAttempt {
  orderId: string;
  token: string;
  /** SQS ApproximateReceiveCount of the message: 1 on first delivery. */
  receiveCount: number;
}

export const decidePayment = ({ orderId, token, receiveCount }: PaymentAttempt, declineRate: number): PaymentDecision => {
  // Own keys only: a customer's token may well be "constructor" or "valueOf" (the schema allows it).
  const fixed = Object.hasOwn(TEST_TOKENS, token) ? TEST_TOKENS[token] : undefined;
  if (fixed) return fixed(receiveCount);
  const roll = unitHash(`${orderId}:decline`);
  if (roll >= declineRate) return { outcome: 'approve' };
  const reason = DECLINE_REASONS[Math.floor(unitHash(`${orderId}:reason`) * DECLINE_REASONS.length)] ?? DECLINE_REASONS[0];
  return { outcome: 'decline', reason };
};

/** FNV-1a of the text mapped to [0, 1): deterministic, well spread, no dependency. */
export const unitHash = (text: string): number => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) / 0x1_0000_0000;
};

import { DECLINE_REASONS, decidePayment, TEST_TOKENS, unitHash } from '../../../src/domain/payment-simulator';

const attempt = (token: string, receiveCount = 1, orderId = 'order-0001') => ({ orderId, token, receiveCount });

/** Version-4-shaped UUIDs (what the API hands out) from a seeded generator, so the statistics are reproducible. */
const orderIds = (count: number, seed = 0x5eed): string[] => {
  let state = seed >>> 0;
  const nextHex = (digits: number) => {
    let text = '';
    while (text.length < digits) {
      state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
      text += state.toString(16).padStart(8, '0');
    }
    return text.slice(0, digits);
  };
  return Array.from({ length: count }, () => `${nextHex(8)}-${nextHex(4)}-4${nextHex(3)}-a${nextHex(3)}-${nextHex(12)}`);
};

describe('decidePayment with test tokens', () => {
  it('approves tok_visa whatever the decline rate', () => {
    expect(decidePayment(attempt('tok_visa'), 1)).toEqual({ outcome: 'approve' });
  });

  it('declines tok_decline_insufficient_funds with that reason, on every delivery', () => {
    for (const receiveCount of [1, 2, 5]) {
      expect(decidePayment(attempt('tok_decline_insufficient_funds', receiveCount), 0)).toEqual({ outcome: 'decline', reason: 'Insufficient funds' });
    }
  });

  it('declines tok_decline_expired_card as an expired card', () => {
    expect(decidePayment(attempt('tok_decline_expired_card'), 0)).toEqual({ outcome: 'decline', reason: 'Card expired' });
  });

  it('never answers for tok_timeout, so the task times out', () => {
    expect(decidePayment(attempt('tok_timeout'), 0)).toEqual({ outcome: 'ignore' });
    expect(decidePayment(attempt('tok_timeout', 4), 0)).toEqual({ outcome: 'ignore' });
  });

  it('fails the first delivery of tok_error_transient and approves the redelivery', () => {
    expect(decidePayment(attempt('tok_error_transient', 1), 0)).toEqual({ outcome: 'retry', reason: expect.stringContaining('first delivery') });
    expect(decidePayment(attempt('tok_error_transient', 2), 0)).toEqual({ outcome: 'approve' });
    expect(decidePayment(attempt('tok_error_transient', 3), 0)).toEqual({ outcome: 'approve' });
  });

  it('knows exactly the test tokens the README documents', () => {
    expect(Object.keys(TEST_TOKENS).sort()).toEqual(
      ['tok_decline_expired_card', 'tok_decline_insufficient_funds', 'tok_error_transient', 'tok_timeout', 'tok_visa'].sort(),
    );
  });
});

describe('decidePayment with any other token', () => {
  it('gives a redelivered message the same answer (seeded by the order id)', () => {
    for (const orderId of orderIds(200)) {
      const first = decidePayment(attempt('tok_random_card', 1, orderId), 0.5);
      expect(decidePayment(attempt('tok_random_card', 2, orderId), 0.5)).toEqual(first);
      expect(decidePayment(attempt('tok_other_card', 7, orderId), 0.5)).toEqual(first);
    }
  });

  it.each(['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__'])(
    'treats the token %p as an ordinary card, not as a property of the test-token table',
    (token) => {
      expect(decidePayment(attempt(token), 0)).toEqual({ outcome: 'approve' });
      expect(decidePayment(attempt(token), 1)).toEqual({ outcome: 'decline', reason: expect.any(String) });
    },
  );

  it('approves everything at decline rate 0 and declines everything at rate 1', () => {
    const ids = orderIds(500);
    expect(ids.every((orderId) => decidePayment(attempt('card_x', 1, orderId), 0).outcome === 'approve')).toBe(true);
    expect(ids.every((orderId) => decidePayment(attempt('card_x', 1, orderId), 1).outcome === 'decline')).toBe(true);
  });

  it.each([0.15, 0.5, 0.9])('declines about %p of 10,000 orders (within 2 points) with the documented reasons', (rate) => {
    // Prepare: 10,000 distinct order ids; the binomial standard deviation at p=0.5 is 0.5 points, so 2 points is 4 sigma.
    const decisions = orderIds(10_000).map((orderId) => decidePayment(attempt('tok_customer_card', 1, orderId), rate));

    // Act
    const declines = decisions.filter((d) => d.outcome === 'decline');
    const observed = declines.length / decisions.length;

    // Assert
    expect(Math.abs(observed - rate)).toBeLessThan(0.02);
    const reasons = new Set(declines.map((d) => (d.outcome === 'decline' ? d.reason : '')));
    expect([...reasons].sort()).toEqual([...DECLINE_REASONS].sort());
  });

  it('spreads the decline reasons evenly enough that each shows up at least 15% of the time', () => {
    const declines = orderIds(10_000)
      .map((orderId) => decidePayment(attempt('tok_customer_card', 1, orderId), 1))
      .map((d) => (d.outcome === 'decline' ? d.reason : 'none'));

    for (const reason of DECLINE_REASONS) {
      expect(declines.filter((r) => r === reason).length / declines.length).toBeGreaterThan(0.15);
    }
  });
});

describe('unitHash', () => {
  it('is deterministic and within [0, 1)', () => {
    for (const text of ['', 'a', 'order-0001:decline', '🙂 unicode ✓', 'x'.repeat(10_000)]) {
      const value = unitHash(text);
      expect(value).toBe(unitHash(text));
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });

  it('separates texts that differ by one character', () => {
    expect(unitHash('order-0001:decline')).not.toBe(unitHash('order-0002:decline'));
  });
});

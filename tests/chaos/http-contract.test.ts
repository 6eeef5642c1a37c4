/**
 * The http-contract invariant on hand-made request records. CreateOrder validates the body itself, so a fault
 * injected into CreateOrder can answer 502 to a schema-invalid body instead of its 400: that is truthful only in a
 * run that injects CreateOrder faults, and a client that retries (it has an Idempotency-Key) must end on the 400 unless
 * it ran out of retries; any other answer to a schema-invalid body breaks the contract.
 */
import type { PostOutcome, RequestRecord } from '../../src/chaos/client';
import { checkHttpContract } from '../../src/chaos/http-contract';

const invalid = (...answers: PostOutcome[]): RequestRecord => ({
  request: { index: 7, intent: 'schema-invalid', body: '{"customerId":5}', idempotencyKey: 'k-7', sends: 1, concurrentRepeats: false },
  answers,
});

const fieldErrors: PostOutcome = { status: 400, errors: [{ field: 'customerEmail', message: 'is required' }] };
const badGateway: PostOutcome = { status: 502 };

describe('http-contract: schema-invalid bodies', () => {
  test('a 400 with field errors holds, with or without CreateOrder faults', () => {
    expect(checkHttpContract([invalid(fieldErrors)], false).violations).toHaveLength(0);
    expect(checkHttpContract([invalid(fieldErrors)], true).violations).toHaveLength(0);
  });

  test('a 502 before the 400 breaks the contract when nothing was injected into CreateOrder', () => {
    const result = checkHttpContract([invalid(badGateway, fieldErrors)], false);
    expect(result.violations).toHaveLength(1);
    expect(result.violations[0]?.message).toBe('request #7 (schema-invalid): schema-invalid body answered 502, 400');
  });

  test('with CreateOrder faults, a 502 then the 400 holds, but ending on the 502 with retries left, a 400 without fields or a 202 does not', () => {
    expect(checkHttpContract([invalid(badGateway, fieldErrors)], true).violations).toHaveLength(0);
    expect(checkHttpContract([invalid(fieldErrors, badGateway)], true).violations).toHaveLength(1);
    expect(checkHttpContract([invalid(badGateway, { status: 400 })], true).violations).toHaveLength(1);
    expect(checkHttpContract([invalid(badGateway, { status: 202, orderId: 'o-1' })], true).violations).toHaveLength(1);
  });

  test('with CreateOrder faults, a client that does not retry (no key) or ran out of retries may end on the 502', () => {
    const keyless: RequestRecord = { ...invalid(badGateway), request: { ...invalid().request, idempotencyKey: undefined } };

    expect(checkHttpContract([keyless], true).violations).toHaveLength(0);
    expect(checkHttpContract([invalid(badGateway, badGateway, badGateway, badGateway)], true).violations).toHaveLength(0);
    expect(checkHttpContract([invalid(badGateway, badGateway, badGateway)], true).violations).toHaveLength(1);
  });
});

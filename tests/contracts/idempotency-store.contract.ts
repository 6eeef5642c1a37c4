/** The IdempotencyStore contract: one winner per key, the earlier record returned unchanged, expiry to the second. */
import type { IdempotencyRecord, IdempotencyStore } from '../../src/domain/ports';
import { caseOf, ContractClock, type Gaps } from './contract-support';

export type IdempotencyStoreFactory = (clock: ContractClock) => Promise<IdempotencyStore>;

const NOW_SECONDS = Date.parse('2026-05-25T09:00:00.000Z') / 1000;

const record = (overrides: Partial<IdempotencyRecord> = {}): IdempotencyRecord => ({
  key: 'key-1',
  fingerprint: 'sha-a',
  orderId: 'order-1',
  expiresAt: NOW_SECONDS + 3600,
  ...overrides,
});

export const idempotencyStoreContract = (implementation: string, factory: IdempotencyStoreFactory, gaps?: Gaps): void => {
  const test = caseOf(gaps);

  describe(`IdempotencyStore contract: ${implementation}`, () => {
    let clock: ContractClock;
    let store: IdempotencyStore;

    beforeEach(async () => {
      clock = new ContractClock();
      store = await factory(clock);
    });

    test('a first claim wins; a second claim of the key gets the first record back, unchanged', async () => {
      expect(await store.claim(record())).toBeUndefined();

      expect(await store.claim(record({ fingerprint: 'sha-b', orderId: 'order-2', expiresAt: NOW_SECONDS + 7200 }))).toEqual(record());
      expect(await store.claim(record({ orderId: 'order-3' }))).toEqual(record());
    });

    test('keys are independent', async () => {
      expect(await store.claim(record())).toBeUndefined();
      expect(await store.claim(record({ key: 'key-2', orderId: 'order-2' }))).toBeUndefined();
      expect(await store.claim(record({ key: 'KEY-1', orderId: 'order-3' }))).toBeUndefined();
    });

    test('a record counts until its expiresAt second, and from that second the key is free', async () => {
      const expiresAt = NOW_SECONDS + 10;
      await store.claim(record({ expiresAt }));

      clock.set((expiresAt - 1) * 1000 + 999);
      expect(await store.claim(record({ orderId: 'order-early' }))).toEqual(record({ expiresAt }));

      clock.set(expiresAt * 1000);
      const fresh = record({ orderId: 'order-2', fingerprint: 'sha-b', expiresAt: expiresAt + 3600 });
      expect(await store.claim(fresh)).toBeUndefined();
      expect(await store.claim(record({ orderId: 'order-3' }))).toEqual(fresh);
    });

    test('of concurrent claims of one key exactly one wins, and the others get its record', async () => {
      const claims = Array.from({ length: 6 }, (_, index) => record({ orderId: `order-${index}`, fingerprint: `sha-${index}` }));

      const answers = await Promise.all(claims.map((claim) => store.claim(claim)));

      const winners = answers.map((answer, index) => (answer === undefined ? index : -1)).filter((index) => index >= 0);
      expect(winners).toHaveLength(1);
      const winner = claims[winners[0] ?? -1];
      for (const answer of answers) if (answer !== undefined) expect(answer).toEqual(winner);
    });
  });
};

/** The PaymentLedger contract: at most one charge per order, at most one refund of it, both recorded on the order. */
import { OrderNotFoundError } from '../../src/domain/errors';
import type { OrderRepository, PaymentLedger } from '../../src/domain/ports';
import { anOrder, caseOf, ContractClock, type Gaps } from './contract-support';

interface PaymentLedgerSubject {
  ledger: PaymentLedger;
  /** The repository the charges are recorded on (the same store). */
  orders: OrderRepository;
}

export type PaymentLedgerFactory = (clock: ContractClock) => Promise<PaymentLedgerSubject>;

const CHARGE = { orderId: 'order-1', amount: 20, currency: 'EUR' };

export const paymentLedgerContract = (implementation: string, factory: PaymentLedgerFactory, gaps?: Gaps): void => {
  const test = caseOf(gaps);

  describe(`PaymentLedger contract: ${implementation}`, () => {
    let clock: ContractClock;
    let ledger: PaymentLedger;
    let orders: OrderRepository;

    beforeEach(async () => {
      clock = new ContractClock();
      ({ ledger, orders } = await factory(clock));
      await orders.create(anOrder('order-1', { status: 'PROCESSING', payment: { method: 'card', token: 'tok_visa_4242' } }));
    });

    test('charges once and records the charge on the order', async () => {
      const { charge, alreadyCharged } = await ledger.charge(CHARGE);

      expect(alreadyCharged).toBe(false);
      expect(charge).toEqual({ paymentId: expect.stringMatching(/^pay_/), amount: 20, currency: 'EUR', status: 'CHARGED', chargedAt: '2026-05-25T09:00:00.000Z' });
      expect((await orders.get('order-1'))?.charge).toEqual(charge);
    });

    test('a repeated charge, with any amount, returns the first charge and charges nothing more', async () => {
      const first = await ledger.charge(CHARGE);
      clock.advance(60_000);

      const repeat = await ledger.charge({ ...CHARGE, amount: 99 });

      expect(repeat).toEqual({ charge: first.charge, alreadyCharged: true });
      expect((await orders.get('order-1'))?.charge).toEqual(first.charge);
    });

    test('of concurrent charges of one order exactly one charges', async () => {
      const answers = await Promise.all([1, 2, 3, 4].map((amount) => ledger.charge({ ...CHARGE, amount })));

      const fresh = answers.filter((answer) => !answer.alreadyCharged);
      expect(fresh).toHaveLength(1);
      for (const answer of answers) expect(answer.charge).toEqual(fresh[0]?.charge);
      expect((await orders.get('order-1'))?.charge).toEqual(fresh[0]?.charge);
    });

    test('charges an unknown order with OrderNotFoundError, creating nothing', async () => {
      await expect(ledger.charge({ ...CHARGE, orderId: 'order-unknown' })).rejects.toThrow(OrderNotFoundError);
      expect(await orders.get('order-unknown')).toBeUndefined();
    });

    test('refunds once; a repeated refund reports the refunded charge and the first reason stands', async () => {
      const { charge } = await ledger.charge(CHARGE);
      clock.set('2026-05-25T09:30:00.000Z');

      const refund = await ledger.refund('order-1', 'compensation');
      clock.advance(60_000);
      const again = await ledger.refund('order-1', 'late callback');

      const refunded = { ...charge, status: 'REFUNDED', refundedAt: '2026-05-25T09:30:00.000Z', refundReason: 'compensation' };
      expect(refund).toEqual({ refunded: true, charge: refunded });
      expect(again).toEqual({ refunded: false, charge: refunded });
      expect((await orders.get('order-1'))?.charge).toEqual(refunded);
    });

    test('never charges again after a refund', async () => {
      await ledger.charge(CHARGE);
      const { charge: refunded } = await ledger.refund('order-1', 'compensation');

      expect(await ledger.charge(CHARGE)).toEqual({ charge: refunded, alreadyCharged: true });
    });

    test('refunds nothing when nothing was charged', async () => {
      expect(await ledger.refund('order-1', 'compensation')).toEqual({ refunded: false });
      expect((await orders.get('order-1'))?.charge).toBeUndefined();
    });

    test('refunds an unknown order with OrderNotFoundError, creating nothing', async () => {
      await expect(ledger.refund('order-unknown', 'compensation')).rejects.toThrow(OrderNotFoundError);
      expect(await orders.get('order-unknown')).toBeUndefined();
    });

    test("reads the order's payment token, and none for an unknown order", async () => {
      expect(await ledger.paymentToken('order-1')).toBe('tok_visa_4242');
      expect(await ledger.paymentToken('order-unknown')).toBeUndefined();
    });
  });
};

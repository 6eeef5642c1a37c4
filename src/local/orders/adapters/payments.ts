/**
 * PaymentLedger on SQLite: the charge lives on the order item (at most one per order), and every charge and
 * refund is also appended to `payment_events`, the books that `GET /_local/payments` shows.
 */
import type { Charge } from '../../../domain/order';
import type { ChargeRequest, PaymentLedger } from '../../../domain/ports';
import type { LocalDatabase } from '../../emulator/store/database';
import { readOrder, withOrder, writeOrder } from './orders';

export interface PaymentEvent {
  seq: number;
  orderId: string;
  type: 'CHARGE' | 'REFUND';
  paymentId: string;
  amount: number;
  currency: string;
  reason?: string;
  at: string;
}

export class SqlitePaymentLedger implements PaymentLedger {
  constructor(
    private readonly db: LocalDatabase,
    private readonly now: () => Date,
    private readonly newId: () => string,
  ) {}

  async charge(request: ChargeRequest): Promise<{ charge: Charge; alreadyCharged: boolean }> {
    return withOrder(this.db, request.orderId, (order) => {
      if (order.charge) return { charge: order.charge, alreadyCharged: true };
      const chargedAt = this.now().toISOString();
      const charge: Charge = { paymentId: `pay_${this.newId()}`, amount: request.amount, currency: request.currency, status: 'CHARGED', chargedAt };
      writeOrder(this.db, { ...order, charge });
      this.record(request.orderId, 'CHARGE', charge, charge.chargedAt);
      return { charge, alreadyCharged: false };
    });
  }

  async refund(orderId: string, reason: string): Promise<{ refunded: boolean; charge?: Charge }> {
    return withOrder(this.db, orderId, (order) => {
      if (!order.charge) return { refunded: false };
      if (order.charge.status === 'REFUNDED') return { refunded: false, charge: order.charge };
      const at = this.now().toISOString();
      const charge: Charge = { ...order.charge, status: 'REFUNDED', refundedAt: at, refundReason: reason };
      writeOrder(this.db, { ...order, charge });
      this.record(orderId, 'REFUND', charge, at, reason);
      return { refunded: true, charge };
    });
  }

  async paymentToken(orderId: string): Promise<string | undefined> {
    return readOrder(this.db, orderId)?.payment?.token;
  }

  /** Every ledger event, oldest first, optionally for one order. */
  events(orderId?: string): PaymentEvent[] {
    return this.db
      .all<Omit<PaymentEvent, 'reason'> & { reason: string | null }>(
        `SELECT seq, order_id AS orderId, type, payment_id AS paymentId, amount, currency, reason, at FROM payment_events
         WHERE ($orderId IS NULL OR order_id = $orderId) ORDER BY seq`,
        { orderId: orderId ?? null },
      )
      .map(({ reason, at, ...event }) => ({ ...event, ...(reason ? { reason } : {}), at }));
  }

  private record(orderId: string, type: PaymentEvent['type'], charge: Charge, at: string, reason?: string): void {
    this.db.run(
      `INSERT INTO payment_events (order_id, type, payment_id, amount, currency, reason, at)
       VALUES ($orderId, $type, $paymentId, $amount, $currency, $reason, $at)`,
      { orderId, type, paymentId: charge.paymentId, amount: charge.amount, currency: charge.currency, reason: reason ?? null, at },
    );
  }
}

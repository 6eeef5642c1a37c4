/**
 * The fence against late charges. A payment consumer that read the order before the workflow gave up can
 * still take a charge after Compensate's RefundPayment ran. Two moments can see that charge: the consumer
 * itself (its callback finds the task gone) and RecordFailure (right after writing FAILED). Each calls this;
 * whichever runs second sees both the FAILED status and the charge, so a late charge is always refunded, and
 * a charge of an order that is not FAILED (a redelivery after our own success callback) never is.
 */
import type { AppDeps } from './deps';

export type RefundLateChargeDeps = Pick<AppDeps, 'orders' | 'payments'>;

/** Who noticed the late charge; becomes the refund's reason in the ledger. */
export type LateChargeWitness = 'payment-consumer' | 'record-failure';

const REASONS: Record<LateChargeWitness, string> = {
  'payment-consumer': 'Late callback: the payment task was no longer active',
  'record-failure': 'Order failed: charge taken after compensation',
};

/** Refunds the order's charge if the order is FAILED; true when a charge was refunded now. */
export const refundLateCharge = async (orderId: string, witness: LateChargeWitness, deps: RefundLateChargeDeps): Promise<boolean> => {
  const order = await deps.orders.get(orderId);
  if (order?.status !== 'FAILED') return false;
  const { refunded } = await deps.payments.refund(orderId, REASONS[witness]);
  return refunded;
};

/**
 * The payment consumer's work for one message: decide (simulated gateway), charge at most once, and answer
 * the waiting task. A charge whose task is no longer waiting (cancelled with its Parallel branch, timed out)
 * is refunded on the spot, so a late callback never leaves money taken from a failed order.
 */
import { MalformedMessageError, TaskNoLongerActiveError, TransientPaymentError } from '../domain/errors';
import { decidePayment } from '../domain/payment-simulator';
import type { AppDeps } from './deps';

export interface PaymentMessage {
  orderId: string;
  amount: number;
  currency: string;
  taskToken: string;
}

export type SettlementOutcome = 'charged' | 'declined' | 'ignored' | 'late-charge-refunded' | 'task-gone';

export type SettlePaymentDeps = Pick<AppDeps, 'payments' | 'callbacks' | 'paymentDeclineRate'>;

export const parsePaymentMessage = (body: string): PaymentMessage => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (cause) {
    throw new MalformedMessageError('Payment message is not JSON', { cause });
  }
  const m = parsed as Partial<PaymentMessage> | null;
  const valid =
    m !== null &&
    typeof m === 'object' &&
    typeof m.orderId === 'string' &&
    m.orderId.length > 0 &&
    typeof m.taskToken === 'string' &&
    m.taskToken.length > 0 &&
    typeof m.amount === 'number' &&
    Number.isFinite(m.amount) &&
    m.amount >= 0 &&
    typeof m.currency === 'string';
  if (!valid) throw new MalformedMessageError('Payment message lacks orderId, amount, currency or taskToken');
  return { orderId: m.orderId!, amount: m.amount!, currency: m.currency!, taskToken: m.taskToken! };
};

export const settlePayment = async (message: PaymentMessage, receiveCount: number, deps: SettlePaymentDeps): Promise<SettlementOutcome> => {
  const { orderId, taskToken } = message;
  if (!(await stillWaiting(taskToken, deps))) {
    // The workflow gave up on this payment before we got to it; undo a charge a previous delivery may have taken.
    const { refunded } = await deps.payments.refund(orderId, 'Payment task no longer active');
    return refunded ? 'late-charge-refunded' : 'task-gone';
  }
  const token = await deps.payments.paymentToken(orderId);
  const decision = token
    ? decidePayment({ orderId, token, receiveCount }, deps.paymentDeclineRate)
    : ({ outcome: 'decline', reason: 'No payment method on file' } as const);
  switch (decision.outcome) {
    case 'ignore':
      return 'ignored';
    case 'retry':
      throw new TransientPaymentError(decision.reason);
    case 'decline':
      await answer(() => deps.callbacks.fail(taskToken, 'PaymentDeclinedError', decision.reason));
      return 'declined';
    case 'approve': {
      const { charge } = await deps.payments.charge({ orderId, amount: message.amount, currency: message.currency });
      const delivered = await answer(() =>
        deps.callbacks.succeed(taskToken, { paymentId: charge.paymentId, amount: charge.amount, currency: charge.currency, status: charge.status }),
      );
      if (delivered) return 'charged';
      await deps.payments.refund(orderId, 'Late callback: the payment task was no longer active');
      return 'late-charge-refunded';
    }
  }
};

const stillWaiting = async (taskToken: string, deps: SettlePaymentDeps): Promise<boolean> => answer(() => deps.callbacks.heartbeat(taskToken));

/** Runs a callback; false when the task is no longer active (that is an outcome here, not an error). */
const answer = async (call: () => Promise<void>): Promise<boolean> => {
  try {
    await call();
    return true;
  } catch (error) {
    if (error instanceof TaskNoLongerActiveError) return false;
    throw error;
  }
};

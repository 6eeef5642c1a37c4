/**
 * The payment consumer's work for one message: decide (simulated gateway), charge at most once, and answer
 * the waiting task.
 *
 * A task that is no longer waiting means one of two things: our own success callback already closed it (SQS
 * redelivered the message), or the workflow gave up on the payment (its Parallel branch was cancelled or timed
 * out). Only the second must be refunded, and only the order's status tells them apart: a workflow that gave up
 * ends FAILED. Both cases go to src/app/refund-late-charge.ts, the one home of that rule.
 */
import { MalformedMessageError, TaskNoLongerActiveError, TransientPaymentError } from '../domain/errors';
import { decidePayment } from '../domain/payment-simulator';
import type { AppDeps } from './deps';
import { refundLateCharge } from './refund-late-charge';

export interface PaymentMessage {
  orderId: string;
  amount: number;
  currency: string;
  taskToken: string;
}

export type SettlementOutcome = 'charged' | 'declined' | 'ignored' | 'late-charge-refunded' | 'task-gone';

export type SettlePaymentDeps = Pick<AppDeps, 'orders' | 'payments' | 'callbacks' | 'paymentDeclineRate'>;

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
    // Either a redelivery after our own callback, or the workflow gave up before we got here.
    return (await refundLateCharge(orderId, 'payment-consumer', deps)) ? 'late-charge-refunded' : 'task-gone';
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
      return (await refundLateCharge(orderId, 'payment-consumer', deps)) ? 'late-charge-refunded' : 'task-gone';
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

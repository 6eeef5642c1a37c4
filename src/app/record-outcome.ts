/**
 * The workflow's terminal records: RecordRejection (the business rules said no) and RecordFailure (a step
 * failed and compensation ran). Each writes the terminal status with what went wrong; a failure also carries
 * the attempts its state made (1 + retries), which only the execution history knows.
 */
import { describeViolations, type ValidationResult } from '../domain/business-rules';
import { failureFromCaught, type CaughtError } from '../domain/failure';
import type { Failure, Order } from '../domain/order';
import { logger } from '../observability/powertools';
import type { AppDeps } from './deps';
import { refundLateCharge } from './refund-late-charge';

export type RecordOutcomeDeps = Pick<AppDeps, 'orders' | 'payments' | 'history' | 'executionLinkBase'>;

export interface RecordedOutcome {
  order: Order;
  failure: Failure;
}

export const recordRejection = async (orderId: string, validation: ValidationResult, executionArn: string, deps: RecordOutcomeDeps): Promise<RecordedOutcome> => {
  const failure: Failure = { state: 'ValidateOrder', error: 'ValidationError', cause: describeViolations(validation.errors), executionUrl: `${deps.executionLinkBase}${executionArn}` };
  const order = await deps.orders.changeStatus(orderId, { status: 'REJECTED', from: ['NEW', 'VALIDATED'], failure, validationErrors: validation.errors });
  return { order, failure };
};

export interface RecordedFailure extends RecordedOutcome {
  /** A charge taken after compensation ran was found and refunded. */
  lateChargeRefunded: boolean;
}

export const recordFailure = async (orderId: string, caughtError: CaughtError, executionArn: string, deps: RecordOutcomeDeps): Promise<RecordedFailure> => {
  const caught = failureFromCaught(caughtError);
  const attempts = await attemptsMade(deps.history, executionArn, caught.state);
  const failure: Failure = { ...caught, ...(attempts !== undefined && { attempts }), executionUrl: `${deps.executionLinkBase}${executionArn}` };
  const order = await deps.orders.changeStatus(orderId, { status: 'FAILED', from: ['NEW', 'VALIDATED', 'PROCESSING'], failure });
  const lateChargeRefunded = await refundLateCharge(orderId, 'record-failure', deps);
  return { order, failure, lateChargeRefunded };
};

/**
 * Attempts the failed state made, read from the execution's history. Only a detail of the record: a history that
 * cannot be read costs the detail, never the record.
 */
const attemptsMade = async (history: RecordOutcomeDeps['history'], executionArn: string, state: string): Promise<number | undefined> => {
  try {
    return await history.attemptsOf(executionArn, state);
  } catch (error) {
    logger.warn('Could not read the attempts of the failed state from the execution history; recording the failure without them', { state, error });
    return undefined;
  }
};

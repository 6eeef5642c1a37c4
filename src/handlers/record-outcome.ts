/**
 * RecordRejection and RecordFailure states: write the terminal status with what went wrong, and hand the
 * order and failure to the notification and to the final Fail state. A failure also carries the attempts its
 * state made (1 + retries), which only the execution history knows.
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { ValidationResult } from '../domain/business-rules';
import { describeViolations } from '../domain/business-rules';
import { failureFromCaught, type CaughtError } from '../domain/failure';
import { toOrderSummary, type Failure, type OrderSummary } from '../domain/order';
import type { AppDeps } from '../app/deps';
import { MetricNames } from '../observability/metric-names';
import { logger, metrics } from '../observability/powertools';
import { taskHandler } from './middleware/task-handler';

export type RecordOutcomeInput =
  | { orderId: string; outcome: 'REJECTED'; validation: ValidationResult; executionArn: string }
  | { orderId: string; outcome: 'FAILED'; caught: CaughtError; compensation?: unknown; executionArn: string };

export interface RecordOutcomeOutput {
  order: OrderSummary;
  failure: Failure;
}

export type RecordOutcomeDeps = Pick<AppDeps, 'orders' | 'payments' | 'history' | 'executionLinkBase'>;

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

export const makeRecordOutcomeHandler = (deps: RecordOutcomeDeps) =>
  taskHandler(async (input: RecordOutcomeInput): Promise<RecordOutcomeOutput> => {
    const executionUrl = `${deps.executionLinkBase}${input.executionArn}`;
    if (input.outcome === 'REJECTED') {
      const failure: Failure = { state: 'ValidateOrder', error: 'ValidationError', cause: describeViolations(input.validation.errors), executionUrl };
      const order = await deps.orders.changeStatus(input.orderId, {
        status: 'REJECTED',
        from: ['NEW', 'VALIDATED'],
        failure,
        validationErrors: input.validation.errors,
      });
      metrics.addMetric(MetricNames.OrderRejected, MetricUnit.Count, 1);
      return { order: toOrderSummary(order), failure };
    }
    const caught = failureFromCaught(input.caught);
    const attempts = await attemptsMade(deps.history, input.executionArn, caught.state);
    const failure: Failure = { ...caught, ...(attempts !== undefined && { attempts }), executionUrl };
    const order = await deps.orders.changeStatus(input.orderId, { status: 'FAILED', from: ['NEW', 'VALIDATED', 'PROCESSING'], failure });
    // The fence against late charges (see src/app/settle-payment.ts): a charge taken after Compensate's
    // RefundPayment ran, by a consumer that read the order before it was FAILED, is refunded here.
    const { refunded } = await deps.payments.refund(input.orderId, 'Order failed: charge taken after compensation');
    if (refunded) logger.warn('Refunded a charge taken after compensation', { orderId: input.orderId });
    logger.warn('Order failed', { failure });
    metrics.addMetric(MetricNames.CompensationRun, MetricUnit.Count, 1);
    const byReason = metrics.singleMetric();
    byReason.addDimension('reason', failure.error);
    byReason.addMetric(MetricNames.OrderFailed, MetricUnit.Count, 1);
    return { order: toOrderSummary(order), failure };
  });

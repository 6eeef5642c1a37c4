/**
 * RecordRejection and RecordFailure states (src/app/record-outcome.ts): write the terminal status, count it,
 * and hand the order and failure to the notification and to the final Fail state.
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { ValidationResult } from '../domain/business-rules';
import type { CaughtError } from '../domain/failure';
import { toOrderSummary, type Failure, type OrderSummary } from '../domain/order';
import { recordFailure, recordRejection, type RecordOutcomeDeps } from '../app/record-outcome';
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

export const makeRecordOutcomeHandler = (deps: RecordOutcomeDeps) =>
  taskHandler(async (input: RecordOutcomeInput): Promise<RecordOutcomeOutput> => {
    if (input.outcome === 'REJECTED') {
      const { order, failure } = await recordRejection(input.orderId, input.validation, input.executionArn, deps);
      metrics.addMetric(MetricNames.OrderRejected, MetricUnit.Count, 1);
      return { order: toOrderSummary(order), failure };
    }
    const { order, failure, lateChargeRefunded } = await recordFailure(input.orderId, input.caught, input.executionArn, deps);
    if (lateChargeRefunded) logger.warn('Refunded a charge taken after compensation', { orderId: input.orderId });
    logger.warn('Order failed', { failure });
    metrics.addMetric(MetricNames.CompensationRun, MetricUnit.Count, 1);
    const byReason = metrics.singleMetric();
    byReason.addDimension('reason', failure.error);
    byReason.addMetric(MetricNames.OrderFailed, MetricUnit.Count, 1);
    return { order: toOrderSummary(order), failure };
  });

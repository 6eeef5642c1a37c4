/**
 * The payment queue's consumer. Each record is settled on its own; failures are reported per record
 * (ReportBatchItemFailures), so one poison or transient message never blocks or replays the others: it
 * comes back after the visibility timeout and, after maxReceiveCount receives, moves to the DLQ.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { parsePaymentMessage, settlePayment, type SettlePaymentDeps } from '../app/settle-payment';
import { MetricNames } from '../observability/metric-names';
import { logger, metrics } from '../observability/powertools';

export const makeProcessPaymentHandler = (deps: SettlePaymentDeps) => {
  const processor = new BatchProcessor(EventType.SQS);
  const settleRecord = async (record: SQSRecord): Promise<string> => {
    try {
      return await settleOne(record);
    } catch (error) {
      logger.warn('Payment message returned to the queue', { messageId: record.messageId, receiveCount: record.attributes.ApproximateReceiveCount, error });
      throw error;
    }
  };
  const settleOne = async (record: SQSRecord): Promise<string> => {
    const message = parsePaymentMessage(record.body);
    const receiveCount = Number(record.attributes.ApproximateReceiveCount) || 1;
    const outcome = await settlePayment(message, receiveCount, deps);
    logger.info('Payment message settled', { orderId: message.orderId, outcome, receiveCount, messageId: record.messageId });
    if (outcome === 'declined') metrics.addMetric(MetricNames.PaymentDeclined, MetricUnit.Count, 1);
    if (outcome === 'late-charge-refunded') metrics.addMetric(MetricNames.LateChargeRefunded, MetricUnit.Count, 1);
    return outcome;
  };
  return middy<SQSEvent, SQSBatchResponse>({ timeoutEarlyInMillis: 0 })
    .use(injectLambdaContext(logger, { clearState: true }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }))
    .handler(async (event: SQSEvent, context: Context) =>
      processPartialResponse(event, settleRecord, processor, { context, throwOnFullBatchFailure: false }),
    );
};

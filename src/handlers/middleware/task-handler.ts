/** The Middy stack for Step Functions task handlers: context-aware logs and flushed metrics, nothing HTTP. */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { Context } from 'aws-lambda';
import { logger, metrics } from '../../observability/powertools';

export const taskHandler = <TInput extends { orderId?: string; executionArn?: string }, TOutput>(fn: (input: TInput, context: Context) => Promise<TOutput>) =>
  middy<TInput, TOutput>({ timeoutEarlyInMillis: 0 })
    .use(injectLambdaContext(logger, { clearState: true }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }))
    .use({ before: (request) => void logger.appendKeys({ orderId: request.event.orderId, executionArn: request.event.executionArn }) })
    .handler(fn);

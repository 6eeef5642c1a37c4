/**
 * The Middy stack shared by the HTTP handlers. onError hooks run in reverse order of `use`, so `apiErrors`
 * shapes the error first, `httpErrorHandler` writes it, and `httpCors` adds its headers to every answer.
 */
import middy from '@middy/core';
import httpCors from '@middy/http-cors';
import httpErrorHandler from '@middy/http-error-handler';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import validator from '@middy/validator';
import { transpileSchema } from '@middy/validator/transpile';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { logger, metrics } from '../../observability/powertools';
import { apiErrors } from './api-errors';

export type ApiFunction<TBody = unknown> = (event: ApiEvent<TBody>, context: Context) => Promise<APIGatewayProxyResult>;
export type ApiEvent<TBody> = Omit<APIGatewayProxyEvent, 'body'> & { body: TBody };

const INTERNAL_ERROR = JSON.stringify({ message: 'Internal server error' });

export const apiHandler = <TBody = unknown>(fn: ApiFunction<TBody>, options: { bodySchema?: object } = {}) => {
  const handler = middy<ApiEvent<TBody>, APIGatewayProxyResult>({ timeoutEarlyInMillis: 0 })
    .use(injectLambdaContext(logger, { clearState: true, correlationIdPath: 'requestContext.requestId' }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }))
    .use(httpCors({ origins: ['*'] }))
    .use(httpErrorHandler({ logger: (error) => logger.error('Unhandled error', { error }), fallbackMessage: INTERNAL_ERROR }))
    .use(apiErrors())
    .use(httpHeaderNormalizer());
  if (options.bodySchema) {
    handler.use(httpJsonBodyParser({ disableContentTypeError: true })).use(validator({ eventSchema: bodyValidator(options.bodySchema) }));
  }
  return handler.handler(fn);
};

/** Wraps the body schema for Middy's event validation; ajv must not coerce, like API Gateway ("3" is not 3). */
const bodyValidator = (bodySchema: object) => {
  const { $schema: _draft04, ...schema } = bodySchema as Record<string, unknown>;
  return transpileSchema(
    { type: 'object', required: ['body'], properties: { body: schema } },
    { coerceTypes: false, useDefaults: false, strict: false },
  );
};

export const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyResult => ({
  statusCode,
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

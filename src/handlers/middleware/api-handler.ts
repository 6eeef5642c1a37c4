/**
 * The Middy stack shared by the HTTP handlers. onError hooks run in reverse order of `use`, so `apiErrors`
 * shapes the error first, `httpErrorHandler` writes it, and `httpCors` adds its headers to every answer.
 */
import middy from '@middy/core';
import httpCors from '@middy/http-cors';
import httpErrorHandler from '@middy/http-error-handler';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import validator, { type Options as ValidatorOptions } from '@middy/validator';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { PrecompiledValidator } from '../../schemas/create-order-request.validator';
import { logger, metrics } from '../../observability/powertools';
import { apiErrors } from './api-errors';

export type ApiFunction<TBody = unknown> = (event: ApiEvent<TBody>, context: Context) => Promise<APIGatewayProxyResult>;
export type ApiEvent<TBody> = Omit<APIGatewayProxyEvent, 'body'> & { body: TBody };

const INTERNAL_ERROR = JSON.stringify({ message: 'Internal server error' });

export interface ApiHandlerOptions {
  /**
   * Validates `{ body }` after JSON parsing: a precompiled Ajv validator generated from the request's JSON Schema
   * (src/schemas/*.validator.js, see scripts/build/schema-validators.ts). Compiling the schema at init instead
   * (transpileSchema) put Ajv and its plugins in the bundle and cost more cold start than the SDK client.
   */
  bodyValidator?: PrecompiledValidator;
}

export const apiHandler = <TBody = unknown>(fn: ApiFunction<TBody>, options: ApiHandlerOptions = {}) => {
  const handler = middy<ApiEvent<TBody>, APIGatewayProxyResult>({ timeoutEarlyInMillis: 0 })
    .use(injectLambdaContext(logger, { clearState: true }))
    // Not `correlationIdPath`: that needs a JMESPath search function, without which Powertools warns and logs no id.
    .use({ before: (request) => void logger.setCorrelationId(request.event.requestContext?.requestId) })
    .use(logMetrics(metrics, { captureColdStartMetric: true }))
    .use(httpCors({ origins: ['*'] }))
    .use(httpErrorHandler({ logger: logHttpError, fallbackMessage: INTERNAL_ERROR }))
    .use(apiErrors())
    .use(httpHeaderNormalizer());
  if (options.bodyValidator) {
    // Middy's typings say `Ajv`, but its validator calls eventSchema as a compiled validate function and reads `.errors`.
    const eventSchema = options.bodyValidator as unknown as ValidatorOptions['eventSchema'];
    handler.use(httpJsonBodyParser({ disableContentTypeError: true })).use(validator({ eventSchema }));
  }
  return handler.handler(fn);
};

/** A rejected request is the caller's mistake (a warning); only an unexpected failure is an error worth an alarm. */
const logHttpError = (error: unknown): void => {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number' && status < 500) logger.warn('Request rejected', { statusCode: status, error });
  else logger.error('Unhandled error', { error });
};

export const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyResult => ({
  statusCode,
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

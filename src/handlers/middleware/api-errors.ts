/**
 * Maps what a handler throws to API answers before @middy/http-error-handler writes them: request and
 * domain errors become 4xx JSON with field-level messages; anything else stays unexposed and becomes the
 * error handler's generic 500, so internals never leak to callers.
 */
import type { MiddlewareObj } from '@middy/core';
import type { ErrorObject } from 'ajv';
import { IdempotencyConflictError, InvalidCursorError, OrderNotFoundError } from '../../domain/errors';
import { toFieldError } from '../../shared/field-errors';
import { HttpProblem } from './http-problem';

interface HttpLikeError {
  statusCode: number;
  message: string;
  expose: boolean;
}

export const apiErrors = (): MiddlewareObj => ({
  onError: (request) => {
    const problem = toProblem(request.error);
    if (!problem) return;
    const body = JSON.stringify({ message: problem.message, ...(problem.errors.length ? { errors: problem.errors } : {}) });
    request.error = Object.assign(new Error(body), { statusCode: problem.statusCode, expose: true } satisfies Omit<HttpLikeError, 'message'>);
  },
});

const toProblem = (error: unknown): HttpProblem | undefined => {
  if (error instanceof HttpProblem) return error;
  if (error instanceof OrderNotFoundError) return new HttpProblem(404, error.message);
  if (error instanceof IdempotencyConflictError) return new HttpProblem(422, error.message, [{ field: 'Idempotency-Key', message: error.message }]);
  if (error instanceof InvalidCursorError) return new HttpProblem(400, 'Invalid query string', [{ field: 'cursor', message: error.message }]);
  if (!isHttpError(error) || error.statusCode >= 500) return undefined;
  // Middy's validator (400) and JSON body parser (415/422) all mean "your request body is wrong".
  const fieldErrors = ajvErrors(error).slice(0, MAX_FIELD_ERRORS).map((e) => toFieldError(e, '/body'));
  if (fieldErrors.length) return new HttpProblem(400, 'Invalid request body', fieldErrors);
  // Malformed JSON or a forbidden key (`__proto__`): the body as a whole is wrong. The raw body is never echoed.
  return new HttpProblem(400, `Invalid request: ${error.message}`, [{ field: 'body', message: error.message }]);
};

/**
 * Ajv reports every violation; a body with a huge array of bad items would otherwise produce an answer many
 * times its own size (past Lambda's 6 MB response limit, i.e. a 502). The first few are enough to fix a request.
 */
export const MAX_FIELD_ERRORS = 20;

const isHttpError = (error: unknown): error is HttpLikeError & { cause?: { data?: unknown } } =>
  error instanceof Error && typeof (error as Partial<HttpLikeError>).statusCode === 'number';

const ajvErrors = (error: { cause?: { data?: unknown } }): ErrorObject[] => {
  const data = error.cause?.data;
  return Array.isArray(data) ? (data as ErrorObject[]) : [];
};

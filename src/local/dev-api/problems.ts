/**
 * How `/_local/*` answers: JSON always, and a request it cannot serve is the caller's mistake (4xx with a
 * message and, for a bad body, one message per field), never a 500. Handlers throw a DevApiProblem; the
 * router turns it into the answer.
 */
import type { FieldError } from '../../shared/field-errors';
import { jsonResponse, type ApiResponse } from '../emulator/http/messages';

export class DevApiProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: readonly FieldError[] = [],
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'DevApiProblem';
  }
}

export const problemResponse = (problem: DevApiProblem): ApiResponse =>
  jsonResponse(problem.status, { message: problem.message, ...(problem.errors.length > 0 ? { errors: problem.errors } : {}) }, problem.headers);

export const badRequest = (message: string, errors: readonly FieldError[] = []): DevApiProblem => new DevApiProblem(400, message, errors);

export const notFound = (what: string): DevApiProblem => new DevApiProblem(404, `${what} not found`);

export const methodNotAllowed = (method: string, path: string, allowed: readonly string[]): DevApiProblem =>
  new DevApiProblem(405, `${method} is not supported on ${path}; use ${allowed.join(' or ')}`, [], { Allow: allowed.join(', ') });

export const payloadTooLarge = (limitBytes: number): DevApiProblem =>
  new DevApiProblem(413, `Request body is larger than ${limitBytes} bytes`, [{ field: 'body', message: `must be at most ${limitBytes} bytes` }]);

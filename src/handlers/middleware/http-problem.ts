/** Errors that become 4xx JSON answers: `{ message, errors: [{ field, message }] }`. */
import type { FieldError } from '../../shared/field-errors';

export class HttpProblem extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
    this.name = 'HttpProblem';
  }
}

export const badRequest = (message: string, errors: FieldError[] = []): HttpProblem => new HttpProblem(400, message, errors);

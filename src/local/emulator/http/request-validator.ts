/**
 * API Gateway's request body validation with the template's model: JSON Schema draft-04 (Ajv's own draft-04
 * dialect, ajv-draft-04), no type coercion ("3" is not 3), every violation reported. The messages name the field
 * (`items[0].quantity: must be integer`) and join into `$context.error.validationErrorString`.
 */
import Ajv from 'ajv-draft-04';
import { decimalMultipleOf } from '../../../shared/decimal-multiple-of';
import { toFieldError, type FieldError } from '../../../shared/field-errors';

export type BodyCheck = { valid: true; body: unknown } | { valid: false; errors: FieldError[] };

export class RequestValidator {
  // Ajv keeps each compiled schema, by object, for the next request.
  private readonly ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: false, useDefaults: false, validateFormats: false })
    // API Gateway divides in decimal: 19.99 is a multiple of 0.01 (Ajv's float division says it is not).
    .removeKeyword('multipleOf')
    .addKeyword(decimalMultipleOf);

  check(schema: Record<string, unknown>, rawBody: string): BodyCheck {
    let body: unknown;
    try {
      body = rawBody.trim() === '' ? {} : JSON.parse(rawBody);
    } catch (error) {
      return { valid: false, errors: [{ field: 'body', message: `is not valid JSON (${(error as Error).message})` }] };
    }
    const validate = this.ajv.compile(schema);
    if (validate(body)) return { valid: true, body };
    return { valid: false, errors: (validate.errors ?? []).map((e) => toFieldError(e)) };
  }
}

export const validationErrorString = (errors: readonly FieldError[]): string => `[${errors.map((e) => `${e.field}: ${e.message}`).join(', ')}]`;

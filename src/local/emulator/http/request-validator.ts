/**
 * API Gateway's request body validation with the template's model: JSON Schema draft-04 semantics, no type
 * coercion ("3" is not 3), every violation reported. The messages name the field
 * (`items[0].quantity: must be integer`) and join into `$context.error.validationErrorString`.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import { decimalMultipleOf } from '../../../shared/decimal-multiple-of';
import { toFieldError, type FieldError } from '../../../shared/field-errors';

export type BodyCheck = { valid: true; body: unknown } | { valid: false; errors: FieldError[] };

/** Draft-04 → what Ajv (draft-07) understands: boolean exclusiveMinimum/Maximum, `id`, no `$schema`. */
export const fromDraft04 = (schema: unknown): unknown => {
  if (Array.isArray(schema)) return schema.map(fromDraft04);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Record<string, unknown> = {};
  const s = schema as Record<string, unknown>;
  for (const [key, value] of Object.entries(s)) {
    if (key === '$schema') continue;
    if (key === 'id' && typeof value === 'string') out.$id = value;
    else if (key === 'exclusiveMinimum' && typeof value === 'boolean') {
      if (value) out.exclusiveMinimum = s.minimum;
    } else if (key === 'exclusiveMaximum' && typeof value === 'boolean') {
      if (value) out.exclusiveMaximum = s.maximum;
    } else out[key] = fromDraft04(value);
  }
  if (s.exclusiveMinimum === true) delete out.minimum;
  if (s.exclusiveMaximum === true) delete out.maximum;
  return out;
};

export class RequestValidator {
  private readonly ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: false, useDefaults: false, validateFormats: false })
    // API Gateway divides in decimal: 19.99 is a multiple of 0.01 (Ajv's float division says it is not).
    .removeKeyword('multipleOf')
    .addKeyword(decimalMultipleOf);
  private readonly compiled = new Map<object, ValidateFunction>();

  check(schema: Record<string, unknown>, rawBody: string): BodyCheck {
    let body: unknown;
    try {
      body = rawBody.trim() === '' ? {} : JSON.parse(rawBody);
    } catch (error) {
      return { valid: false, errors: [{ field: 'body', message: `is not valid JSON (${(error as Error).message})` }] };
    }
    let validate = this.compiled.get(schema);
    if (!validate) {
      validate = this.ajv.compile(fromDraft04(schema) as object);
      this.compiled.set(schema, validate);
    }
    if (validate(body)) return { valid: true, body };
    return { valid: false, errors: (validate.errors ?? []).map((e) => toFieldError(e)) };
  }
}

export const validationErrorString = (errors: readonly FieldError[]): string => `[${errors.map((e) => `${e.field}: ${e.message}`).join(', ')}]`;

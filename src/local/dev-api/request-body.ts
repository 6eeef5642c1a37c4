/**
 * The JSON body of a state-changing `/_local` request, checked before anything acts on it: within the
 * endpoint's size limit (413 — the server reads at most 10 MB and flags the rest as too large, which used to
 * be read as an empty body and acted on as `{}`), sent as JSON (415: a cross-site form or `text/plain` POST
 * cannot get through), parseable (400), and of the endpoint's shape (400, one message per field, from a JSON
 * Schema checked by Ajv).
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { toFieldError, type FieldError } from '../../shared/field-errors';
import { headerValue, type ApiRequest } from '../emulator/http/messages';
import { badRequest, DevApiProblem, payloadTooLarge } from './problems';

export type DevApiRequest = Pick<ApiRequest, 'method' | 'url' | 'rawHeaders' | 'body' | 'tooLarge'>;

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });

/** Enough messages to fix a request; a huge bad body must not produce a huger answer. */
const MAX_FIELD_ERRORS = 20;

export const bodySchema = <T>(schema: Record<string, unknown>): ValidateFunction<T> => ajv.compile<T>(schema);

const isJsonContentType = (value: string | undefined): boolean => {
  const type = value?.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type);
};

/** A bad key of a map (propertyNames) is reported on the map with the key beside it: name the key itself. */
const fieldError = (error: ErrorObject): FieldError => {
  const { field, message } = toFieldError(error);
  const key = error.propertyName;
  if (key === undefined) return { field, message };
  return { field: field === 'body' ? key : `${field}.${key}`, message: 'is not a valid name' };
};

const assertWithin = (req: DevApiRequest, maxBytes: number): void => {
  if (req.tooLarge || req.body.length > maxBytes) throw payloadTooLarge(maxBytes);
};

/** The body parsed and checked against `schema`; throws a DevApiProblem (413, 415 or 400) otherwise. */
export const readJsonBody = <T>(req: DevApiRequest, schema: ValidateFunction<T>, maxBytes: number): T => {
  assertWithin(req, maxBytes);
  if (req.body.length === 0) throw badRequest('A JSON body is required', [{ field: 'body', message: 'is required' }]);
  if (!isJsonContentType(headerValue(req.rawHeaders, 'content-type'))) {
    throw new DevApiProblem(415, 'Send the body as JSON (Content-Type: application/json)', [{ field: 'Content-Type', message: 'must be application/json' }]);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(req.body.toString('utf8'));
  } catch (error) {
    throw badRequest('The body is not valid JSON', [{ field: 'body', message: (error as Error).message }]);
  }
  if (!schema(parsed)) {
    // propertyNames adds a summary error of its own after the one that names the key; the first is enough.
    const errors = (schema.errors ?? []).filter((e) => e.keyword !== 'propertyNames');
    throw badRequest('Invalid request body', errors.slice(0, MAX_FIELD_ERRORS).map(fieldError));
  }
  return parsed;
};

/** Actions that take no input (redrive, pause, resume): an empty body, or an empty JSON object. */
export const expectNoBody = (req: DevApiRequest): void => {
  assertWithin(req, 1024);
  const text = req.body.toString('utf8').trim();
  if (text === '' || /^\{\s*\}$/.test(text)) return;
  throw badRequest('This action takes no body', [{ field: 'body', message: 'must be empty' }]);
};

/** A whole-number query parameter from `min`, at most `max` (a larger one is cut), `fallback` when absent. */
export const wholeNumber = (params: URLSearchParams, name: string, range: { min: number; max: number; fallback: number }): number => {
  const raw = params.get(name);
  if (raw === null || raw === '') return range.fallback;
  const n = Number(raw);
  if (Number.isInteger(n) && n >= range.min) return Math.min(n, range.max);
  throw badRequest('Invalid query string', [{ field: name, message: `must be a whole number from ${range.min}, got "${raw}"` }]);
};

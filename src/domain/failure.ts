/**
 * Turns the error that the state machine caught into the `failure` recorded on the order. The ASL's tagging
 * Pass states make the Cause a JSON array `["<failed state>", "<error>", "<original cause>"]`; the original
 * cause of a Lambda error is itself JSON (`{"errorType","errorMessage","trace"}`), of which only the message
 * is worth showing to a person.
 */
import type { Failure } from './order';

export interface CaughtError {
  Error?: string;
  Cause?: unknown;
}

const UNKNOWN_STATE = 'Unknown';

export const failureFromCaught = (caught: CaughtError): Omit<Failure, 'executionUrl'> => {
  const error = caught.Error ?? 'States.Runtime';
  const tagged = parseTaggedCause(caught.Cause);
  if (!tagged) return { state: UNKNOWN_STATE, error, cause: readableCause(caught.Cause) };
  return { state: tagged.state, error: tagged.error || error, cause: readableCause(tagged.cause) };
};

const parseTaggedCause = (cause: unknown): { state: string; error: string; cause: unknown } | undefined => {
  const parsed = typeof cause === 'string' ? tryParseJson(cause) : cause;
  if (!Array.isArray(parsed) || parsed.length !== 3 || typeof parsed[0] !== 'string') return undefined;
  return { state: parsed[0], error: String(parsed[1] ?? ''), cause: parsed[2] };
};

/** The message of a Lambda error payload, or the cause as text. */
export const readableCause = (cause: unknown): string => {
  const parsed = typeof cause === 'string' ? tryParseJson(cause) : cause;
  if (isRecord(parsed) && typeof parsed.errorMessage === 'string') return parsed.errorMessage;
  if (typeof cause === 'string') return cause;
  return cause === undefined || cause === null ? '' : JSON.stringify(cause);
};

const tryParseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

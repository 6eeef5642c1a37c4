/**
 * One conditional write to DynamoDB (a Put or Update with a `ConditionExpression`), answered as data instead of an
 * exception: `written: false` carries the `ConditionalCheckFailedException`, so each adapter says in one line what
 * a refused condition means for it (already exists, already charged, not found) and keeps the SDK error as the
 * `cause`. Every other error passes through unchanged.
 */
import { isConditionFailure } from './aws-errors';

export type ConditionalWrite<T> = { written: true; output: T } | { written: false; refusal: Error };

export const writeConditionally = async <T>(send: () => Promise<T>): Promise<ConditionalWrite<T>> => {
  try {
    return { written: true, output: await send() };
  } catch (error) {
    if (isConditionFailure(error)) return { written: false, refusal: error as Error };
    throw error;
  }
};

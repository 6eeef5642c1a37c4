/** Recognises AWS SDK errors by name, so a second copy of an SDK package in a bundle cannot defeat `instanceof`. */
import type { CancellationReason } from '@aws-sdk/client-dynamodb';

export const hasErrorName = (error: unknown, ...names: readonly string[]): error is Error =>
  error instanceof Error && names.includes(error.name);

export const isConditionFailure = (error: unknown): boolean => hasErrorName(error, 'ConditionalCheckFailedException');

/**
 * The per-item codes of a cancelled DynamoDB transaction, aligned with its `TransactItems`
 * (`'None'` for items that passed), or undefined when `error` is not a cancelled transaction.
 */
export const cancellationCodes = (error: unknown): string[] | undefined => {
  if (!hasErrorName(error, 'TransactionCanceledException')) return undefined;
  const reasons: CancellationReason[] = (error as { CancellationReasons?: CancellationReason[] }).CancellationReasons ?? [];
  return reasons.map((reason) => reason.Code ?? 'None');
};

export const CONDITION_FAILED = 'ConditionalCheckFailed';

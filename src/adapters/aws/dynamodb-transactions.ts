/**
 * Transactions shared by the inventory adapter. DynamoDB cancels a transaction with `TransactionConflict` when
 * another one touches the same item at the same moment (hot products under load); the SDK does not retry that,
 * so we do, a few times with jitter, before letting the error through.
 */
import { TransactWriteCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { cancellationCodes } from './aws-errors';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const CONFLICT_ATTEMPTS = 4;
const BASE_DELAY_MS = 25;

const isConflictOnly = (error: unknown): boolean => {
  const codes = cancellationCodes(error);
  return codes !== undefined && codes.includes('TransactionConflict') && !codes.includes('ConditionalCheckFailed');
};

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const writeTransaction = async (client: DynamoDBDocumentClient, items: TransactItem[]): Promise<void> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await client.send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (error) {
      if (attempt >= CONFLICT_ATTEMPTS || !isConflictOnly(error)) throw error;
      await pause(Math.random() * BASE_DELAY_MS * 2 ** attempt);
    }
  }
};

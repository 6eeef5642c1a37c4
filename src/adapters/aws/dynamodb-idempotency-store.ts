/**
 * IdempotencyStore on DynamoDB (IdempotencyTable: key `idempotencyKey`, TTL attribute `expiresAt`). A claim is
 * a conditional put that also wins over an expired record (`expiresAt` at or before now), because TTL deletion can
 * lag by days.
 */
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { IdempotencyRecord, IdempotencyStore } from '../../domain/ports';
import { writeConditionally } from './dynamodb-conditional-write';

export interface DynamoDbIdempotencyStoreOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  now?: () => Date;
}

interface IdempotencyItem {
  idempotencyKey: string;
  fingerprint: string;
  orderId: string;
  expiresAt: number;
}

export class DynamoDbIdempotencyStore implements IdempotencyStore {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly now: () => Date;

  constructor({ client, tableName, now = () => new Date() }: DynamoDbIdempotencyStoreOptions) {
    this.client = client;
    this.tableName = tableName;
    this.now = now;
  }

  async claim(record: IdempotencyRecord): Promise<IdempotencyRecord | undefined> {
    return this.tryClaim(record, 1);
  }

  private async tryClaim(record: IdempotencyRecord, retries: number): Promise<IdempotencyRecord | undefined> {
    const item: IdempotencyItem = {
      idempotencyKey: record.key,
      fingerprint: record.fingerprint,
      orderId: record.orderId,
      expiresAt: record.expiresAt,
    };
    const { written } = await writeConditionally(() =>
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: 'attribute_not_exists(#key) OR #expiresAt <= :now',
          ExpressionAttributeNames: { '#key': 'idempotencyKey', '#expiresAt': 'expiresAt' },
          ExpressionAttributeValues: { ':now': Math.floor(this.now().getTime() / 1000) },
        }),
      ),
    );
    if (written) return undefined;
    const existing = await this.read(record.key);
    if (existing || retries === 0) return existing;
    // TTL deleted the expired record between the put and the read: the key is free again, so claim it.
    return this.tryClaim(record, retries - 1);
  }

  private async read(key: string): Promise<IdempotencyRecord | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { idempotencyKey: key }, ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const { idempotencyKey, fingerprint, orderId, expiresAt } = Item as IdempotencyItem;
    return { key: idempotencyKey, fingerprint, orderId, expiresAt: Number(expiresAt) };
  }
}

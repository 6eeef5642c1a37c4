import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { DynamoDbIdempotencyStore } from '../../../src/adapters/aws/dynamodb-idempotency-store';
import { conditionFailed, documentClient, now, NOW } from './aws-fakes';

const ddb = mockClient(DynamoDBDocumentClient);
const store = new DynamoDbIdempotencyStore({ client: documentClient(), tableName: 'Idempotency', now });

const record = { key: 'key-1', fingerprint: 'sha-a', orderId: 'order-1', expiresAt: 1_750_000_000 };
const item = { idempotencyKey: 'key-1', fingerprint: 'sha-a', orderId: 'order-1', expiresAt: 1_750_000_000 };

beforeEach(() => ddb.reset());

describe('DynamoDbIdempotencyStore.claim', () => {
  it('claims a free or expired key with one conditional put', async () => {
    ddb.on(PutCommand).resolves({});

    expect(await store.claim(record)).toBeUndefined();
    expect(ddb).toHaveReceivedCommandWith(PutCommand, {
      TableName: 'Idempotency',
      Item: item,
      ConditionExpression: 'attribute_not_exists(#key) OR #expiresAt <= :now',
      ExpressionAttributeNames: { '#key': 'idempotencyKey', '#expiresAt': 'expiresAt' },
      ExpressionAttributeValues: { ':now': Math.floor(NOW.getTime() / 1000) },
    });
  });

  it('returns the earlier record when the key is taken', async () => {
    ddb.on(PutCommand).rejects(conditionFailed());
    ddb.on(GetCommand).resolves({ Item: { ...item, fingerprint: 'sha-b' } });

    expect(await store.claim(record)).toEqual({ ...record, fingerprint: 'sha-b' });
    expect(ddb).toHaveReceivedCommandWith(GetCommand, { Key: { idempotencyKey: 'key-1' }, ConsistentRead: true });
  });

  it('claims again once when TTL deleted the record between the put and the read', async () => {
    ddb.on(PutCommand).rejectsOnce(conditionFailed()).resolves({});
    ddb.on(GetCommand).resolves({});

    expect(await store.claim(record)).toBeUndefined();
    expect(ddb).toHaveReceivedCommandTimes(PutCommand, 2);
  });

  it('lets other errors through', async () => {
    const failure = Object.assign(new Error('no table'), { name: 'ResourceNotFoundException' });
    ddb.on(PutCommand).rejects(failure);

    await expect(store.claim(record)).rejects.toBe(failure);
  });
});

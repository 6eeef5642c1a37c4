import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { DynamoDbOrderRepository } from '../../../src/adapters/aws/dynamodb-order-repository';
import { decodeCursor, encodeCursor } from '../../../src/adapters/aws/order-list-cursor';
import { InvalidTransitionError, OrderError, OrderNotFoundError, InvalidCursorError } from '../../../src/domain/errors';
import { ORDER_STATUSES } from '../../../src/domain/order';
import { anOrder, conditionFailed, documentClient, now, NOW } from './aws-fakes';

const ddb = mockClient(DynamoDBDocumentClient);
const repository = new DynamoDbOrderRepository({ client: documentClient(), tableName: 'Orders', now });

beforeEach(() => ddb.reset());

describe('DynamoDbOrderRepository.create', () => {
  it('puts the order only if no order has its id', async () => {
    // Prepare
    ddb.on(PutCommand).resolves({});
    // Act
    await repository.create(anOrder());
    // Assert
    expect(ddb).toHaveReceivedCommandWith(PutCommand, {
      TableName: 'Orders',
      Item: anOrder(),
      ConditionExpression: 'attribute_not_exists(#orderId)',
      ExpressionAttributeNames: { '#orderId': 'orderId' },
    });
  });

  it('refuses to overwrite an existing order', async () => {
    ddb.on(PutCommand).rejects(conditionFailed());

    const attempt = repository.create(anOrder());

    await expect(attempt).rejects.toThrow(OrderError);
    await expect(attempt).rejects.toThrow('Order order-1 already exists');
  });
});

describe('DynamoDbOrderRepository.get', () => {
  it('reads the order consistently, or undefined when absent', async () => {
    ddb.on(GetCommand, { Key: { orderId: 'order-1' } }).resolves({ Item: anOrder() });
    ddb.on(GetCommand, { Key: { orderId: 'missing' } }).resolves({});

    expect(await repository.get('order-1')).toEqual(anOrder());
    expect(await repository.get('missing')).toBeUndefined();
    expect(ddb).toHaveReceivedCommandWith(GetCommand, { TableName: 'Orders', Key: { orderId: 'order-1' }, ConsistentRead: true });
  });
});

describe('DynamoDbOrderRepository.list with a status', () => {
  const orders = ['c', 'b', 'a'].map((orderId, index) =>
    anOrder({ orderId, status: 'COMPLETED', createdAt: `2025-06-0${3 - index}T00:00:00.000Z` }),
  );

  it('queries the byStatus index newest first, one extra item telling whether more exist', async () => {
    ddb.on(QueryCommand).resolves({ Items: orders });

    const page = await repository.list({ status: 'COMPLETED', limit: 2 });

    expect(ddb).toHaveReceivedCommandWith(QueryCommand, {
      TableName: 'Orders',
      IndexName: 'byStatus',
      KeyConditionExpression: '#status = :status',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':status': 'COMPLETED' },
      ScanIndexForward: false,
      Limit: 3,
    });
    expect(page.items.map((order) => order.orderId)).toEqual(['c', 'b']);
    expect(decodeCursor(page.nextCursor ?? '')).toEqual({ orderId: 'b', status: 'COMPLETED', createdAt: '2025-06-02T00:00:00.000Z' });
  });

  it('resumes after the cursor (the index key of the last order) and ends without a cursor', async () => {
    const cursor = encodeCursor({ orderId: 'b', status: 'COMPLETED', createdAt: '2025-06-02T00:00:00.000Z' });
    ddb.on(QueryCommand).resolves({ Items: orders.slice(2) });

    const page = await repository.list({ status: 'COMPLETED', limit: 2, cursor });

    expect(ddb).toHaveReceivedCommandWith(QueryCommand, {
      ExclusiveStartKey: { orderId: 'b', status: 'COMPLETED', createdAt: '2025-06-02T00:00:00.000Z' },
    });
    expect(page).toEqual({ items: [orders[2]] });
  });

  it('follows DynamoDB pages until it has enough orders', async () => {
    ddb
      .on(QueryCommand)
      .resolvesOnce({ Items: orders.slice(0, 1), LastEvaluatedKey: { orderId: 'c' } })
      .resolvesOnce({ Items: orders.slice(1) });

    const page = await repository.list({ status: 'COMPLETED', limit: 5 });

    expect(ddb).toHaveReceivedCommandTimes(QueryCommand, 2);
    expect(ddb).toHaveReceivedNthSpecificCommandWith(2, QueryCommand, { Limit: 5, ExclusiveStartKey: { orderId: 'c' } });
    expect(page.items).toHaveLength(3);
    expect(page.nextCursor).toBeUndefined();
  });
});

describe('DynamoDbOrderRepository.list across statuses', () => {
  it('queries every status and merges newest first, ties broken by order id', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':status': 'NEW' } }).resolves({
      Items: [anOrder({ orderId: 'n1', createdAt: '2025-06-03T00:00:00.000Z' })],
    });
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':status': 'FAILED' } }).resolves({
      Items: [
        anOrder({ orderId: 'f1', status: 'FAILED', createdAt: '2025-06-02T00:00:00.000Z' }),
        anOrder({ orderId: 'f2', status: 'FAILED', createdAt: '2025-06-02T00:00:00.000Z' }),
      ],
    });

    const page = await repository.list({ limit: 2 });

    expect(ddb).toHaveReceivedCommandTimes(QueryCommand, ORDER_STATUSES.length);
    expect(page.items.map((order) => order.orderId)).toEqual(['n1', 'f2']);
    expect(decodeCursor(page.nextCursor ?? '')).toEqual({ orderId: 'f2', createdAt: '2025-06-02T00:00:00.000Z' });
  });

  it('reads from the cursor timestamp on and drops the ties already returned', async () => {
    const cursor = encodeCursor({ orderId: 'f2', createdAt: '2025-06-02T00:00:00.000Z' });
    ddb.on(QueryCommand).resolves({ Items: [] });
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':status': 'FAILED', ':notAfter': '2025-06-02T00:00:00.000Z' } }).resolves({
      Items: [
        anOrder({ orderId: 'f2', status: 'FAILED', createdAt: '2025-06-02T00:00:00.000Z' }),
        anOrder({ orderId: 'f1', status: 'FAILED', createdAt: '2025-06-02T00:00:00.000Z' }),
      ],
    });

    const page = await repository.list({ limit: 2, cursor });

    expect(ddb).toHaveReceivedCommandWith(QueryCommand, {
      KeyConditionExpression: '#status = :status AND #createdAt <= :notAfter',
      ExpressionAttributeNames: { '#status': 'status', '#createdAt': 'createdAt' },
    });
    expect(page).toEqual({ items: [expect.objectContaining({ orderId: 'f1' })] });
  });

  it('rejects a cursor it did not issue', async () => {
    await expect(repository.list({ limit: 2, cursor: encodeCursor({ orderId: 'x' } as never) })).rejects.toThrow(InvalidCursorError);
    await expect(repository.list({ limit: 2, cursor: '%%%' })).rejects.toThrow(InvalidCursorError);
    expect(ddb).not.toHaveReceivedAnyCommand();
  });
});

describe('DynamoDbOrderRepository.changeStatus', () => {
  it('updates status and the given fields only from an allowed status, returning the new order', async () => {
    const failure = { state: 'ReserveInventory', error: 'OutOfStockError', cause: 'gone' };
    const updated = anOrder({ status: 'FAILED', failure, updatedAt: NOW.toISOString() });
    ddb.on(UpdateCommand).resolves({ Attributes: updated });

    const order = await repository.changeStatus('order-1', { status: 'FAILED', from: ['VALIDATED', 'PROCESSING'], failure });

    expect(order).toEqual(updated);
    expect(ddb).toHaveReceivedCommandWith(UpdateCommand, {
      TableName: 'Orders',
      Key: { orderId: 'order-1' },
      UpdateExpression: 'SET #status = :status, #updatedAt = :updatedAt, #failure = :failure',
      ConditionExpression: '#status IN (:from0, :from1)',
      ExpressionAttributeNames: { '#status': 'status', '#updatedAt': 'updatedAt', '#failure': 'failure' },
      ExpressionAttributeValues: {
        ':status': 'FAILED',
        ':updatedAt': NOW.toISOString(),
        ':failure': failure,
        ':from0': 'VALIDATED',
        ':from1': 'PROCESSING',
      },
      ReturnValues: 'ALL_NEW',
    });
  });

  it('returns the order unchanged when a retry finds it already in the target status', async () => {
    ddb.on(UpdateCommand).rejects(conditionFailed());
    ddb.on(GetCommand).resolves({ Item: anOrder({ status: 'VALIDATED' }) });

    const order = await repository.changeStatus('order-1', { status: 'VALIDATED', from: ['NEW'] });

    expect(order).toEqual(anOrder({ status: 'VALIDATED' }));
  });

  it('throws InvalidTransitionError when the order is in another status', async () => {
    ddb.on(UpdateCommand).rejects(conditionFailed());
    ddb.on(GetCommand).resolves({ Item: anOrder({ status: 'COMPLETED' }) });

    const attempt = repository.changeStatus('order-1', { status: 'PROCESSING', from: ['VALIDATED'] });

    await expect(attempt).rejects.toThrow(InvalidTransitionError);
    await expect(attempt).rejects.toThrow('Order order-1 is COMPLETED; PROCESSING needs one of VALIDATED');
  });

  it('throws OrderNotFoundError when there is no such order', async () => {
    ddb.on(UpdateCommand).rejects(conditionFailed());
    ddb.on(GetCommand).resolves({});

    await expect(repository.changeStatus('order-1', { status: 'VALIDATED', from: ['NEW'] })).rejects.toThrow(OrderNotFoundError);
  });

  it('lets other errors through untouched', async () => {
    const throttled = Object.assign(new Error('slow down'), { name: 'ProvisionedThroughputExceededException' });
    ddb.on(UpdateCommand).rejects(throttled);

    await expect(repository.changeStatus('order-1', { status: 'VALIDATED', from: ['NEW'] })).rejects.toBe(throttled);
    expect(ddb).not.toHaveReceivedCommand(GetCommand);
  });
});

describe('DynamoDbOrderRepository.setExecutionArn', () => {
  it('sets the ARN on an existing order only', async () => {
    ddb.on(UpdateCommand).resolves({});

    await repository.setExecutionArn('order-1', 'arn:exec');

    expect(ddb).toHaveReceivedCommandWith(UpdateCommand, {
      Key: { orderId: 'order-1' },
      UpdateExpression: 'SET #executionArn = :executionArn',
      ConditionExpression: 'attribute_exists(#orderId)',
      ExpressionAttributeValues: { ':executionArn': 'arn:exec' },
    });
  });

  it('throws OrderNotFoundError for an unknown order', async () => {
    ddb.on(UpdateCommand).rejects(conditionFailed());

    await expect(repository.setExecutionArn('missing', 'arn:exec')).rejects.toThrow(OrderNotFoundError);
  });
});

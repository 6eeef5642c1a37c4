import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { DynamoDbInventoryRepository } from '../../../src/adapters/aws/dynamodb-inventory-repository';
import { InvalidTransitionError, OrderError, OrderNotFoundError, OutOfStockError } from '../../../src/domain/errors';
import type { Fulfilment, OrderStatus, Reservation } from '../../../src/domain/order';
import { documentClient, now, NOW, transactionCanceled } from './aws-fakes';

const ddb = mockClient(DynamoDBDocumentClient);
const inventory = new DynamoDbInventoryRepository({
  client: documentClient(),
  inventoryTableName: 'Inventory',
  ordersTableName: 'Orders',
  now,
});

const AT = NOW.toISOString();
const reservation = (status: Reservation['status'] = 'RESERVED'): Reservation => ({
  status,
  lines: [
    { productId: 'widget', quantity: 2 },
    { productId: 'gadget', quantity: 1 },
  ],
  reservedAt: '2025-06-01T11:00:00.000Z',
  updatedAt: '2025-06-01T11:00:00.000Z',
});
const withReservation = (value?: Reservation): void => {
  ddb.on(GetCommand, { TableName: 'Orders' }).resolves({ Item: { orderId: 'order-1', ...(value && { reservation: value }) } });
};
const transactItems = (): unknown[] => ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];

beforeEach(() => ddb.reset());

describe('DynamoDbInventoryRepository.getProducts', () => {
  it('reads distinct ids in one consistent batch and retries unprocessed keys', async () => {
    const widget = { productId: 'widget', name: 'Widget', unitPrice: 5, available: 3, reserved: 1, sold: 0 };
    const gadget = { ...widget, productId: 'gadget', name: 'Gadget' };
    ddb
      .on(BatchGetCommand)
      .resolvesOnce({ Responses: { Inventory: [widget] }, UnprocessedKeys: { Inventory: { Keys: [{ productId: 'gadget' }] } } })
      .resolvesOnce({ Responses: { Inventory: [gadget] } });

    const products = await inventory.getProducts(['widget', 'gadget', 'widget', 'unknown']);

    expect(ddb).toHaveReceivedNthSpecificCommandWith(1, BatchGetCommand, {
      RequestItems: { Inventory: { Keys: [{ productId: 'widget' }, { productId: 'gadget' }, { productId: 'unknown' }], ConsistentRead: true } },
    });
    expect(ddb).toHaveReceivedNthSpecificCommandWith(2, BatchGetCommand, {
      RequestItems: { Inventory: { Keys: [{ productId: 'gadget' }], ConsistentRead: true } },
    });
    expect(Object.fromEntries(products)).toEqual({ widget, gadget });
  });

  it('asks nothing for no ids', async () => {
    expect((await inventory.getProducts([])).size).toBe(0);
    expect(ddb).not.toHaveReceivedAnyCommand();
  });
});

describe('DynamoDbInventoryRepository.reserve', () => {
  it('holds the order and takes every line in one transaction with stock conditions', async () => {
    ddb.on(TransactWriteCommand).resolves({});

    const result = await inventory.reserve('order-1', [
      { productId: 'widget', quantity: 1 },
      { productId: 'gadget', quantity: 1 },
      { productId: 'widget', quantity: 1 },
    ]);

    const expected: Reservation = { ...reservation(), reservedAt: AT, updatedAt: AT };
    expect(result).toEqual(expected);
    expect(transactItems()).toEqual([
      {
        Update: {
          TableName: 'Orders',
          Key: { orderId: 'order-1' },
          UpdateExpression: 'SET #reservation = :reservation',
          ConditionExpression: 'attribute_exists(#orderId) AND attribute_not_exists(#reservation)',
          ExpressionAttributeNames: { '#orderId': 'orderId', '#reservation': 'reservation' },
          ExpressionAttributeValues: { ':reservation': expected },
        },
      },
      ...[
        ['widget', 2],
        ['gadget', 1],
      ].map(([productId, quantity]) => ({
        Update: {
          TableName: 'Inventory',
          Key: { productId },
          UpdateExpression: 'SET #available = #available - :quantity, #reserved = #reserved + :quantity',
          ConditionExpression: '#available >= :quantity',
          ExpressionAttributeNames: { '#available': 'available', '#reserved': 'reserved' },
          ExpressionAttributeValues: { ':quantity': quantity },
        },
      })),
    ]);
  });

  it('returns the existing reservation when the order already holds one', async () => {
    ddb.on(TransactWriteCommand).rejects(transactionCanceled('ConditionalCheckFailed', 'None', 'None'));
    withReservation(reservation());

    expect(await inventory.reserve('order-1', reservation().lines)).toEqual(reservation());
  });

  it('throws OrderNotFoundError when the order does not exist', async () => {
    ddb.on(TransactWriteCommand).rejects(transactionCanceled('ConditionalCheckFailed', 'None', 'None'));
    ddb.on(GetCommand).resolves({});

    await expect(inventory.reserve('order-1', reservation().lines)).rejects.toThrow(OrderNotFoundError);
  });

  it('names the first short product, with its current stock', async () => {
    ddb.on(TransactWriteCommand).rejects(transactionCanceled('None', 'None', 'ConditionalCheckFailed'));
    ddb.on(GetCommand, { TableName: 'Inventory', Key: { productId: 'gadget' } }).resolves({ Item: { available: 0 } });

    const attempt = inventory.reserve('order-1', reservation().lines);

    await expect(attempt).rejects.toThrow(OutOfStockError);
    await expect(attempt).rejects.toMatchObject({ productId: 'gadget', requested: 1, available: 0 });
    expect(ddb).toHaveReceivedCommandWith(GetCommand, { ConsistentRead: true, ProjectionExpression: '#available' });
  });

  it('retries a transaction that only conflicted with another one', async () => {
    ddb
      .on(TransactWriteCommand)
      .rejectsOnce(transactionCanceled('None', 'TransactionConflict', 'None'))
      .resolves({});

    await inventory.reserve('order-1', reservation().lines);

    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 2);
  });

  it('gives up on conflicts after a few attempts and lets the error through', async () => {
    const conflict = transactionCanceled('None', 'TransactionConflict', 'None');
    ddb.on(TransactWriteCommand).rejects(conflict);

    await expect(inventory.reserve('order-1', reservation().lines)).rejects.toBe(conflict);
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 4);
  });
});

describe('DynamoDbInventoryRepository.release', () => {
  it('returns the stock and marks the reservation RELEASED, only if still RESERVED', async () => {
    withReservation(reservation());
    ddb.on(TransactWriteCommand).resolves({});

    const released = await inventory.release('order-1');

    expect(released).toEqual({ ...reservation(), status: 'RELEASED', updatedAt: AT });
    expect(transactItems()).toEqual([
      {
        Update: {
          TableName: 'Orders',
          Key: { orderId: 'order-1' },
          UpdateExpression: 'SET #reservation.#status = :to, #reservation.#updatedAt = :updatedAt',
          ConditionExpression: '#reservation.#status = :from',
          ExpressionAttributeNames: { '#reservation': 'reservation', '#status': 'status', '#updatedAt': 'updatedAt' },
          ExpressionAttributeValues: { ':to': 'RELEASED', ':from': 'RESERVED', ':updatedAt': AT },
        },
      },
      expect.objectContaining({
        Update: expect.objectContaining({
          Key: { productId: 'widget' },
          UpdateExpression: 'SET #available = #available + :quantity, #reserved = #reserved - :quantity',
          ExpressionAttributeValues: { ':quantity': 2 },
        }),
      }),
      expect.objectContaining({ Update: expect.objectContaining({ Key: { productId: 'gadget' } }) }),
    ]);
  });

  it.each([
    ['no reservation', undefined],
    ['a released reservation', reservation('RELEASED')],
    ['a sold reservation', reservation('SOLD')],
  ])('does nothing for %s', async (_, existing) => {
    withReservation(existing);

    expect(await inventory.release('order-1')).toBeUndefined();
    expect(ddb).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('does nothing when a concurrent call settled the reservation first', async () => {
    withReservation(reservation());
    ddb.on(TransactWriteCommand).rejects(transactionCanceled('ConditionalCheckFailed', 'None', 'None'));

    expect(await inventory.release('order-1')).toBeUndefined();
  });
});

describe('DynamoDbInventoryRepository.commit', () => {
  const FULFILMENT: Fulfilment = { carrier: 'UPS', trackingNumber: 'UPORDER1', estimatedDelivery: '2025-06-05' };
  const stored = (value: Reservation | undefined, status: OrderStatus = 'PROCESSING') => ({
    Item: { orderId: 'order-1', status, ...(value && { reservation: value }) },
  });

  it('sells the reserved stock and completes the PROCESSING order in one transaction', async () => {
    ddb.on(GetCommand).resolves(stored(reservation()));
    ddb.on(TransactWriteCommand).resolves({});

    const sold = await inventory.commit('order-1', FULFILMENT);

    expect(sold).toEqual({ ...reservation(), status: 'SOLD', updatedAt: AT });
    expect(ddb).toHaveReceivedCommandWith(GetCommand, { TableName: 'Orders', ConsistentRead: true, ProjectionExpression: '#orderId, #status, #reservation' });
    expect(transactItems()).toEqual([
      {
        Update: {
          TableName: 'Orders',
          Key: { orderId: 'order-1' },
          UpdateExpression:
            'SET #reservation.#status = :to, #reservation.#updatedAt = :updatedAt, #status = :completed, #fulfilment = :fulfilment, #updatedAt = :updatedAt',
          ConditionExpression: '#reservation.#status = :from AND #status = :processing',
          ExpressionAttributeNames: { '#reservation': 'reservation', '#status': 'status', '#updatedAt': 'updatedAt', '#fulfilment': 'fulfilment' },
          ExpressionAttributeValues: {
            ':to': 'SOLD',
            ':from': 'RESERVED',
            ':updatedAt': AT,
            ':completed': 'COMPLETED',
            ':processing': 'PROCESSING',
            ':fulfilment': FULFILMENT,
          },
        },
      },
      {
        Update: {
          TableName: 'Inventory',
          Key: { productId: 'widget' },
          UpdateExpression: 'SET #reserved = #reserved - :quantity, #sold = #sold + :quantity',
          ExpressionAttributeNames: { '#reserved': 'reserved', '#sold': 'sold' },
          ExpressionAttributeValues: { ':quantity': 2 },
        },
      },
      {
        Update: {
          TableName: 'Inventory',
          Key: { productId: 'gadget' },
          UpdateExpression: 'SET #reserved = #reserved - :quantity, #sold = #sold + :quantity',
          ExpressionAttributeNames: { '#reserved': 'reserved', '#sold': 'sold' },
          ExpressionAttributeValues: { ':quantity': 1 },
        },
      },
    ]);
  });

  it('returns a sold reservation as it is (a retry), writing nothing', async () => {
    ddb.on(GetCommand).resolves(stored(reservation('SOLD'), 'COMPLETED'));

    expect(await inventory.commit('order-1', FULFILMENT)).toEqual(reservation('SOLD'));
    expect(ddb).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('answers from the stored outcome after losing a race to a concurrent commit', async () => {
    ddb.on(GetCommand).resolvesOnce(stored(reservation())).resolves(stored(reservation('SOLD'), 'COMPLETED'));
    ddb.on(TransactWriteCommand).rejects(transactionCanceled('ConditionalCheckFailed', 'None', 'None'));

    expect(await inventory.commit('order-1', FULFILMENT)).toEqual(reservation('SOLD'));
    expect(ddb).toHaveReceivedCommandTimes(GetCommand, 2);
  });

  it.each([
    ['a release', stored(reservation('RELEASED'), 'PROCESSING')],
    ['a failure recorded on the order', stored(reservation(), 'FAILED')],
  ])('refuses, after one re-read, when it lost the race to %s', async (_, after) => {
    ddb.on(GetCommand).resolvesOnce(stored(reservation())).resolves(after);
    ddb.on(TransactWriteCommand).rejects(transactionCanceled('ConditionalCheckFailed', 'None', 'None'));

    await expect(inventory.commit('order-1', FULFILMENT)).rejects.toThrow(InvalidTransitionError);
    expect(ddb).toHaveReceivedCommandTimes(GetCommand, 2);
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
  });

  it('gives up after one re-read when the refused write still looks possible, instead of looping', async () => {
    ddb.on(GetCommand).resolves(stored(reservation()));
    ddb.on(TransactWriteCommand).rejects(transactionCanceled('ConditionalCheckFailed', 'None', 'None'));

    await expect(inventory.commit('order-1', FULFILMENT)).rejects.toThrow(OrderError);
    expect(ddb).toHaveReceivedCommandTimes(GetCommand, 2);
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
  });

  it.each([
    ['no reservation', stored(undefined)],
    ['a released reservation', stored(reservation('RELEASED'))],
    ['a reserved order that already FAILED', stored(reservation(), 'FAILED')],
    ['a reserved order that is not PROCESSING yet', stored(reservation(), 'VALIDATED')],
  ])('refuses %s, writing nothing', async (_, item) => {
    ddb.on(GetCommand).resolves(item);

    await expect(inventory.commit('order-1', FULFILMENT)).rejects.toThrow(InvalidTransitionError);
    expect(ddb).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('lets other failures through', async () => {
    ddb.on(GetCommand).resolves(stored(reservation()));
    ddb.on(TransactWriteCommand).rejects(new Error('InternalServerError'));

    await expect(inventory.commit('order-1', FULFILMENT)).rejects.toThrow('InternalServerError');
    expect(ddb).toHaveReceivedCommandTimes(GetCommand, 1);
  });

  it('throws OrderNotFoundError for an unknown order', async () => {
    ddb.on(GetCommand).resolves({});

    await expect(inventory.commit('missing', FULFILMENT)).rejects.toThrow(OrderNotFoundError);
  });
});

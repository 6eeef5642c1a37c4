/**
 * The cold-start stand-in, through the real AWS adapters: each SDK command the functions issue gets an answer of
 * the shape the adapter parses, so the benchmark's first invocation follows the success path.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { makeDocumentClient, makeSfnClient, makeSnsClient } from '../../../src/adapters/aws/clients';
import { DynamoDbIdempotencyStore } from '../../../src/adapters/aws/dynamodb-idempotency-store';
import { DynamoDbInventoryRepository } from '../../../src/adapters/aws/dynamodb-inventory-repository';
import { DynamoDbOrderRepository } from '../../../src/adapters/aws/dynamodb-order-repository';
import { DynamoDbPaymentLedger } from '../../../src/adapters/aws/dynamodb-payment-ledger';
import { SfnTaskCallbacks } from '../../../src/adapters/aws/sfn-task-callbacks';
import { SfnWorkflowStarter } from '../../../src/adapters/aws/sfn-workflow-starter';
import { SnsNotifier } from '../../../src/adapters/aws/sns-notifier';
import type { Order } from '../../../src/domain/order';
import { startAwsStub, type AwsStub } from '../../../bench/lib/aws-stub';
import { sampleWorld, type SampleWorld } from '../../../bench/lib/stand-in-answers';

const ROOT = path.resolve(__dirname, '../../..');
const createOrderBody = JSON.parse((JSON.parse(readFileSync(path.join(ROOT, 'events', 'create-order.json'), 'utf8')) as { body: string }).body) as Record<string, unknown>;
const ORDER_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
// The table names the benchmark's environment gives the functions (template logical ids).
const ORDERS = 'OrdersTable';
const INVENTORY = 'InventoryTable';

let world: SampleWorld;
let success: AwsStub;
let failure: AwsStub;
const options = (stub: AwsStub) => ({ endpoint: stub.url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret' } });

beforeAll(async () => {
  world = sampleWorld(createOrderBody);
  success = await startAwsStub('success', world);
  failure = await startAwsStub('error', world);
});

afterAll(async () => {
  await success.close();
  await failure.close();
});

describe('success stand-in, DynamoDB', () => {
  const client = () => makeDocumentClient(options(success));

  it('answers GetItem with the sample order under the requested id, and UpdateItem ALL_NEW with the update applied', async () => {
    // Arrange
    const orders = new DynamoDbOrderRepository({ client: client(), tableName: ORDERS, now: () => new Date('2026-02-02T00:00:00.000Z') });

    // Act
    const order = await orders.get(ORDER_ID);
    const changed = await orders.changeStatus(ORDER_ID, { status: 'COMPLETED', from: ['PROCESSING'] });

    // Assert
    expect(order).toMatchObject({ orderId: ORDER_ID, customerId: 'cust-1001', amount: 49.97, status: 'PROCESSING' });
    expect(changed).toMatchObject({ orderId: ORDER_ID, status: 'COMPLETED', updatedAt: '2026-02-02T00:00:00.000Z', amount: 49.97 });
  });

  it('answers Query with a page of orders and PutItem with nothing to read', async () => {
    // Arrange
    const orders = new DynamoDbOrderRepository({ client: client(), tableName: ORDERS });

    // Act
    const page = await orders.list({ status: 'PROCESSING', limit: 10 });
    await orders.create({ ...(world.order as unknown as Order), orderId: 'new-order' });

    // Assert
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ status: 'PROCESSING' });
  });

  it('answers BatchGetItem with the catalogue entry of every product asked for, and the transactions of a reservation', async () => {
    // Arrange
    const inventory = new DynamoDbInventoryRepository({ client: client(), inventoryTableName: INVENTORY, ordersTableName: ORDERS });

    // Act
    const products = await inventory.getProducts(['widget-blue', 'cable-usb-c']);
    const reservation = await inventory.reserve(ORDER_ID, [{ productId: 'widget-blue', quantity: 2 }]);
    const released = await inventory.release(ORDER_ID);

    // Assert
    expect(products.get('widget-blue')).toMatchObject({ productId: 'widget-blue', unitPrice: 19.99 });
    expect(products.get('cable-usb-c')).toMatchObject({ productId: 'cable-usb-c', unitPrice: 9.99 });
    expect(reservation.status).toBe('RESERVED');
    expect(released?.status).toBe('RELEASED');
  });

  it('answers the payment ledger: a first charge, the stored token, a refund of the stored charge', async () => {
    // Arrange
    const ledger = new DynamoDbPaymentLedger({ client: client(), tableName: ORDERS });

    // Act
    const charged = await ledger.charge({ orderId: ORDER_ID, amount: 49.97, currency: 'USD' });
    const token = await ledger.paymentToken(ORDER_ID);
    const refund = await ledger.refund(ORDER_ID, 'test');

    // Assert
    expect(charged.alreadyCharged).toBe(false);
    expect(token).toBe('tok_visa');
    expect(refund).toMatchObject({ refunded: true, charge: { amount: 49.97, status: 'REFUNDED' } });
  });

  it('treats every idempotency key as new (the first request)', async () => {
    // Arrange
    const store = new DynamoDbIdempotencyStore({ client: client(), tableName: 'IdempotencyTable' });

    // Act / Assert
    expect(await store.claim({ key: 'k', fingerprint: 'f', orderId: ORDER_ID, expiresAt: 1_900_000_000 })).toBeUndefined();
  });
});

describe('success stand-in, Step Functions and SNS', () => {
  it('answers StartExecution with an execution ARN, the task callbacks with nothing, Publish with a message id', async () => {
    // Arrange
    const starter = new SfnWorkflowStarter({ client: makeSfnClient(options(success)), stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:OrderStateMachine' });
    const callbacks = new SfnTaskCallbacks({ client: makeSfnClient(options(success)) });
    const notifier = new SnsNotifier({ client: makeSnsClient(options(success)), topicArn: 'arn:aws:sns:us-east-1:123456789012:Topic' });

    // Act
    const started = await starter.start(ORDER_ID, { orderId: ORDER_ID });
    await callbacks.succeed('token', { ok: true });
    const published = await notifier.publish({ eventType: 'OrderCompleted', orderStatus: 'COMPLETED', subject: 'Order completed', message: { orderId: ORDER_ID } });

    // Assert
    expect(started).toMatchObject({ executionArn: `arn:aws:states:us-east-1:123456789012:execution:OrderStateMachine:${ORDER_ID}` });
    expect(published.messageId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('error stand-in', () => {
  it('fails every call at once with a client error in the caller protocol', async () => {
    // Arrange
    const orders = new DynamoDbOrderRepository({ client: makeDocumentClient({ ...options(failure) }), tableName: ORDERS });
    const notifier = new SnsNotifier({ client: makeSnsClient(options(failure)), topicArn: 'arn:aws:sns:us-east-1:123456789012:Topic' });

    // Act / Assert
    await expect(orders.get(ORDER_ID)).rejects.toMatchObject({ name: 'BenchStubException' });
    await expect(notifier.publish({ eventType: 'OrderCompleted', orderStatus: 'COMPLETED', subject: 's', message: {} })).rejects.toMatchObject({ name: 'BenchStubException' });
  });
});

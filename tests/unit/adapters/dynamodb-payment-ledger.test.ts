import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { DynamoDbPaymentLedger } from '../../../src/adapters/aws/dynamodb-payment-ledger';
import { OrderNotFoundError } from '../../../src/domain/errors';
import type { Charge } from '../../../src/domain/order';
import { conditionFailed, documentClient, now, NOW } from './aws-fakes';

const ddb = mockClient(DynamoDBDocumentClient);
const ledger = new DynamoDbPaymentLedger({ client: documentClient(), tableName: 'Orders', now, newPaymentId: () => 'pay-new' });

const charge: Charge = { paymentId: 'pay-1', amount: 20, currency: 'EUR', status: 'CHARGED', chargedAt: '2025-06-01T11:00:00.000Z' };

beforeEach(() => ddb.reset());

describe('DynamoDbPaymentLedger.charge', () => {
  it('writes the charge only if the order exists and has none', async () => {
    ddb.on(UpdateCommand).resolves({});

    const result = await ledger.charge({ orderId: 'order-1', amount: 20, currency: 'EUR' });

    const expected: Charge = { paymentId: 'pay-new', amount: 20, currency: 'EUR', status: 'CHARGED', chargedAt: NOW.toISOString() };
    expect(result).toEqual({ charge: expected, alreadyCharged: false });
    expect(ddb).toHaveReceivedCommandWith(UpdateCommand, {
      TableName: 'Orders',
      Key: { orderId: 'order-1' },
      UpdateExpression: 'SET #charge = :charge',
      ConditionExpression: 'attribute_exists(#orderId) AND attribute_not_exists(#charge)',
      ExpressionAttributeNames: { '#orderId': 'orderId', '#charge': 'charge' },
      ExpressionAttributeValues: { ':charge': expected },
    });
  });

  it('returns the first charge on a repeat', async () => {
    ddb.on(UpdateCommand).rejects(conditionFailed());
    ddb.on(GetCommand).resolves({ Item: { charge } });

    expect(await ledger.charge({ orderId: 'order-1', amount: 20, currency: 'EUR' })).toEqual({ charge, alreadyCharged: true });
    expect(ddb).toHaveReceivedCommandWith(GetCommand, { ProjectionExpression: '#orderId, #charge', ConsistentRead: true });
  });

  it('throws OrderNotFoundError for an unknown order', async () => {
    ddb.on(UpdateCommand).rejects(conditionFailed());
    ddb.on(GetCommand).resolves({});

    await expect(ledger.charge({ orderId: 'missing', amount: 20, currency: 'EUR' })).rejects.toThrow(OrderNotFoundError);
  });
});

describe('DynamoDbPaymentLedger.refund', () => {
  it('flips CHARGED to REFUNDED with the reason', async () => {
    const refunded: Charge = { ...charge, status: 'REFUNDED', refundedAt: NOW.toISOString(), refundReason: 'late callback' };
    ddb.on(UpdateCommand).resolves({ Attributes: { orderId: 'order-1', charge: refunded } });

    expect(await ledger.refund('order-1', 'late callback')).toEqual({ refunded: true, charge: refunded });
    expect(ddb).toHaveReceivedCommandWith(UpdateCommand, {
      UpdateExpression: 'SET #charge.#status = :refunded, #charge.#refundedAt = :refundedAt, #charge.#refundReason = :reason',
      ConditionExpression: '#charge.#status = :charged',
      ExpressionAttributeValues: { ':refunded': 'REFUNDED', ':charged': 'CHARGED', ':refundedAt': NOW.toISOString(), ':reason': 'late callback' },
      ReturnValues: 'ALL_NEW',
    });
  });

  it('refunds nothing twice, and reports the charge as it is', async () => {
    const refunded: Charge = { ...charge, status: 'REFUNDED' };
    ddb.on(UpdateCommand).rejects(conditionFailed());
    ddb.on(GetCommand).resolves({ Item: { charge: refunded } });

    expect(await ledger.refund('order-1', 'again')).toEqual({ refunded: false, charge: refunded });
  });

  it('refunds nothing when nothing was charged', async () => {
    ddb.on(UpdateCommand).rejects(conditionFailed());
    ddb.on(GetCommand).resolves({ Item: {} });

    expect(await ledger.refund('order-1', 'compensation')).toEqual({ refunded: false });
  });
});

describe('DynamoDbPaymentLedger.paymentToken', () => {
  it('reads only the token', async () => {
    ddb.on(GetCommand).resolves({ Item: { payment: { token: 'tok_visa' } } });

    expect(await ledger.paymentToken('order-1')).toBe('tok_visa');
    expect(ddb).toHaveReceivedCommandWith(GetCommand, {
      Key: { orderId: 'order-1' },
      ProjectionExpression: '#payment.#token',
      ExpressionAttributeNames: { '#payment': 'payment', '#token': 'token' },
    });
  });

  it('is undefined for an unknown order', async () => {
    ddb.on(GetCommand).resolves({});

    expect(await ledger.paymentToken('missing')).toBeUndefined();
  });
});

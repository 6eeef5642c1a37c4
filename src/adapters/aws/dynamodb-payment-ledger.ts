/**
 * PaymentLedger on DynamoDB: the charge is a sub-object of the order item, written only if absent, so however
 * often a payment message is delivered an order is charged at most once; a refund flips CHARGED to REFUNDED once.
 */
import { randomUUID } from 'node:crypto';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { OrderNotFoundError } from '../../domain/errors';
import type { Charge, Order } from '../../domain/order';
import type { ChargeRequest, PaymentLedger } from '../../domain/ports';
import { writeConditionally } from './dynamodb-conditional-write';

export interface DynamoDbPaymentLedgerOptions {
  client: DynamoDBDocumentClient;
  /** The OrdersTable. */
  tableName: string;
  now?: () => Date;
  newPaymentId?: () => string;
}

export class DynamoDbPaymentLedger implements PaymentLedger {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly now: () => Date;
  private readonly newPaymentId: () => string;

  constructor({ client, tableName, now = () => new Date(), newPaymentId = () => `pay_${randomUUID()}` }: DynamoDbPaymentLedgerOptions) {
    this.client = client;
    this.tableName = tableName;
    this.now = now;
    this.newPaymentId = newPaymentId;
  }

  async charge({ orderId, amount, currency }: ChargeRequest): Promise<{ charge: Charge; alreadyCharged: boolean }> {
    const charge: Charge = { paymentId: this.newPaymentId(), amount, currency, status: 'CHARGED', chargedAt: this.now().toISOString() };
    const result = await writeConditionally(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { orderId },
          UpdateExpression: 'SET #charge = :charge',
          ConditionExpression: 'attribute_exists(#orderId) AND attribute_not_exists(#charge)',
          ExpressionAttributeNames: { '#orderId': 'orderId', '#charge': 'charge' },
          ExpressionAttributeValues: { ':charge': charge },
        }),
      ),
    );
    if (result.written) return { charge, alreadyCharged: false };
    const existing = (await this.readCharge(orderId, result.refusal)).charge;
    if (!existing) throw new OrderNotFoundError(orderId, { cause: result.refusal });
    return { charge: existing, alreadyCharged: true };
  }

  async refund(orderId: string, reason: string): Promise<{ refunded: boolean; charge?: Charge }> {
    const result = await writeConditionally(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { orderId },
          UpdateExpression: 'SET #charge.#status = :refunded, #charge.#refundedAt = :refundedAt, #charge.#refundReason = :reason',
          ConditionExpression: '#charge.#status = :charged',
          ExpressionAttributeNames: {
            '#charge': 'charge',
            '#status': 'status',
            '#refundedAt': 'refundedAt',
            '#refundReason': 'refundReason',
          },
          ExpressionAttributeValues: {
            ':refunded': 'REFUNDED',
            ':charged': 'CHARGED',
            ':refundedAt': this.now().toISOString(),
            ':reason': reason,
          },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    if (result.written) return { refunded: true, charge: (result.output.Attributes as Order).charge };
    // Nothing charged, or refunded already: report what is there and do nothing.
    const { charge } = await this.readCharge(orderId, result.refusal);
    return charge ? { refunded: false, charge } : { refunded: false };
  }

  async paymentToken(orderId: string): Promise<string | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { orderId },
        ProjectionExpression: '#payment.#token',
        ExpressionAttributeNames: { '#payment': 'payment', '#token': 'token' },
        ConsistentRead: true,
      }),
    );
    return (Item as Pick<Order, 'payment'> | undefined)?.payment?.token;
  }

  /** The order's charge after a refused write; `OrderNotFoundError` (caused by the refusal) when there is no order. */
  private async readCharge(orderId: string, refusal: Error): Promise<{ charge?: Charge }> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { orderId },
        ProjectionExpression: '#orderId, #charge',
        ExpressionAttributeNames: { '#orderId': 'orderId', '#charge': 'charge' },
        ConsistentRead: true,
      }),
    );
    if (!Item) throw new OrderNotFoundError(orderId, { cause: refusal });
    const { charge } = Item as Pick<Order, 'charge'>;
    return charge ? { charge } : {};
  }
}

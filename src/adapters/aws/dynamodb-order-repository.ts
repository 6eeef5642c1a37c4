/**
 * OrderRepository on DynamoDB (OrdersTable: key `orderId`, GSI `byStatus` = `status` + `createdAt`).
 *
 * Listing without a status queries the index once per status and merges the results newest first, instead of a
 * Scan (unordered, reads the whole table) or a second constant-partition index (a hot partition and a template
 * change). Six small queries per page is cheap at this table's scale and keeps the contract's single index.
 */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { InvalidTransitionError, OrderAlreadyExistsError, OrderNotFoundError } from '../../domain/errors';
import { ORDER_STATUSES, type Order, type OrderStatus } from '../../domain/order';
import type { ListOrdersQuery, OrderRepository, Page, StatusChange } from '../../domain/ports';
import { writeConditionally } from './dynamodb-conditional-write';
import { decodeCursor, encodeCursor, newestFirst, type OrderPosition } from './order-list-cursor';

const STATUS_INDEX = 'byStatus';

export interface DynamoDbOrderRepositoryOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  now?: () => Date;
}

/** Fields of a `StatusChange` copied onto the order when present. */
const CHANGE_FIELDS = ['executionArn', 'validationErrors', 'failure', 'fulfilment'] as const;

const positionOf = (order: Order): OrderPosition => ({ createdAt: order.createdAt, orderId: order.orderId });

export class DynamoDbOrderRepository implements OrderRepository {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly now: () => Date;

  constructor({ client, tableName, now = () => new Date() }: DynamoDbOrderRepositoryOptions) {
    this.client = client;
    this.tableName = tableName;
    this.now = now;
  }

  async create(order: Order): Promise<void> {
    const result = await writeConditionally(() =>
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: order,
          ConditionExpression: 'attribute_not_exists(#orderId)',
          ExpressionAttributeNames: { '#orderId': 'orderId' },
        }),
      ),
    );
    if (!result.written) throw new OrderAlreadyExistsError(order.orderId, { cause: result.refusal });
  }

  async get(orderId: string): Promise<Order | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { orderId }, ConsistentRead: true }));
    return Item as Order | undefined;
  }

  async list({ status, limit, cursor }: ListOrdersQuery): Promise<Page<Order>> {
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    const candidates = status
      ? await this.queryStatus(status, limit + 1, after ? { startKey: { ...after, status } } : {})
      : (await Promise.all(ORDER_STATUSES.map((each) => this.queryStatusAfter(each, limit + 1, after))))
          .flat()
          .sort(newestFirst)
          .slice(0, limit + 1);
    const items = candidates.slice(0, limit);
    const last = items.at(-1);
    if (candidates.length <= limit || !last) return { items };
    return { items, nextCursor: encodeCursor(status ? { ...positionOf(last), status } : positionOf(last)) };
  }

  async changeStatus(orderId: string, change: StatusChange): Promise<Order> {
    const sets = ['#status = :status', '#updatedAt = :updatedAt'];
    const names: Record<string, string> = { '#status': 'status', '#updatedAt': 'updatedAt' };
    const values: Record<string, unknown> = { ':status': change.status, ':updatedAt': this.now().toISOString() };
    for (const field of CHANGE_FIELDS) {
      if (change[field] === undefined) continue;
      sets.push(`#${field} = :${field}`);
      names[`#${field}`] = field;
      values[`:${field}`] = change[field];
    }
    const fromKeys = change.from.map((from, index) => {
      values[`:from${index}`] = from;
      return `:from${index}`;
    });
    // An empty `from` allows no transition; DynamoDB rejects `IN ()`, so go straight to the outcome check.
    if (fromKeys.length === 0) return this.alreadyChanged(orderId, change, undefined);
    const result = await writeConditionally(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { orderId },
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: `#status IN (${fromKeys.join(', ')})`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    return result.written ? (result.output.Attributes as Order) : this.alreadyChanged(orderId, change, result.refusal);
  }

  async setExecutionArn(orderId: string, executionArn: string): Promise<void> {
    const result = await writeConditionally(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { orderId },
          UpdateExpression: 'SET #executionArn = :executionArn',
          ConditionExpression: 'attribute_exists(#orderId)',
          ExpressionAttributeNames: { '#executionArn': 'executionArn', '#orderId': 'orderId' },
          ExpressionAttributeValues: { ':executionArn': executionArn },
        }),
      ),
    );
    if (!result.written) throw new OrderNotFoundError(orderId, { cause: result.refusal });
  }

  /** After a failed condition: a retried step finds the order already moved, anything else is a real conflict. */
  private async alreadyChanged(orderId: string, change: StatusChange, cause: unknown): Promise<Order> {
    const order = await this.get(orderId);
    if (!order) throw new OrderNotFoundError(orderId, { cause });
    if (order.status === change.status) return order;
    throw new InvalidTransitionError(
      `Order ${orderId} is ${order.status}; ${change.status} needs one of ${change.from.join(', ') || 'nothing'}`,
      { cause },
    );
  }

  /**
   * One status's orders strictly after `after` in newest-first order. Orders sharing a timestamp may come back
   * from the index in any order, so every tie at the page boundary is read and the ties are ordered here.
   */
  private async queryStatusAfter(status: OrderStatus, want: number, after?: OrderPosition): Promise<Order[]> {
    const orders = await this.queryStatus(status, want, {
      readTies: true,
      ...(after && { notAfter: after.createdAt, keep: (order: Order) => newestFirst(after, positionOf(order)) < 0 }),
    });
    return orders.sort(newestFirst);
  }

  /** Reads at least `want` kept orders of one status (fewer when it runs out), newest first, across DynamoDB pages. */
  private async queryStatus(status: OrderStatus, want: number, options: StatusQueryOptions): Promise<Order[]> {
    const { startKey, notAfter, keep = () => true, readTies = false } = options;
    const orders: Order[] = [];
    const tiesPending = (): boolean => readTies && orders.length >= want && orders.at(-1)?.createdAt === orders[want - 1]?.createdAt;
    let exclusiveStartKey: Record<string, unknown> | undefined = startKey && { ...startKey };
    do {
      const output = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: STATUS_INDEX,
          KeyConditionExpression: notAfter ? '#status = :status AND #createdAt <= :notAfter' : '#status = :status',
          ExpressionAttributeNames: notAfter ? { '#status': 'status', '#createdAt': 'createdAt' } : { '#status': 'status' },
          ExpressionAttributeValues: notAfter ? { ':status': status, ':notAfter': notAfter } : { ':status': status },
          ScanIndexForward: false,
          Limit: Math.max(want - orders.length, 1),
          ...(exclusiveStartKey && { ExclusiveStartKey: exclusiveStartKey }),
        }),
      );
      orders.push(...((output.Items ?? []) as Order[]).filter(keep));
      exclusiveStartKey = output.LastEvaluatedKey;
    } while (exclusiveStartKey && (orders.length < want || tiesPending()));
    return readTies ? orders : orders.slice(0, want);
  }
}

interface StatusQueryOptions {
  /** Resume after this index key (the status cursor). */
  startKey?: OrderPosition;
  /** Only orders created at or before this timestamp (the cross-status cursor); `keep` drops the ties already seen. */
  notAfter?: string;
  keep?: (order: Order) => boolean;
  /** Keep reading while orders tie with the `want`-th one's timestamp. */
  readTies?: boolean;
}

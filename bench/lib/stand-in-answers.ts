/**
 * What the cold-start stand-in answers to each AWS call, in the caller's protocol: either a realistic success (the
 * fields the adapters in src/adapters/aws read, filled from the sample order of events/create-order.json) or an
 * immediate client error. The success path is what a function's first invocation costs in production; the error
 * path also pays for an SDK error, a logged stack trace and, with --enable-source-maps, parsing the source map.
 */
import { marshall } from '@aws-sdk/util-dynamodb';

export type StandInMode = 'success' | 'error';

export interface StandInRequest {
  /** `DynamoDB_20120810.GetItem`, `AWSStepFunctions.StartExecution` (awsJson), or '' for awsQuery. */
  target: string;
  contentType: string;
  body: string;
}

export interface StandInAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The order every stored item answers with: the sample request, accepted and charged. */
export interface SampleWorld {
  order: Record<string, unknown>;
  /** Catalogue entries for the order's products, with stock to spare. */
  products: Record<string, unknown>[];
}

export const sampleWorld = (createOrderBody: Record<string, unknown>): SampleWorld => {
  const items = (createOrderBody.items as { productId: string; quantity: number; unitPrice: number }[] | undefined) ?? [];
  const at = '2026-01-01T00:00:00.000Z';
  return {
    order: {
      ...createOrderBody,
      status: 'PROCESSING',
      createdAt: at,
      updatedAt: at,
      executionArn: 'arn:aws:states:us-east-1:123456789012:execution:OrderStateMachine:bench',
      // Stock held and a charge taken: the state in which every task of the workflow has work to do.
      reservation: { status: 'RESERVED', lines: items.map((item) => ({ productId: item.productId, quantity: item.quantity })), reservedAt: at, updatedAt: at },
      charge: { paymentId: 'pay-bench', amount: createOrderBody.amount, currency: createOrderBody.currency, status: 'CHARGED', chargedAt: at },
    },
    products: items.map((item) => ({ productId: item.productId, name: item.productId, unitPrice: item.unitPrice, available: 1000, reserved: 0, sold: 0 })),
  };
};

const JSON_TYPE = 'application/x-amz-json-1.0';
const json = (body: unknown): StandInAnswer => ({ status: 200, headers: { 'content-type': JSON_TYPE, 'x-amzn-requestid': 'bench-stand-in' }, body: JSON.stringify(body) });
const dynamo = (item: Record<string, unknown>): Record<string, unknown> => marshall(item, { removeUndefinedValues: true, convertClassInstanceToMap: true });

type Body = Record<string, unknown>;
const tableOf = (body: Body): string => String(body.TableName ?? '');
const keyOf = (body: Body): Body => (body.Key as Body | undefined) ?? {};

/** The stored item a key points at: idempotency keys are new (first request), products and orders exist. */
const storedItem = (world: SampleWorld, table: string, key: Body): Record<string, unknown> | undefined => {
  if (/idempotency/i.test(table)) return undefined;
  const productId = (key.productId as { S?: string } | undefined)?.S;
  if (productId) return world.products.find((product) => product.productId === productId) ?? { ...world.products[0], productId };
  const orderId = (key.orderId as { S?: string } | undefined)?.S;
  return orderId ? { ...world.order, orderId } : undefined;
};

type AttributeMap = Record<string, unknown>;

/** Sets `value` at a document path (`charge.status`) of a marshalled item, creating the maps on the way. */
const setAt = (image: AttributeMap, segments: readonly string[], value: unknown): void => {
  const [head, ...rest] = segments;
  if (head === undefined) return;
  if (rest.length === 0) {
    image[head] = value;
    return;
  }
  const child = image[head] as { M?: AttributeMap } | undefined;
  const map = child?.M ?? {};
  image[head] = { M: map };
  setAt(map, rest, value);
};

/** An UpdateItem's new image: the stored item with the SET assignments applied (what ReturnValues ALL_NEW gives). */
const updatedItem = (world: SampleWorld, body: Body): AttributeMap => {
  const names = (body.ExpressionAttributeNames as Record<string, string> | undefined) ?? {};
  const values = (body.ExpressionAttributeValues as Body | undefined) ?? {};
  const image = dynamo(storedItem(world, tableOf(body), keyOf(body)) ?? {});
  const set = /SET\s+(.*?)(?:\s+(?:REMOVE|ADD|DELETE)\s|$)/i.exec(String(body.UpdateExpression ?? ''))?.[1] ?? '';
  for (const assignment of set.split(',')) {
    const match = /^\s*([#\w.]+)\s*=\s*(:\w+)\s*$/.exec(assignment);
    if (!match?.[1] || !match[2] || !(match[2] in values)) continue;
    setAt(image, match[1].split('.').map((segment) => names[segment] ?? segment), values[match[2]]);
  }
  return image;
};

const dynamoDbAnswer = (world: SampleWorld, operation: string, body: Body): StandInAnswer => {
  switch (operation) {
    case 'GetItem': {
      const item = storedItem(world, tableOf(body), keyOf(body));
      return json(item ? { Item: dynamo(item) } : {});
    }
    case 'UpdateItem':
      return json(body.ReturnValues === 'ALL_NEW' ? { Attributes: updatedItem(world, body) } : {});
    case 'Query':
      return json({ Items: [dynamo({ ...world.order, orderId: 'bench-order' })], Count: 1, ScannedCount: 1 });
    case 'BatchGetItem': {
      const requests = (body.RequestItems as Record<string, { Keys?: Body[] }> | undefined) ?? {};
      const responses = Object.fromEntries(Object.entries(requests).map(([table, { Keys = [] }]) => [table, Keys.map((key) => dynamo(storedItem(world, table, key) ?? {}))]));
      return json({ Responses: responses, UnprocessedKeys: {} });
    }
    default:
      // PutItem, TransactWriteItems, BatchWriteItem, DeleteItem: success carries nothing the adapters read.
      return json({});
  }
};

const stepFunctionsAnswer = (operation: string, body: Body): StandInAnswer =>
  operation === 'StartExecution'
    ? json({ executionArn: `${String(body.stateMachineArn ?? 'arn:aws:states:us-east-1:123456789012:stateMachine:bench').replace(':stateMachine:', ':execution:')}:${String(body.name ?? 'bench')}`, startDate: 1767225600 })
    : json({});

/** awsQuery (SNS): `Action=Publish&…` answered with `<PublishResponse>`. */
const queryAnswer = (body: string): StandInAnswer => {
  const action = new URLSearchParams(body).get('Action') ?? 'Unknown';
  const result = action === 'Publish' ? '<MessageId>00000000-0000-4000-8000-000000000000</MessageId>' : '';
  const xml = `<${action}Response xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>bench-stand-in</RequestId></ResponseMetadata></${action}Response>`;
  return { status: 200, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': 'bench-stand-in' }, body: xml };
};

export const successAnswer = (world: SampleWorld, request: StandInRequest): StandInAnswer => {
  if (request.contentType.includes('x-www-form-urlencoded')) return queryAnswer(request.body);
  const [service = '', operation = ''] = request.target.split('.');
  const body = (request.body ? JSON.parse(request.body) : {}) as Body;
  if (service.startsWith('DynamoDB')) return dynamoDbAnswer(world, operation, body);
  if (service === 'AWSStepFunctions') return stepFunctionsAnswer(operation, body);
  return json({});
};

const ERROR_HEADERS = { 'x-amzn-errortype': 'BenchStubException', 'x-amzn-requestid': 'bench-stand-in' };

export const errorAnswer = (request: StandInRequest): StandInAnswer => {
  if (request.contentType.includes('x-www-form-urlencoded')) {
    const xml = '<ErrorResponse><Error><Type>Sender</Type><Code>BenchStubException</Code><Message>cold-start benchmark stand-in</Message></Error><RequestId>bench-stand-in</RequestId></ErrorResponse>';
    return { status: 400, headers: { ...ERROR_HEADERS, 'content-type': 'text/xml' }, body: xml };
  }
  return { status: 400, headers: { ...ERROR_HEADERS, 'content-type': JSON_TYPE }, body: JSON.stringify({ __type: 'BenchStubException', message: 'cold-start benchmark stand-in' }) };
};

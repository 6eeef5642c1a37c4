/**
 * The sample events in events/, typed. Tests drive the handlers with these files (the same ones
 * `sam local invoke -e` uses), so an event that no longer fits its handler fails a test instead of rotting.
 * Every call returns a fresh copy: Middy's body parser and header normaliser rewrite the event in place.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { APIGatewayProxyEvent, CloudFormationCustomResourceCreateEvent, SQSEvent, SQSRecord } from 'aws-lambda';
import type { Order, OrderRequest } from '../../src/domain/order';
import type { NotifyInput } from '../../src/handlers/notify';
import type { RecordOutcomeInput } from '../../src/handlers/record-outcome';
import type { ReserveInventoryInput } from '../../src/handlers/reserve-inventory';
import type { ValidateOrderInput, ValidateOrderOutput } from '../../src/handlers/validate-order';

export const EVENTS_DIR = path.resolve(__dirname, '../../events');

export const loadEvent = <T>(file: string): T => JSON.parse(readFileSync(path.join(EVENTS_DIR, file), 'utf8')) as T;

export const eventFiles = (): string[] => readdirSync(EVENTS_DIR).filter((file) => file.endsWith('.json')).sort();

type OrderTaskInput = { orderId: string; executionArn: string };

/** Files the loaders below read, so a test can check that no sample in events/ is left unused. */
export const referencedEventFiles = new Set<string>();

const sample = <T>(file: string): (() => T) => {
  referencedEventFiles.add(file);
  return () => loadEvent<T>(file);
};
type RecordOutcomeOf<O> = Extract<RecordOutcomeInput, { outcome: O }>;

export const events = {
  createOrder: sample<APIGatewayProxyEvent>('create-order.json'),
  createOrderIdempotent: sample<APIGatewayProxyEvent>('create-order-idempotent.json'),
  createOrderRejected: sample<APIGatewayProxyEvent>('create-order-rejected.json'),
  createOrderDeclined: sample<APIGatewayProxyEvent>('create-order-declined.json'),
  createOrderOutOfStock: sample<APIGatewayProxyEvent>('create-order-out-of-stock.json'),
  createOrderInvalidBody: sample<APIGatewayProxyEvent>('create-order-invalid-body.json'),
  createOrderMalformedJson: sample<APIGatewayProxyEvent>('create-order-malformed-json.json'),
  getOrder: sample<APIGatewayProxyEvent>('get-order.json'),
  getOrderUnknown: sample<APIGatewayProxyEvent>('get-order-unknown.json'),
  listOrders: sample<APIGatewayProxyEvent>('list-orders.json'),
  validateOrder: sample<ValidateOrderInput & { executionArn: string }>('validate-order.json'),
  reserveInventory: sample<ReserveInventoryInput & { executionArn: string }>('reserve-inventory.json'),
  refundPayment: sample<OrderTaskInput>('refund-payment.json'),
  releaseInventory: sample<OrderTaskInput>('release-inventory.json'),
  fulfillOrder: sample<OrderTaskInput & { payment: Record<string, unknown> }>('fulfill-order.json'),
  notify: sample<NotifyInput & { executionArn: string }>('notify.json'),
  recordOutcomeRejected: sample<RecordOutcomeOf<'REJECTED'> & { validation: ValidateOrderOutput }>('record-outcome-rejected.json'),
  recordOutcomeFailed: sample<RecordOutcomeOf<'FAILED'>>('record-outcome-failed.json'),
  processPayment: sample<SQSEvent>('process-payment.json'),
  processPaymentMixedBatch: sample<SQSEvent>('process-payment-mixed-batch.json'),
  seedInventory: sample<CloudFormationCustomResourceCreateEvent>('seed-inventory.json'),
};

/** The order in an API event's body (the sample bodies are all JSON). */
export const bodyOf = (event: APIGatewayProxyEvent): OrderRequest => JSON.parse(event.body ?? 'null') as OrderRequest;

/** The create-order sample event with another body (object → JSON, string → sent as is) and extra headers. */
export const createOrderEvent = (body: unknown, headers: Record<string, string> = {}): APIGatewayProxyEvent => {
  const event = events.createOrder();
  event.body = typeof body === 'string' ? body : JSON.stringify(body);
  event.headers = { ...event.headers, ...headers };
  return event;
};

/** An SQS record shaped like the sample's, carrying `body` (object → JSON) with the given receive count. */
export const paymentRecord = (messageId: string, body: unknown, receiveCount = 1): SQSRecord => {
  const [sample] = events.processPayment().Records;
  if (!sample) throw new Error('events/process-payment.json has no record');
  return {
    ...sample,
    messageId,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: { ...sample.attributes, ApproximateReceiveCount: String(receiveCount) },
  };
};

/** The order id every sample task event carries. */
export const SAMPLE_ORDER_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

/** The sample order (create-order.json's body) as stored, with the sample order id, in `status`. */
export const sampleOrder = (status: Order['status'] = 'NEW', overrides: Partial<Order> = {}): Order => ({
  ...bodyOf(events.createOrder()),
  orderId: SAMPLE_ORDER_ID,
  status,
  createdAt: '2026-05-25T09:00:00.000Z',
  updatedAt: '2026-05-25T09:00:00.000Z',
  executionArn: events.validateOrder().executionArn,
  ...overrides,
});

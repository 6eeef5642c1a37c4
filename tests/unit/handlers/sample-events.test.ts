/**
 * The sample events are what `sam local invoke -e` and these tests feed the functions, so they must be what
 * the real callers send: the task inputs exactly as the ASL's Parameters build them, the payment message as
 * the ProcessPayment task's MessageBody, the API events for the routes the functions serve.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { eventFiles, events, loadEvent, referencedEventFiles } from '../../support/events';

type AslState = { Type: string; Parameters?: Record<string, unknown>; Branches?: { States: Record<string, AslState> }[] };
const asl = JSON.parse(readFileSync(path.resolve(__dirname, '../../../statemachine/order.asl.json'), 'utf8')) as { States: Record<string, AslState> };

const allStates = (states: Record<string, AslState>): Record<string, AslState> =>
  Object.entries(states).reduce<Record<string, AslState>>(
    (all, [name, state]) => ({ ...all, [name]: state, ...(state.Branches ?? []).reduce((acc, branch) => ({ ...acc, ...allStates(branch.States) }), {}) }),
    {},
  );
const states = allStates(asl.States);

/** The keys a Parameters block produces (`orderId.$` → orderId) and its literal values. */
const shapeOf = (parameters: Record<string, unknown>) => ({
  keys: Object.keys(parameters).map((key) => key.replace(/\.\$$/, '')).sort(),
  literals: Object.fromEntries(Object.entries(parameters).filter(([key]) => !key.endsWith('.$'))),
});

const parametersOf = (state: string): Record<string, unknown> => {
  const parameters = states[state]?.Parameters;
  if (!parameters) throw new Error(`State ${state} has no Parameters`);
  return parameters;
};

describe('sample events', () => {
  it('has one for every function, named after its entry', () => {
    const entries = ['create-order', 'get-order', 'list-orders', 'validate-order', 'reserve-inventory', 'process-payment', 'refund-payment', 'release-inventory', 'fulfill-order', 'notify', 'seed-inventory'];

    for (const entry of entries) expect(eventFiles()).toContain(`${entry}.json`);
    expect(eventFiles()).toEqual(expect.arrayContaining(['record-outcome-rejected.json', 'record-outcome-failed.json']));
  });

  it('are all JSON, and every sample the order tests load is there', () => {
    for (const file of eventFiles()) expect(() => loadEvent(file)).not.toThrow();
    expect(eventFiles()).toEqual(expect.arrayContaining([...referencedEventFiles]));
  });

  it.each([
    ['ValidateOrder', 'validate-order.json'],
    ['ReserveInventory', 'reserve-inventory.json'],
    ['RefundPayment', 'refund-payment.json'],
    ['ReleaseInventory', 'release-inventory.json'],
    ['FulfillOrder', 'fulfill-order.json'],
    ['NotifyCompletion', 'notify.json'],
    ['RecordRejection', 'record-outcome-rejected.json'],
    ['RecordFailure', 'record-outcome-failed.json'],
  ])('give %s exactly the fields its Parameters build (%s)', (state, file) => {
    const { keys, literals } = shapeOf(parametersOf(state));
    const event = loadEvent<Record<string, unknown>>(file);

    expect(Object.keys(event).sort()).toEqual(keys);
    expect(event).toMatchObject(literals);
  });

  it('give the payment consumer the ProcessPayment task\'s MessageBody, with a receive count', () => {
    const body = parametersOf('ProcessPayment').MessageBody as Record<string, unknown>;

    for (const record of events.processPayment().Records) {
      expect(Object.keys(JSON.parse(record.body) as object).sort()).toEqual(shapeOf(body).keys);
      expect(Number(record.attributes.ApproximateReceiveCount)).toBeGreaterThanOrEqual(1);
      expect(record.eventSource).toBe('aws:sqs');
    }
  });

  it('use the same order in the workflow input as in the API request', () => {
    const request = JSON.parse(events.createOrder().body ?? '{}') as Record<string, unknown>;
    const { order } = events.validateOrder();

    expect(order).toEqual({ customerId: request.customerId, currency: request.currency, items: request.items, amount: request.amount });
    expect(events.reserveInventory().items).toEqual(request.items);
  });

  it.each([
    ['create-order.json', 'POST', '/orders'],
    ['get-order.json', 'GET', '/orders/{orderId}'],
    ['list-orders.json', 'GET', '/orders'],
  ])('%s is a REST (v1) proxy event for %s %s with an API key', (file, method, resource) => {
    const event = loadEvent<Record<string, unknown> & { headers: Record<string, string>; requestContext: Record<string, unknown> }>(file);

    expect(event).toMatchObject({ httpMethod: method, resource, isBase64Encoded: false, requestContext: { httpMethod: method, resourcePath: resource } });
    expect(event.headers['x-api-key']).toEqual(expect.any(String));
  });

  it('seed-inventory.json is a CloudFormation Create request for the custom resource', () => {
    expect(events.seedInventory()).toMatchObject({ RequestType: 'Create', ResponseURL: expect.stringMatching(/^https:\/\//), LogicalResourceId: expect.any(String) });
  });
});

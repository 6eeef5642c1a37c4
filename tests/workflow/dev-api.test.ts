/**
 * The local stack's /_local endpoints over HTTP, as the console and the CLI call them: invoking any function
 * (its answer and only its own log lines, through the same runtime as every invocation), the sample events,
 * and what a bad request gets: a 4xx JSON answer that says what is wrong, never a 500, and nothing acted on
 * (an oversized message used to be read as `{}` and enqueued).
 *
 * The handlers log at INFO here (no quiet-handlers import), so an invocation's own lines can be checked.
 */
import type { InvokeAnswer as WireAnswer } from '../../src/local/dev-api/invoke-answer';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalStack, type LocalStack } from '../../src/local/stack';
import { eventFiles, loadEvent } from '../support/events';

let stack: LocalStack;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'dev-api-'));
  stack = await startLocalStack({ port: 0, dataDir, timeScale: 0.01, quiet: true, apiKey: 'dev-api-key' });
});

afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Answer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

const call = async <T = Record<string, unknown>>(method: string, path: string, body?: string, contentType = 'application/json'): Promise<Answer<T>> => {
  const response = await fetch(`${stack.url}${path}`, { method, ...(body !== undefined ? { body, headers: { 'content-type': contentType } } : {}) });
  expect(response.headers.get('content-type')).toContain('application/json');
  return { status: response.status, headers: response.headers, body: (await response.json()) as T };
};

interface InvokeAnswer extends WireAnswer {
  /** A refused request's answer. */
  message?: string;
  errors?: { field: string; message: string }[];
}

const invoke = (logicalId: string, body: unknown) => call<InvokeAnswer>('POST', `/_local/functions/${logicalId}/invoke`, JSON.stringify(body));

describe('POST /_local/functions/{logicalId}/invoke', () => {
  test('answers the function\'s result with the log lines of that invocation, START to REPORT', async () => {
    const { status, body } = await invoke('QuoteCartFunction', { event: loadEvent('quote-cart.json') });
    expect(status).toBe(200);
    expect(body).toMatchObject({ functionLogicalId: 'QuoteCartFunction', result: { quote: { currency: 'GBP', lines: [{ productId: 'widget-blue', lineTotal: 39.98 }, { productId: 'cable-usb-c' }] } } });
    expect(body.error).toBeUndefined();
    expect(body.durationMs).toBeGreaterThan(0);
    expect(body.logs[0]).toBe(`START RequestId: ${body.requestId} Version: $LATEST`);
    expect(body.logs.at(-2)).toBe(`END RequestId: ${body.requestId}`);
    expect(body.logs.at(-1)).toMatch(new RegExp(`^REPORT RequestId: ${body.requestId}\\tDuration: `));
  });

  test('the handler\'s own lines are in the answer, and no line of another invocation', async () => {
    const event = loadEvent<{ order: { items: { productId: string }[] } }>('validate-order.json');
    event.order.items[0]!.productId = 'no-such-product';
    const [rejected, other] = await Promise.all([invoke('ValidateOrderFunction', { event }), invoke('GetOrderFunction', { event: loadEvent('get-order-unknown.json') })]);
    expect(rejected.body.result).toMatchObject({ valid: false });
    const handlerLines = rejected.body.logs.filter((line) => line.startsWith('{'));
    expect(handlerLines.some((line) => line.includes('Order broke business rules') && line.includes(rejected.body.requestId))).toBe(true);
    expect(rejected.body.logs.every((line) => !line.includes(other.body.requestId))).toBe(true);
    expect(other.body.logs.every((line) => !line.includes(rejected.body.requestId))).toBe(true);
  });

  test('goes through the runtime like any invocation: counted, and its lines kept in the function\'s log', async () => {
    const before = await call<{ functions: Record<string, { invocations: number }> }>('GET', '/_local/functions');
    const { body } = await invoke('GetOrderFunction', { event: loadEvent('get-order-unknown.json') });
    expect(body.result).toMatchObject({ statusCode: 404 });
    const after = await call<{ functions: Record<string, { invocations: number }> }>('GET', '/_local/functions');
    expect(after.body.functions.GetOrderFunction?.invocations).toBe((before.body.functions.GetOrderFunction?.invocations ?? 0) + 1);
    const logs = await call<{ logs: { message: string }[] }>('GET', `/_local/logs?function=GetOrder&filter=${body.requestId}`);
    expect(logs.body.logs.map((l) => l.message)).toEqual(expect.arrayContaining([`START RequestId: ${body.requestId} Version: $LATEST`, `END RequestId: ${body.requestId}`]));
  });

  test('a function that throws: 200 with the error as Lambda serialises it, and the ERROR line', async () => {
    const { status, body } = await invoke('ValidateOrderFunction', { event: {} });
    expect(status).toBe(200);
    expect(body.result).toBeUndefined();
    expect(body.error).toMatchObject({ errorType: 'TypeError', errorMessage: expect.any(String) });
    expect(body.logs.some((line) => line.startsWith('ERROR Invoke Error'))).toBe(true);
  });

  test('envVars: names the template does not declare are ignored, as sam does, and listed', async () => {
    const { status, body } = await invoke('GetOrderFunction', { event: loadEvent('get-order-unknown.json'), envVars: { POWERTOOLS_LOG_LEVEL: 'DEBUG', NOT_IN_TEMPLATE: 1 } });
    expect(status).toBe(200);
    expect(body.ignoredEnvVars).toEqual(['NOT_IN_TEMPLATE']);
  });

  test('an unknown function, and one the local stack does not run: 404 JSON', async () => {
    const unknown = await invoke('NoSuchFunction', { event: {} });
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toContain('NoSuchFunction');
    const seed = await invoke('SeedInventoryFunction', { event: loadEvent('seed-inventory.json') });
    expect(seed.status).toBe(404);
    expect(seed.body.message).toContain('does not run on the local stack');
  });

  test('a bad body: 400 with one message per field, 415 when not sent as JSON; nothing runs', async () => {
    const before = (await call<{ functions: Record<string, { invocations: number }> }>('GET', '/_local/functions')).body.functions.ValidateOrderFunction?.invocations;
    const shape = await invoke('ValidateOrderFunction', { evnt: {}, envVars: { 'BAD NAME': 'x', GOOD: { nested: true } } });
    expect(shape.status).toBe(400);
    expect(shape.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'event', message: 'is required' },
        { field: 'evnt', message: 'is not allowed' },
        { field: 'envVars.BAD NAME', message: 'is not a valid name' },
        { field: 'envVars.GOOD', message: expect.stringContaining('must be') },
      ]),
    );
    const notJson = await call('POST', '/_local/functions/ValidateOrderFunction/invoke', '{"event": ');
    expect(notJson).toMatchObject({ status: 400, body: { errors: [{ field: 'body' }] } });
    const empty = await call('POST', '/_local/functions/ValidateOrderFunction/invoke', '');
    expect(empty).toMatchObject({ status: 400, body: { errors: [{ field: 'body', message: 'is required' }] } });
    const textPlain = await call('POST', '/_local/functions/ValidateOrderFunction/invoke', '{"event":{}}', 'text/plain');
    expect(textPlain).toMatchObject({ status: 415, body: { errors: [{ field: 'Content-Type' }] } });
    const after = (await call<{ functions: Record<string, { invocations: number }> }>('GET', '/_local/functions')).body.functions.ValidateOrderFunction?.invocations;
    expect(after).toBe(before);
  });
});

describe('GET /_local/sample-events', () => {
  test('every file of events/, parsed, with the function its name starts with', async () => {
    const { status, body } = await call<{ name: string; functionLogicalId: string | null; event: unknown }[]>('GET', '/_local/sample-events');
    expect(status).toBe(200);
    expect(body.map((e) => e.name)).toEqual(eventFiles());
    const byName = new Map(body.map((e) => [e.name, e]));
    expect(byName.get('create-order-declined.json')?.functionLogicalId).toBe('CreateOrderFunction');
    expect(byName.get('process-payment-mixed-batch.json')?.functionLogicalId).toBe('ProcessPaymentFunction');
    expect(byName.get('get-order-unknown.json')?.functionLogicalId).toBe('GetOrderFunction');
    expect(byName.get('notify.json')).toEqual({ name: 'notify.json', functionLogicalId: 'NotifyFunction', event: loadEvent('notify.json') });
  });
});

describe('bad requests to /_local get a 4xx JSON answer, never a 500', () => {
  test('a malformed percent-encoding in the path: 400', async () => {
    for (const path of ['/_local/executions/%E0%A4%A', '/_local/queues/%zz', '/_local/%']) {
      const { status, body } = await call('GET', path);
      expect(status).toBe(400);
      expect(body).toMatchObject({ errors: [{ field: 'path' }] });
    }
  });

  test('a request target starting with // is a path, not a URL without a host (it used to be a 500)', async () => {
    const { status } = await call('GET', '//');
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
  });

  test('unknown resources: 404; a method a resource does not take: 405 with Allow', async () => {
    expect((await call('GET', '/_local/nothing-here')).status).toBe(404);
    expect((await call('GET', '/_local/health/extra')).status).toBe(404);
    expect((await call('GET', '/_local/queues/local-payments/purge')).status).toBe(404);
    expect((await call('GET', '/_local/queues/no-such-queue')).status).toBe(404);
    const wrongMethod = await call('DELETE', '/_local/health');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET');
    const getAnAction = await call('GET', '/_local/queues/local-payments/redrive');
    expect(getAnAction.status).toBe(405);
    expect(getAnAction.headers.get('allow')).toBe('POST');
  });

  test('a bad query parameter: 400 naming it', async () => {
    const { status, body } = await call('GET', '/_local/executions?limit=-3');
    expect(status).toBe(400);
    expect(body).toMatchObject({ errors: [{ field: 'limit' }] });
  });

  test('a queue message: a non-JSON or wrong-shaped body is refused, and nothing is enqueued', async () => {
    const depth = async () => (await call<{ depth: number; inFlight: number; delayed: number }>('GET', '/_local/queues/local-payments-dlq')).body.depth;
    const before = await depth();
    const post = (body: string, type?: string) => call('POST', '/_local/queues/local-payments-dlq/messages', body, type);
    expect((await post('not json')).status).toBe(400);
    expect((await post('{}')).body).toMatchObject({ errors: [{ field: 'body', message: 'is required' }] });
    expect((await post(JSON.stringify({ body: 'x', messageAttributes: { a: { StringValue: 'no type' } } }))).body).toMatchObject({ errors: [{ field: 'messageAttributes.a.DataType' }] });
    expect((await post(JSON.stringify({ body: 'x' }), 'text/plain')).status).toBe(415);
    expect((await post(JSON.stringify({ body: 'x', delaySeconds: 901 }))).status).toBe(400);
    expect(await depth()).toBe(before);
    expect((await post(JSON.stringify({ body: 'kept' }))).status).toBe(200);
    expect(await depth()).toBe(before + 1);
  });

  test('an oversized body: 413 JSON, and nothing is enqueued (it used to be sent on as "{}")', async () => {
    const depth = async () => (await call<{ depth: number }>('GET', '/_local/queues/local-payments-dlq')).body.depth;
    const before = await depth();
    const overServerLimit = await call('POST', '/_local/queues/local-payments-dlq/messages', 'x'.repeat(10 * 1024 * 1024 + 1));
    expect(overServerLimit.status).toBe(413);
    const overSqsLimit = await call('POST', '/_local/queues/local-payments-dlq/messages', JSON.stringify({ body: 'y'.repeat(1024 * 1024 + 1) }));
    expect(overSqsLimit).toMatchObject({ status: 413, body: { errors: [{ field: 'body' }] } });
    expect(await depth()).toBe(before);
  });

  test('actions that take no input refuse a body instead of ignoring it', async () => {
    const paused = await call('POST', '/_local/queues/local-payments/pause', JSON.stringify({ consumers: 'all' }));
    expect(paused.status).toBe(400);
    const queues = await call<{ name: string; consumers: { paused: boolean }[] }[]>('GET', '/_local/queues');
    expect(queues.body.find((q) => q.name === 'local-payments')?.consumers.every((c) => !c.paused)).toBe(true);
    expect((await call('POST', '/_local/queues/local-payments/pause', '{}')).status).toBe(200);
    expect((await call('POST', '/_local/queues/local-payments/resume')).status).toBe(200);
  });
});

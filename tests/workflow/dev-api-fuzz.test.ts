/**
 * Property: whatever arrives at /_local/* — any method, any path (known resources, prototype names, broken
 * percent-encodings, junk), any query, any body (JSON of any shape, endpoint-shaped JSON, raw bytes) with any
 * content type — the answer is never a 5xx, it is JSON, and the stack stays up. 400 cases per run, fixed seed.
 */
import './../support/quiet-handlers';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { startLocalStack, type LocalStack } from '../../src/local/stack';

const SEED = 20261206;
const RUNS = 400;

let stack: LocalStack;
let dataDir: string;
const statuses = new Map<number, number>();

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'dev-api-fuzz-'));
  stack = await startLocalStack({ port: 0, dataDir, timeScale: 0.01, quiet: true, apiKey: 'fuzz-key' });
});

afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  process.stdout.write(`/_local fuzz answers: ${[...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ')}\n`);
});

interface Sent {
  method: string;
  path: string;
  body?: Buffer;
  contentType?: string;
}

const send = ({ method, path, body, contentType }: Sent): Promise<{ status: number; type: string | undefined; text: string }> =>
  new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...(contentType ? { 'content-type': contentType } : {}), ...(body ? { 'content-length': body.length } : {}) };
    const req = request(`${stack.url}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });

const word = fc.oneof(
  fc.constantFrom(
    'health', 'inventory', 'executions', 'queues', 'functions', 'logs', 'routes', 'sample-events', 'notifications', 'payments',
    'local-payments', 'local-payments-dlq', 'redrive', 'messages', 'pause', 'resume', 'invoke',
    'GetOrderFunction', 'ValidateOrderFunction', 'QuoteCartFunction', 'SeedInventoryFunction', 'NotifyFunction',
    '__proto__', 'constructor', 'toString', 'hasOwnProperty', '%', '%zz', '%E0%A4%A', '%2F', '%00', '..', '.', '',
  ),
  fc.stringMatching(/^[A-Za-z0-9._~%-]{0,12}$/),
);
const query = fc.option(
  fc.array(fc.tuple(fc.constantFrom('limit', 'status', 'since', 'function', 'filter', 'orderId', '__proto__'), fc.stringMatching(/^[A-Za-z0-9._~%+-]{0,10}$/)), { maxLength: 3 }).map((pairs) => `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`),
  { nil: '' },
);
const anyPath = fc.array(word, { minLength: 0, maxLength: 4 });
/** Paths of real endpoints with random parts, so that cases get past the router to the endpoints' checks. */
const endpointPath = fc.oneof(
  fc.tuple(fc.constant('functions'), fc.constantFrom('GetOrderFunction', 'ValidateOrderFunction', 'QuoteCartFunction', 'NotifyFunction', 'SeedInventoryFunction', 'Nope'), fc.constant('invoke')),
  fc.tuple(fc.constant('queues'), fc.constantFrom('local-payments', 'local-payments-dlq', 'nope'), fc.constantFrom('messages', 'redrive', 'pause', 'resume')),
  fc.tuple(fc.constantFrom('health', 'inventory', 'executions', 'queues', 'functions', 'logs', 'routes', 'sample-events', 'notifications', 'payments')),
);
const path = fc.tuple(fc.oneof(anyPath, endpointPath), query).map(([segments, q]) => `/_local/${segments.join('/')}${q}`);
const method = fc.oneof({ weight: 4, arbitrary: fc.constantFrom('GET', 'POST') }, { weight: 1, arbitrary: fc.constantFrom('PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS') });
const envVars = fc.dictionary(fc.oneof(fc.constantFrom('POWERTOOLS_LOG_LEVEL', 'NOT_DECLARED', '__proto__', 'BAD NAME'), fc.string({ maxLength: 8 })), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 });
const json = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.record({ event: fc.jsonValue({ maxDepth: 3 }), envVars }, { requiredKeys: [] }),
  fc.record({ body: fc.jsonValue({ maxDepth: 2 }), messageAttributes: fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 }), delaySeconds: fc.integer({ min: -5, max: 1000 }) }, { requiredKeys: [] }),
);
const body = fc.option(
  fc.oneof(
    json.map((value) => Buffer.from(JSON.stringify(value) ?? 'null')),
    fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
    fc.string({ maxLength: 40 }).map((text) => Buffer.from(text)),
  ),
  { nil: undefined },
);
const contentType = fc.constantFrom(undefined, 'application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'application/problem+json');

test('no request to /_local gets a 5xx or a non-JSON answer', async () => {
  await fc.assert(
    fc.asyncProperty(method, path, body, contentType, async (m, p, b, type) => {
      // GET and HEAD requests with a body are legal HTTP but unusual; they are sent too.
      const answer = await send({ method: m, path: p, ...(b ? { body: b } : {}), ...(type ? { contentType: type } : {}) });
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      expect(answer.status).toBeLessThan(500);
      expect(answer.type).toContain('application/json');
      if (m !== 'HEAD') expect(() => JSON.parse(answer.text) as unknown).not.toThrow();
    }),
    { seed: SEED, numRuns: RUNS },
  );
  const health = await send({ method: 'GET', path: '/_local/health' });
  expect(health.status).toBe(200);
  // The run reached past the router's 404s: real answers and real refusals both occurred.
  expect(statuses.get(200)).toBeGreaterThan(0);
  expect([400, 405, 413, 415].some((s) => (statuses.get(s) ?? 0) > 0)).toBe(true);
}, 120_000);

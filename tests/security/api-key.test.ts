/**
 * Every route needs the API key. The routes come from template.yaml itself (every `Type: Api` event of every
 * function, and every path of an API's own DefinitionBody), not from the local stack's reading of it, and each
 * is called on the local stack without a key and with wrong ones (absent, empty, another key, one character off,
 * in another case or header, in the query string): a 403 JSON answer every time, and the function behind it is
 * not invoked. With the right key the same request is not a 403, so the key is what decides.
 */
import { join } from 'node:path';
import { loadTemplate } from '../../src/local/emulator/template/load-template';
import { orderBody, startTestStack, type StackClient, TEST_API_KEY } from '../support/local-stack';

interface TemplateRoute {
  /** The Lambda function behind the route; none for a direct service integration (the quote workflow). */
  functionId?: string;
  method: string;
  path: string;
}

const asRecord = (value: unknown): Record<string, unknown> => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {});

const template = loadTemplate(join(__dirname, '..', '..', 'template.yaml'));

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head'];

const functionRoutes = (): TemplateRoute[] =>
  Object.entries(template.Resources)
    .filter(([, r]) => r.Type === 'AWS::Serverless::Function')
    .flatMap(([functionId, r]) =>
      Object.values(asRecord(asRecord(r.Properties).Events))
        .map(asRecord)
        .filter((e) => e.Type === 'Api')
        .map((e) => ({ functionId, method: String(asRecord(e.Properties).Method).toUpperCase(), path: String(asRecord(e.Properties).Path) })),
    );

/** Paths written in an API's OpenAPI document (SAM merges the function routes into it). */
const definitionRoutes = (): TemplateRoute[] =>
  Object.values(template.Resources)
    .filter((r) => r.Type === 'AWS::Serverless::Api')
    .flatMap((r) => Object.entries(asRecord(asRecord(asRecord(r.Properties).DefinitionBody).paths)))
    .flatMap(([path, item]) => Object.keys(asRecord(item)).filter((m) => HTTP_METHODS.includes(m)).map((m) => ({ method: m.toUpperCase(), path })));

const templateRoutes = (): TemplateRoute[] => [...functionRoutes(), ...definitionRoutes()];

/** A concrete URL path for a resource path: `{orderId}` → a made-up id. */
const concrete = (path: string): string => path.replace(/\{[^}]+\}/g, 'no-such-order-0000');

const bodyFor = (route: TemplateRoute): unknown => (route.method === 'POST' ? orderBody({ 'cable-usb-c': 1 }) : undefined);

const WRONG_KEYS: [string, (key: string) => Record<string, string>][] = [
  ['no x-api-key header', () => ({})],
  ['an empty x-api-key', () => ({ 'x-api-key': '' })],
  ['another key', () => ({ 'x-api-key': 'not-the-key-0123456789' })],
  ['the key with one character changed', (key) => ({ 'x-api-key': `${key.slice(0, -1)}${key.endsWith('x') ? 'y' : 'x'}` })],
  ['the key in upper case', (key) => ({ 'x-api-key': key.toUpperCase() })],
  ['the key as a prefix of a longer value', (key) => ({ 'x-api-key': `${key}x` })],
  ['the key in another header', (key) => ({ authorization: key })],
];

describe('the API key', () => {
  let c: StackClient;
  const routes = templateRoutes();
  beforeAll(async () => {
    c = await startTestStack({ apiKey: 'Secret-Key-For-The-Security-Test' });
  });
  afterAll(() => c.stop());

  test('the template declares routes, and the local stack serves exactly those, each requiring the key', async () => {
    const served = await c.console<{ method: string; path: string; apiKeyRequired: boolean }[]>('routes');

    expect(routes.length).toBeGreaterThan(0);
    expect(served.map((r) => `${r.method} ${r.path}`).sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
    expect(served.filter((r) => !r.apiKeyRequired)).toEqual([]);
  });

  describe.each(templateRoutes().map((r) => [`${r.method} ${r.path}`, r] as const))('%s', (_name, route) => {
    test.each(WRONG_KEYS)('%s → 403 JSON, the function is not invoked', async (_label, headersFor) => {
      const invocations = async () =>
        route.functionId ? ((await c.console<{ functions: Record<string, { invocations: number }> }>('functions')).functions[route.functionId]?.invocations ?? 0) : 0;
      const before = await invocations();

      const r = await c.request<{ message?: unknown }>(route.method, concrete(route.path), { key: null, headers: headersFor(c.stack.apiKey), body: bodyFor(route) });

      expect(r.status).toBe(403);
      expect(r.headers.get('content-type')).toMatch(/^application\/json/);
      expect(typeof r.body?.message).toBe('string');
      expect(await invocations()).toBe(before);
    });

    test('the key in the query string does not count', async () => {
      const r = await c.request(route.method, `${concrete(route.path)}?x-api-key=${c.stack.apiKey}&api_key=${c.stack.apiKey}`, { key: null, body: bodyFor(route) });

      expect(r.status).toBe(403);
    });

    test('with the key, the same request gets past the gateway', async () => {
      const r = await c.request(route.method, concrete(route.path), { body: bodyFor(route) });

      expect(r.status).not.toBe(403);
      expect(r.status).toBeLessThan(500);
    });
  });

  test('an unknown route is a 403 JSON answer too, key or not', async () => {
    for (const key of [null, c.stack.apiKey]) {
      const r = await c.request<{ message?: unknown }>('GET', '/admin', { key });
      expect(r.status).toBe(403);
      expect(typeof r.body?.message).toBe('string');
    }
  });

  test('the shared test key is not accepted by a stack configured with another key', async () => {
    const r = await c.request('GET', '/orders', { key: TEST_API_KEY });

    expect(r.status).toBe(403);
  });
});

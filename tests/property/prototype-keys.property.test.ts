/**
 * Header and query-parameter names are the caller's to choose, and the REST emulation turns them into object keys
 * (the proxy event's headers, multiValueHeaders, queryStringParameters…). Names that are also Object.prototype
 * properties (`constructor`, `__proto__`, `toString`, `hasOwnProperty`) once reached `(multi[name] ??= []).push` on
 * the inherited property: a 500 from the local stack where API Gateway passes them on. fast-check sends every route
 * the template declares requests with such names mixed with ordinary ones; none may give a 5xx or a non-JSON answer,
 * and Object.prototype stays as it was (the stack runs in this process).
 */
import '../../src/shared/silence-handlers';
import fc from 'fast-check';
import { orderBody, startTestStack, type StackClient } from '../support/local-stack';

const SEED = 20261206;
const RUNS = 150;

const PROTOTYPE_NAMES = [...Object.getOwnPropertyNames(Object.prototype), 'prototype'];
const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();

/** Header names must be HTTP tokens; query names may be anything, percent-encoded. */
const headerName = fc.oneof(fc.constantFrom(...PROTOTYPE_NAMES), fc.stringMatching(/^[A-Za-z0-9_-]{1,16}$/));
const queryName = fc.oneof(fc.constantFrom(...PROTOTYPE_NAMES), fc.string({ minLength: 1, maxLength: 16 }));
const value = fc.oneof(fc.constantFrom('', '1', 'x', '[]', '{}', 'null'), fc.stringMatching(/^[ -~]{0,20}$/));

let c: StackClient;
let routes: { method: string; path: string }[];

beforeAll(async () => {
  c = await startTestStack();
  routes = await c.console<{ method: string; path: string }[]>('routes');
});
afterAll(() => c.stop());

const concrete = (path: string): string => path.replace(/\{[^}]+\}/g, 'no-such-order');

test('every route has been found in the template', () => {
  expect(routes.map((r) => r.method)).toEqual(expect.arrayContaining(['GET', 'POST']));
});

test.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('GET /orders with a header and a query parameter named %s is not a 5xx', async (name) => {
  const r = await c.request('GET', `/orders?${encodeURIComponent(name)}=1`, { headers: { [name]: '1' } });

  expect(r.status).toBeLessThan(500);
  expect(r.headers.get('content-type')).toMatch(/^application\/json/);
});

test(`any route, with prototype-named headers and query parameters (${RUNS} runs): never a 5xx`, async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 0, max: 1000 }),
      fc.uniqueArray(fc.tuple(headerName, value), { maxLength: 4, selector: ([name]) => name.toLowerCase() }),
      fc.array(fc.tuple(queryName, value), { maxLength: 4 }),
      async (pick, headers, query) => {
        const route = routes[pick % routes.length]!;
        const search = new URLSearchParams(query).toString();
        const r = await c.request(route.method, `${concrete(route.path)}${search ? `?${search}` : ''}`, {
          headers: Object.fromEntries(headers),
          ...(route.method === 'POST' ? { body: orderBody({ 'cable-usb-c': 1 }) } : {}),
        });

        expect({ route: `${route.method} ${route.path}`, status: r.status < 500, json: /^application\/json/.test(r.headers.get('content-type') ?? '') }).toEqual({
          route: `${route.method} ${route.path}`,
          status: true,
          json: true,
        });
        expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
      },
    ),
    { numRuns: RUNS, seed: SEED },
  );
});

/**
 * docs/openapi.json, the OpenAPI description clients import, is what `npm run openapi` generates from template.yaml
 * and the request schema today: a changed route, model, parameter or response fails here until it is regenerated.
 * And the description holds what it claims: the one request schema, every route of the template, the API key.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import schema from '../../src/schemas/create-order-request.json';
import { openApiDocument } from '../../src/openapi/openapi-document';
import { asRecord, ROOT, template } from './template-fixture';

const committed = JSON.parse(readFileSync(join(ROOT, 'docs', 'openapi.json'), 'utf8')) as Record<string, unknown>;
const generated = openApiDocument(template);
const { $schema: _draft, ...requestSchema } = schema as Record<string, unknown>;

const operations = (doc: Record<string, unknown>): string[] =>
  Object.entries(asRecord(doc.paths)).flatMap(([path, item]) => Object.keys(asRecord(item)).map((method) => `${method.toUpperCase()} ${path}`)).sort();

test('docs/openapi.json is fresh (run `npm run openapi` after changing the template or the schema)', () => {
  expect(committed).toEqual(JSON.parse(JSON.stringify(generated)));
});

test('its CreateOrderRequest is the JSON Schema of src/schemas, unchanged', () => {
  expect(asRecord(asRecord(committed.components).schemas).CreateOrderRequest).toEqual(requestSchema);
});

test('it describes every route the template declares, each behind the x-api-key scheme', () => {
  expect(operations(committed)).toEqual(['GET /orders', 'GET /orders/{orderId}', 'POST /orders', 'POST /orders/quote']);
  expect(committed.security).toEqual([{ api_key: [] }]);
  expect(asRecord(asRecord(committed.components).securitySchemes).api_key).toEqual({ type: 'apiKey', in: 'header', name: 'x-api-key' });
});

test('every operation documents the gateway’s 403, and every operation with a body its 400 and 413', () => {
  for (const [path, item] of Object.entries(asRecord(committed.paths))) {
    for (const [method, operation] of Object.entries(asRecord(item))) {
      const statuses = Object.keys(asRecord(asRecord(operation).responses));
      const withBody = asRecord(operation).requestBody !== undefined;
      expect({ route: `${method} ${path}`, statuses: statuses.filter((s) => ['400', '403', '413'].includes(s)).sort() }).toEqual({
        route: `${method} ${path}`,
        statuses: withBody ? ['400', '403', '413'] : statuses.includes('400') ? ['400', '403'] : ['403'],
      });
    }
  }
});

test('a route added to the template without a description is an error, not a silent gap', () => {
  const extended = structuredClone(template);
  const fn = asRecord(extended.Resources.GetOrderFunction?.Properties);
  asRecord(fn.Events).Extra = { Type: 'Api', Properties: { RestApiId: { Ref: 'OrdersApi' }, Path: '/orders/{orderId}/cancel', Method: 'POST' } };

  expect(() => openApiDocument(extended)).toThrow(/POST \/orders\/\{orderId\}\/cancel/);
});

/**
 * An OpenAPI 3 description of the REST API, written from what defines it: the routes, request models, query
 * parameters, API key and CORS of template.yaml (the models are the synced copies of src/schemas), plus what the
 * handlers and the template's gateway responses answer. `npm run openapi` writes it to docs/openapi.json (for
 * Postman and other clients; a test keeps that copy in step), the local stack serves it at GET /_local/openapi.json,
 * and schemathesis fuzzes the local stack from it (tests/property/schemathesis.test.ts).
 */
import type { Template } from '../local/emulator/template/load-template';
import { ORDER_STATUSES } from '../domain/order';
import { IDEMPOTENCY_KEY_MAX_LENGTH, IDEMPOTENCY_KEY_PATTERN } from '../domain/idempotency-key';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../handlers/list-orders';

type Json = Record<string, unknown>;

const API_TYPE = 'AWS::Serverless::Api';
const FUNCTION_TYPE = 'AWS::Serverless::Function';
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'];

const asRecord = (value: unknown): Json => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** A JSON Schema draft-04 model as an OpenAPI 3.0 schema: no `$schema`. */
const toSchema = (model: unknown): Json => {
  const { $schema: _draft, ...schema } = asRecord(model);
  return schema;
};

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const jsonContent = (schema: Json): Json => ({ content: { 'application/json': { schema } } });
const corsHeader = { 'Access-Control-Allow-Origin': { schema: { type: 'string' } } };

const errorResponse = (description: string): Json => ({ description, headers: corsHeader, ...jsonContent(ref('Error')) });

/** What API Gateway itself answers on every route: a missing or wrong key, and a body over 10 MB. */
const gatewayResponses = (withBody: boolean): Json => ({
  '403': errorResponse('Missing or invalid x-api-key (API Gateway)'),
  ...(withBody ? { '413': errorResponse('Body over 10 MB (API Gateway)') } : {}),
});

const ORDER_VIEW: Json = {
  type: 'object',
  description: 'The order as stored, without the payment token.',
  required: ['orderId', 'status', 'customerId', 'currency', 'items', 'amount', 'createdAt', 'updatedAt'],
  properties: {
    orderId: { type: 'string' },
    status: { type: 'string', enum: [...ORDER_STATUSES] },
    customerId: { type: 'string' },
    customerEmail: { type: 'string' },
    currency: { type: 'string' },
    items: { type: 'array', items: { type: 'object' } },
    amount: { type: 'number' },
    payment: { type: 'object', properties: { method: { type: 'string' } } },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
    executionArn: { type: 'string' },
  },
};

const COMPONENT_SCHEMAS: Record<string, Json> = {
  FieldError: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string' }, message: { type: 'string' } } },
  Error: {
    type: 'object',
    description: 'Every 4xx answer: a message and, for a bad request, one entry per field at fault.',
    required: ['message'],
    properties: { message: { type: 'string' }, errors: { type: 'array', items: ref('FieldError') } },
  },
  OrderAccepted: {
    type: 'object',
    required: ['orderId', 'status', 'executionArn', 'links'],
    properties: {
      orderId: { type: 'string' },
      status: { type: 'string', enum: [...ORDER_STATUSES] },
      executionArn: { type: 'string' },
      links: { type: 'object', required: ['self'], properties: { self: { type: 'string' } } },
    },
  },
  Order: ORDER_VIEW,
  OrderPage: {
    type: 'object',
    required: ['orders'],
    properties: { orders: { type: 'array', items: ref('Order') }, nextCursor: { type: 'string', description: 'Pass as `cursor` for the next page.' } },
  },
  Quote: {
    type: 'object',
    required: ['currency', 'lines', 'subtotal', 'shipping', 'taxRate', 'tax', 'total'],
    properties: {
      currency: { type: 'string' },
      lines: { type: 'array', items: { type: 'object' } },
      subtotal: { type: 'number' },
      shipping: { type: 'number' },
      taxRate: { type: 'number' },
      tax: { type: 'number' },
      total: { type: 'number' },
    },
  },
};

interface Operation {
  method: string;
  path: string;
  operationId: string;
  summary: string;
  parameters?: Json[];
  requestModel?: string;
  responses: Json;
}

/** What each route answers beyond the gateway's own 403/413, keyed `METHOD path`. */
const OPERATIONS: Record<string, Omit<Operation, 'method' | 'path' | 'requestModel'>> = {
  'POST /orders': {
    operationId: 'createOrder',
    summary: 'Accept an order and start its workflow',
    parameters: [
      {
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description: 'Repeating a request with the same key returns the first order (202, Idempotent-Replayed: true) instead of a second one.',
        schema: { type: 'string', minLength: 1, maxLength: IDEMPOTENCY_KEY_MAX_LENGTH, pattern: IDEMPOTENCY_KEY_PATTERN },
      },
    ],
    responses: {
      '202': { description: 'Order accepted; its workflow runs', headers: { ...corsHeader, Location: { schema: { type: 'string' } } }, ...jsonContent(ref('OrderAccepted')) },
      '400': errorResponse('The body breaks the schema, or the Idempotency-Key is malformed'),
      '422': errorResponse('The Idempotency-Key was used before with another body'),
    },
  },
  'GET /orders': {
    operationId: 'listOrders',
    summary: 'List orders, newest first, one page at a time',
    responses: {
      '200': { description: 'A page of orders', headers: corsHeader, ...jsonContent(ref('OrderPage')) },
      '400': errorResponse('A query parameter is invalid (status, limit or cursor)'),
    },
  },
  'GET /orders/{orderId}': {
    operationId: 'getOrder',
    summary: 'An order with its status, failure or fulfilment',
    parameters: [{ name: 'orderId', in: 'path', required: true, schema: { type: 'string' } }],
    responses: {
      '200': { description: 'The order', headers: corsHeader, ...jsonContent(ref('Order')) },
      '404': errorResponse('No order with this id'),
    },
  },
  'POST /orders/quote': {
    operationId: 'quoteCart',
    summary: 'Price a cart (synchronous Express workflow)',
    responses: {
      '200': { description: 'The quote', headers: corsHeader, ...jsonContent(ref('Quote')) },
      '400': errorResponse('The body breaks the schema, or the cart an order rule'),
      '409': errorResponse('Not enough stock'),
    },
  },
};

/** Query parameters a function event declares (`method.request.querystring.<name>`), with what the handler accepts. */
const QUERY_SCHEMAS: Record<string, Json> = {
  status: { type: 'string', enum: [...ORDER_STATUSES] },
  limit: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE },
  cursor: { type: 'string', description: 'The nextCursor of the previous page' },
};

const queryParameters = (requestParameters: unknown): Json[] =>
  asArray(requestParameters).flatMap((entry) =>
    Object.entries(asRecord(entry)).flatMap(([key, options]) => {
      const name = /^method\.request\.querystring\.(.+)$/.exec(key)?.[1];
      return name ? [{ name, in: 'query', required: asRecord(options).Required === true, schema: QUERY_SCHEMAS[name] ?? { type: 'string' } }] : [];
    }),
  );

/** Routes of the template: every function's Api events, and the paths of the API's own DefinitionBody. */
const templateRoutes = (template: Template): Omit<Operation, 'operationId' | 'summary' | 'responses'>[] => {
  const fromFunctions = Object.values(template.Resources)
    .filter((r) => r.Type === FUNCTION_TYPE)
    .flatMap((r) => Object.values(asRecord(asRecord(r.Properties).Events)).map(asRecord))
    .filter((event) => event.Type === 'Api')
    .map((event) => {
      const p = asRecord(event.Properties);
      const model = asRecord(p.RequestModel).Model;
      return {
        method: String(p.Method).toUpperCase(),
        path: String(p.Path),
        parameters: queryParameters(p.RequestParameters),
        ...(typeof model === 'string' ? { requestModel: model } : {}),
      };
    });
  const fromDefinitions = Object.values(template.Resources)
    .filter((r) => r.Type === API_TYPE)
    .flatMap((r) => Object.entries(asRecord(asRecord(asRecord(r.Properties).DefinitionBody).paths)))
    .flatMap(([path, item]) =>
      Object.entries(asRecord(item))
        .filter(([method]) => HTTP_METHODS.includes(method))
        .map(([method, operation]) => {
          const body = asArray(asRecord(operation).parameters).map(asRecord).find((p) => p.in === 'body');
          return { method: method.toUpperCase(), path, parameters: [], ...(body ? { requestModel: String(body.name) } : {}) };
        }),
    );
  return [...fromFunctions, ...fromDefinitions].sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
};

const theApi = (template: Template): Json => {
  const apis = Object.values(template.Resources).filter((r) => r.Type === API_TYPE);
  if (apis.length !== 1) throw new Error(`Expected one ${API_TYPE} in the template, found ${apis.length}`);
  return asRecord(apis[0]!.Properties);
};

export interface OpenApiOptions {
  /** Servers to list; default: the local stack and the deployed stage. */
  servers?: Json[];
}

const DEFAULT_SERVERS: Json[] = [
  { url: 'http://127.0.0.1:3000', description: 'The local stack (npm start)' },
  {
    url: 'https://{restApiId}.execute-api.{region}.amazonaws.com/{stage}',
    description: 'A deployed stack (ApiUrl output of sam deploy)',
    variables: { restApiId: { default: 'abc123' }, region: { default: 'us-east-1' }, stage: { default: 'prod' } },
  },
];

export const openApiDocument = (template: Template, options: OpenApiOptions = {}): Json => {
  const api = theApi(template);
  const models = asRecord(api.Models);
  const paths: Record<string, Json> = {};
  for (const route of templateRoutes(template)) {
    const key = `${route.method} ${route.path}`;
    const described = OPERATIONS[key];
    if (!described) throw new Error(`template.yaml has a route the OpenAPI description does not describe: ${key} (add it to OPERATIONS)`);
    if (route.requestModel && !models[route.requestModel]) throw new Error(`${key} uses model ${route.requestModel}, which the API does not define`);
    const parameters = [...(described.parameters ?? []), ...(route.parameters ?? [])];
    paths[route.path] = {
      ...paths[route.path],
      [route.method.toLowerCase()]: {
        operationId: described.operationId,
        summary: described.summary,
        ...(parameters.length ? { parameters } : {}),
        ...(route.requestModel ? { requestBody: { required: true, ...jsonContent(ref(route.requestModel)) } } : {}),
        responses: { ...described.responses, ...gatewayResponses(route.requestModel !== undefined) },
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Orders API',
      version: '1.0',
      description: 'Generated by `npm run openapi` from template.yaml and src/schemas (do not edit). Every route needs the API key (x-api-key).',
    },
    servers: options.servers ?? DEFAULT_SERVERS,
    security: [{ api_key: [] }],
    paths,
    components: {
      securitySchemes: { api_key: { type: 'apiKey', in: 'header', name: 'x-api-key' } },
      schemas: {
        ...Object.fromEntries(Object.entries(models).map(([name, model]) => [name, toSchema(model)])),
        ...COMPONENT_SCHEMAS,
      },
    },
  };
};

/**
 * API Gateway (REST) in front of the template's functions: resource and method matching, the API key, body
 * validation against the route's model, CORS preflight, Lambda proxy integration with REST (v1) events, and
 * API Gateway's own error answers where it would give them: 403 for an unknown route or method (REST APIs
 * answer "Missing Authentication Token") and for a missing or wrong key, 400 for a body that breaks the
 * model, 413 above 10 MB, 502 when the function fails or answers malformed, 504 after 29 s.
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayEventIdentity, APIGatewayProxyEvent } from 'aws-lambda';
import type { LambdaRuntime } from '../lambda/runtime';
import type { ApiRoute, LocalApi } from '../template/local-model';
import { LOCAL_ACCOUNT } from '../template/physical-ids';
import { renderGatewayResponse, type GatewayResponseType } from './gateway-responses';
import { RequestValidator, validationErrorString } from './request-validator';
import { headerValue, type ApiRequest, type ApiResponse, type RequestHead } from './messages';
import { routeFor, routeTable, type RouteMatch } from './routes';
import { compileServiceIntegration, type ServiceActions, type ServiceIntegrationCall } from './service-integration';

/** A request the gateway answers itself, or the route it goes on to, with the way to fail it later. */
type Gate =
  | { answer: ApiResponse }
  | { api: LocalApi; route: ApiRoute; match: RouteMatch; fail: (type: GatewayResponseType, extra?: { validationErrorString?: string }) => ApiResponse };

/** API Gateway's integration timeout for REST APIs. */
const INTEGRATION_TIMEOUT_MS = 29_000;
const LOCAL_API_KEY_ID = 'local-api-key';

/** The identity fields of an IAM or Cognito caller: a local caller has none. */
const NO_CALLER_IDENTITY: Omit<APIGatewayEventIdentity, 'sourceIp' | 'userAgent' | 'apiKey' | 'apiKeyId'> = {
  accessKey: null,
  accountId: null,
  caller: null,
  clientCert: null,
  cognitoAuthenticationProvider: null,
  cognitoAuthenticationType: null,
  cognitoIdentityId: null,
  cognitoIdentityPoolId: null,
  principalOrgId: null,
  user: null,
  userArn: null,
};

/** `06/Dec/2026:07:51:23 +0000`, the format of `$context.requestTime`. */
const requestTime = (d: Date): string => {
  const [, day, month, year, time] = d.toUTCString().split(' ');
  return `${day}/${month}/${year}:${time} +0000`;
};

/**
 * Single- and multi-value maps of request-chosen names (headers, query parameters), as the proxy event carries
 * them. Null-prototype objects: a name like `constructor`, `toString` or `__proto__` is just a key, never a
 * property inherited from Object.prototype (`multi.constructor.push` would throw) nor a prototype to set.
 */
const valueMaps = (pairs: Iterable<readonly [string, string]>): { single: Record<string, string>; multi: Record<string, string[]> } => {
  const single = Object.create(null) as Record<string, string>;
  const multi = Object.create(null) as Record<string, string[]>;
  for (const [name, value] of pairs) {
    single[name] = value;
    (multi[name] ??= []).push(value);
  }
  return { single, multi };
};

function* headerPairs(raw: readonly string[]): Generator<readonly [string, string]> {
  for (let i = 0; i + 1 < raw.length; i += 2) yield [raw[i] as string, raw[i + 1] as string];
}

export class RestApiEmulator {
  private readonly match: ReturnType<typeof routeTable>;
  private readonly validator = new RequestValidator();
  /** Compiled now: a mapping template that cannot be rendered as API Gateway does stops the start-up. */
  private readonly integrations = new Map<ApiRoute, ServiceIntegrationCall>();

  constructor(
    private readonly apis: readonly LocalApi[],
    private readonly lambda: LambdaRuntime,
    private readonly apiKey: string,
    actions: ServiceActions,
  ) {
    for (const route of this.routes) {
      if (route.integration) this.integrations.set(route, compileServiceIntegration(route.integration, `${route.method} ${route.path}`, actions));
    }
    this.match = routeTable(apis.flatMap((a) => a.routes));
  }

  get routes(): ApiRoute[] {
    return this.apis.flatMap((a) => a.routes);
  }

  /**
   * What API Gateway answers from the request line and headers alone (unknown route, preflight, a missing or
   * wrong API key), or undefined when the body is needed. The server calls this before it reads the body, so a
   * caller without the key cannot make the stack read (and hold) up to 10 MB.
   */
  screen(head: RequestHead): ApiResponse | undefined {
    const gate = this.gate(head, randomUUID());
    return 'answer' in gate ? gate.answer : undefined;
  }

  async handle(req: ApiRequest): Promise<ApiResponse> {
    const requestId = randomUUID();
    const gate = this.gate(req, requestId);
    if ('answer' in gate) return gate.answer;
    const { api, route, match, fail } = gate;
    if (req.tooLarge) return fail('REQUEST_TOO_LARGE');
    const body = req.body.toString('utf8');
    const model = route.requestModel;
    if (model?.validateBody) {
      const checked = this.validator.check(model.schema, body);
      if (!checked.valid) return fail('BAD_REQUEST_BODY', { validationErrorString: validationErrorString(checked.errors) });
    }
    const event = this.proxyEvent(req, api, route, match.pathParameters, requestId, body);
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(resolve, INTEGRATION_TIMEOUT_MS, 'timeout').unref());
    const integration = this.integrations.get(route);
    if (integration) {
      const integrated = await Promise.race([integration(event, body), timeout]);
      if (integrated === 'timeout') return fail('INTEGRATION_TIMEOUT');
      return { ...integrated, headers: { ...integrated.headers, 'x-amzn-RequestId': requestId } };
    }
    if (!route.functionLogicalId) return fail('INTEGRATION_FAILURE');
    const result = await Promise.race([this.lambda.invoke(route.functionLogicalId, event), timeout]);
    if (result === 'timeout') return fail('INTEGRATION_TIMEOUT');
    if (!result.ok) return fail('INTEGRATION_FAILURE');
    const response = toResponse(result.payload);
    if (!response) return fail('INTEGRATION_FAILURE');
    response.headers['x-amzn-RequestId'] = requestId;
    return response;
  }

  private gate(head: RequestHead, requestId: string): Gate {
    const path = head.url.pathname.replace(/\/+$/, '') || '/';
    const match = this.match(path);
    const api = this.apis.find((a) => a.logicalId === match?.routes[0]?.apiLogicalId) ?? this.apis[0];
    const fail = (type: GatewayResponseType, extra: { validationErrorString?: string } = {}): ApiResponse =>
      renderGatewayResponse(type, api?.gatewayResponses ?? {}, {
        requestId,
        httpMethod: head.method,
        stage: api?.stageName ?? '',
        ...(match ? { resourcePath: match.resourcePath } : {}),
        ...extra,
      });
    if (!api || !match) return { answer: fail('MISSING_AUTHENTICATION_TOKEN') };
    if (head.method === 'OPTIONS' && api.cors && !routeFor(match, 'OPTIONS')) {
      if (api.apiKeyOnPreflight && !this.keyAccepted(head)) return { answer: fail('INVALID_API_KEY') };
      return { answer: this.preflight(api) };
    }
    const route = routeFor(match, head.method);
    if (!route) return { answer: fail('MISSING_AUTHENTICATION_TOKEN') };
    if (route.apiKeyRequired && !this.keyAccepted(head)) return { answer: fail('INVALID_API_KEY') };
    return { api, route, match, fail };
  }

  private keyAccepted(head: RequestHead): boolean {
    return headerValue(head.rawHeaders, 'x-api-key') === this.apiKey;
  }

  private preflight({ cors }: LocalApi): ApiResponse {
    const headers = {
      'Access-Control-Allow-Origin': cors?.allowOrigin,
      'Access-Control-Allow-Headers': cors?.allowHeaders,
      'Access-Control-Allow-Methods': cors?.allowMethods,
      'Access-Control-Max-Age': cors?.maxAge,
      'Access-Control-Allow-Credentials': cors?.allowCredentials ? 'true' : undefined,
      'Content-Type': 'application/json',
    };
    return { status: 200, headers: Object.fromEntries(Object.entries(headers).filter((e): e is [string, string] => Boolean(e[1]))), body: '' };
  }

  private proxyEvent(req: ApiRequest, api: LocalApi, route: ApiRoute, pathParameters: Record<string, string>, requestId: string, body: string): APIGatewayProxyEvent {
    const { single: headers, multi } = valueMaps(headerPairs(req.rawHeaders));
    const { single: query, multi: multiQuery } = valueMaps(req.url.searchParams);
    const now = new Date();
    const apiKey = headerValue(req.rawHeaders, 'x-api-key');
    const path = req.url.pathname;
    return {
      resource: route.path,
      path,
      httpMethod: req.method,
      headers,
      multiValueHeaders: multi,
      queryStringParameters: Object.keys(query).length ? query : null,
      multiValueQueryStringParameters: Object.keys(multiQuery).length ? multiQuery : null,
      pathParameters: Object.keys(pathParameters).length ? pathParameters : null,
      stageVariables: null,
      body: req.body.length > 0 ? body : null,
      isBase64Encoded: false,
      requestContext: {
        accountId: LOCAL_ACCOUNT,
        apiId: api.logicalId.toLowerCase(),
        resourceId: route.path,
        stage: api.stageName,
        requestId,
        extendedRequestId: requestId,
        requestTime: requestTime(now),
        requestTimeEpoch: now.getTime(),
        path: `/${api.stageName}${path}`,
        resourcePath: route.path,
        httpMethod: req.method,
        protocol: 'HTTP/1.1',
        domainName: headerValue(req.rawHeaders, 'host') ?? '127.0.0.1',
        domainPrefix: '127',
        authorizer: null as never,
        identity: {
          sourceIp: req.sourceIp,
          userAgent: headerValue(req.rawHeaders, 'user-agent') ?? null,
          apiKey: route.apiKeyRequired ? (apiKey ?? null) : null,
          apiKeyId: route.apiKeyRequired ? LOCAL_API_KEY_ID : null,
          ...NO_CALLER_IDENTITY,
        },
      },
    };
  }
}

/** A Lambda proxy result, or undefined when API Gateway would call it malformed (→ 502). */
const toResponse = (payload: unknown): ApiResponse | undefined => {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const p = payload as { statusCode?: unknown; headers?: object; multiValueHeaders?: object; body?: unknown; isBase64Encoded?: unknown };
  const status = Number(p.statusCode);
  if (!Number.isInteger(status) || status < 100 || status > 599) return undefined;
  if (p.body !== undefined && p.body !== null && typeof p.body !== 'string') return undefined;
  const headers: Record<string, string | string[]> = Object.fromEntries(Object.entries(p.headers ?? {}).map(([k, v]) => [k, String(v)]));
  for (const [k, v] of Object.entries(p.multiValueHeaders ?? {})) if (Array.isArray(v)) headers[k] = v.map(String);
  const text = typeof p.body === 'string' ? p.body : '';
  return { status, headers, body: p.isBase64Encoded === true ? Buffer.from(text, 'base64') : text };
};

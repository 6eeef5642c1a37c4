/**
 * The REST API part of the LocalModel: routes from the functions' Api events and from the API's OpenAPI
 * DefinitionBody, with API keys, request models, CORS and gateway responses.
 */
import { asRecord, isRecord, type Props, type TemplateResource } from './load-template';
import type { ApiRoute, CorsConfig, GatewayResponseModel, LocalApi, RequestModel, ServiceIntegration } from './local-model';

/** API Gateway header values in SAM are quoted (`"'*'"`). */
const unquote = (value: unknown): string => String(value).replace(/^'(.*)'$/, '$1');
const strings = (value: unknown): Record<string, string> => Object.fromEntries(Object.entries(asRecord(value)).map(([k, v]) => [k, String(v)]));
const HEADER_PARAMETER = 'method.response.header.';

export interface ApiEvent {
  functionId: string;
  props: Props;
}

export const buildApis = (apiResources: [string, TemplateResource][], events: ApiEvent[], resolve: (v: unknown) => unknown): LocalApi[] => {
  const stray = events.find(({ props }) => !apiResources.some(([id]) => id === props.RestApiId));
  if (stray) throw new Error(`Api event of ${stray.functionId} points at ${String(stray.props.RestApiId)}, which is not an AWS::Serverless::Api`);
  return apiResources.map(([id, r]) => {
    const p = asRecord(resolve(r.Properties));
    const own = events.filter((e) => e.props.RestApiId === id).map((e) => eventRoute(id, p, e));
    const taken = new Set(own.map((route) => `${route.method} ${route.path}`));
    return {
      logicalId: id,
      stageName: String(p.StageName ?? 'Prod'),
      ...(p.Cors !== undefined ? { cors: buildCors(p.Cors) } : {}),
      apiKeyOnPreflight: asRecord(p.Auth).AddApiKeyRequiredToCorsPreflight !== false,
      gatewayResponses: buildGatewayResponses(asRecord(p.GatewayResponses)),
      routes: [...own, ...definitionBodyRoutes(id, p).filter((route) => !taken.has(`${route.method} ${route.path}`))],
    };
  });
};

const eventRoute = (apiId: string, api: Props, { functionId, props: p }: ApiEvent): ApiRoute => {
  const model = asRecord(p.RequestModel);
  const route: ApiRoute = {
    apiLogicalId: apiId,
    path: String(p.Path),
    method: String(p.Method ?? 'ANY').toUpperCase(),
    functionLogicalId: functionId,
    apiKeyRequired: (asRecord(p.Auth).ApiKeyRequired ?? asRecord(api.Auth).ApiKeyRequired) === true,
  };
  if (model.Model !== undefined) {
    const flags = { required: model.Required === true, validateBody: model.ValidateBody === true };
    route.requestModel = requestModel(api, (name) => name === model.Model, `RequestModel ${String(model.Model)} of ${functionId}`, flags);
  }
  return route;
};

/** A model of the API's Models, or an error naming what referred to it. */
const requestModel = (api: Props, matches: (name: string) => boolean, what: string, flags: Omit<RequestModel, 'name' | 'schema'>): RequestModel => {
  const [name, schema] = Object.entries(asRecord(api.Models)).find(([key]) => matches(key)) ?? [];
  if (name === undefined || !isRecord(schema)) throw new Error(`${what} is not in the API's Models`);
  return { name, schema, ...flags };
};

/**
 * Routes declared in the API's OpenAPI (swagger 2.0) DefinitionBody: `aws` service integrations with their
 * mapping templates (a Lambda is reached through the function's Api event), body validation from its request
 * validators, with `#/definitions/<name>` resolved against the API's Models (SAM adds them there, lower-cased, on merge).
 */
const definitionBodyRoutes = (apiId: string, api: Props): ApiRoute[] => {
  const body = asRecord(api.DefinitionBody);
  const validators = asRecord(body['x-amazon-apigateway-request-validators']);
  const apiKeyByDefault = asRecord(api.Auth).ApiKeyRequired === true;
  return Object.entries(asRecord(body.paths)).flatMap(([path, methods]) =>
    Object.entries(asRecord(methods)).flatMap(([verb, value]): ApiRoute[] => {
      const op = asRecord(value);
      const integration = asRecord(op['x-amazon-apigateway-integration']);
      // An operation without an integration documents a route that an Api event serves; a mock needs no backend.
      if (!integration.type || integration.type === 'mock') return [];
      const method = verb.toLowerCase() === 'x-amazon-apigateway-any-method' ? 'ANY' : verb.toUpperCase();
      const where = `Api ${apiId}, ${method} ${path} in DefinitionBody`;
      const security = Array.isArray(op.security) ? (op.security as Props[]) : [];
      const apiKeyRequired = apiKeyByDefault || security.some((s) => 'api_key' in s);
      const route: ApiRoute = { apiLogicalId: apiId, path, method, apiKeyRequired, integration: serviceIntegration(where, integration) };
      const validatorName = op['x-amazon-apigateway-request-validator'] ?? body['x-amazon-apigateway-request-validator'];
      const validateBody = validatorName !== undefined && asRecord(validators[String(validatorName)]).validateRequestBody === true;
      const bodyParameter = (Array.isArray(op.parameters) ? (op.parameters as Props[]) : []).find((p) => p.in === 'body');
      if (bodyParameter) {
        const ref = asRecord(bodyParameter.schema).$ref;
        const named = (name: string): boolean => typeof ref === 'string' && `#/definitions/${name.toLowerCase()}` === ref.toLowerCase();
        const what = `${where}: the body schema ${typeof ref === 'string' ? ref : '(inline, not a $ref)'}`;
        route.requestModel = requestModel(api, named, what, { required: bodyParameter.required === true, validateBody });
      }
      return [route];
    }),
  );
};

/** A non-proxy `aws` integration, e.g. Step Functions StartSyncExecution; a Lambda proxy here is refused. */
const serviceIntegration = (where: string, integration: Props): ServiceIntegration => {
  const uri = String(integration.uri ?? '');
  const action = /:([a-z0-9-]+):action\/([A-Za-z]+)/.exec(uri);
  if (integration.type !== 'aws') {
    throw new Error(`${where}: integration type ${String(integration.type)} is not supported by the local stack (use an Api event for a function)`);
  }
  if (!action) throw new Error(`${where}: integration URI ${uri} is not an AWS service action`);
  return {
    service: action[1] as string,
    action: action[2] as string,
    requestTemplates: strings(integration.requestTemplates),
    response: integrationResponse(where, asRecord(integration.responses)),
  };
};

/** The `default` integration response; selection patterns (responses chosen by the action's status) are refused. */
const integrationResponse = (where: string, responses: Props): ServiceIntegration['response'] => {
  const patterns = Object.keys(responses).filter((key) => key !== 'default');
  if (patterns.length > 0 || responses.default === undefined) {
    const found = patterns.join(', ') || 'no default';
    throw new Error(`${where}: only one \`default\` integration response is supported by the local stack (found ${found})`);
  }
  const response = asRecord(responses.default);
  const headers = Object.entries(asRecord(response.responseParameters))
    .filter(([k]) => k.startsWith(HEADER_PARAMETER))
    .map(([k, v]) => [k.slice(HEADER_PARAMETER.length), unquote(v)]);
  return { statusCode: Number(response.statusCode ?? 200), headers: Object.fromEntries(headers), templates: strings(response.responseTemplates) };
};

const buildCors = (cors: unknown): CorsConfig => {
  if (typeof cors === 'string') return { allowOrigin: unquote(cors) };
  const c = asRecord(cors);
  return {
    allowOrigin: unquote(c.AllowOrigin ?? "'*'"),
    ...(c.AllowHeaders !== undefined ? { allowHeaders: unquote(c.AllowHeaders) } : {}),
    ...(c.AllowMethods !== undefined ? { allowMethods: unquote(c.AllowMethods) } : {}),
    ...(c.MaxAge !== undefined ? { maxAge: unquote(c.MaxAge) } : {}),
    ...(c.AllowCredentials !== undefined ? { allowCredentials: c.AllowCredentials === true } : {}),
  };
};

const buildGatewayResponses = (responses: Props): Record<string, GatewayResponseModel> =>
  Object.fromEntries(
    Object.entries(responses).map(([type, value]) => {
      const r = asRecord(value);
      const headers = Object.entries(asRecord(asRecord(r.ResponseParameters).Headers)).map(([k, v]) => [k, unquote(v)]);
      const statusCode = r.StatusCode !== undefined ? { statusCode: Number(r.StatusCode) } : {};
      return [type, { ...statusCode, headers: Object.fromEntries(headers), templates: strings(r.ResponseTemplates) }];
    }),
  );

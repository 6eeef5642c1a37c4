/**
 * The REST API part of the LocalModel: routes from the functions' Api events and from the API's OpenAPI
 * DefinitionBody, with API keys, request models, CORS and gateway responses.
 */
import type { Template, TemplateResource } from './load-template';
import type { ApiRoute, CorsConfig, GatewayResponseModel, LocalApi, LocalFunction } from './local-model';

type Props = Record<string, unknown>;
const IMPLICIT_API = 'ServerlessRestApi';

const isRecord = (value: unknown): value is Props => typeof value === 'object' && value !== null && !Array.isArray(value);
const asRecord = (value: unknown): Props => (isRecord(value) ? value : {});
/** API Gateway header values in SAM are quoted (`"'*'"`). */
const unquote = (value: unknown): string => String(value).replace(/^'(.*)'$/, '$1');

export interface ApiEvent {
  functionId: string;
  props: Props;
}

export const buildApis = (
  template: Template,
  apiResources: [string, TemplateResource][],
  events: ApiEvent[],
  functions: readonly LocalFunction[],
  resolve: (v: unknown) => unknown,
): LocalApi[] => {
  const globals = asRecord(template.Globals?.Api);
  const apiProps = new Map<string, Props>(apiResources.map(([id, r]) => [id, asRecord(resolve({ ...globals, ...asRecord(r.Properties) }))]));
  const routesByApi = new Map<string, ApiRoute[]>();
  for (const { functionId, props } of events) {
    const apiId = props.RestApiId === undefined ? IMPLICIT_API : String(props.RestApiId);
    if (!apiProps.has(apiId)) {
      if (apiId !== IMPLICIT_API) throw new Error(`Api event of ${functionId} points at ${apiId}, which is not an AWS::Serverless::Api`);
      apiProps.set(apiId, asRecord(resolve(globals)));
    }
    const api = apiProps.get(apiId) as Props;
    const routes = routesByApi.get(apiId) ?? [];
    routes.push(buildRoute(apiId, api, functionId, props));
    routesByApi.set(apiId, routes);
  }
  return [...apiProps.entries()].map(([id, p]) => {
    const auth = asRecord(p.Auth);
    const own = routesByApi.get(id) ?? [];
    const taken = new Set(own.map((r) => `${r.method} ${r.path}`));
    const fromBody = definitionBodyRoutes(id, p, functions).filter((r) => !taken.has(`${r.method} ${r.path}`));
    return {
      logicalId: id,
      stageName: String(p.StageName ?? 'Prod'),
      ...(p.Cors !== undefined ? { cors: buildCors(p.Cors) } : {}),
      apiKeyOnPreflight: auth.AddApiKeyRequiredToCorsPreflight !== false,
      gatewayResponses: buildGatewayResponses(asRecord(p.GatewayResponses)),
      routes: [...own, ...fromBody],
    };
  });
};

const buildRoute = (apiId: string, api: Props, functionId: string, p: Props): ApiRoute => {
  const apiAuth = asRecord(api.Auth);
  const routeAuth = asRecord(p.Auth);
  const apiKeyRequired = (routeAuth.ApiKeyRequired ?? apiAuth.ApiKeyRequired) === true;
  const model = asRecord(p.RequestModel);
  const route: ApiRoute = {
    apiLogicalId: apiId,
    path: String(p.Path),
    method: String(p.Method ?? 'ANY').toUpperCase(),
    functionLogicalId: functionId,
    apiKeyRequired,
  };
  if (model.Model !== undefined) {
    const schema = asRecord(api.Models)[String(model.Model)];
    if (!isRecord(schema)) throw new Error(`RequestModel ${String(model.Model)} of ${functionId} is not in the API's Models`);
    route.requestModel = {
      name: String(model.Model),
      schema,
      required: model.Required === true,
      validateBody: model.ValidateBody === true,
    };
  }
  return route;
};

/**
 * Routes declared in the API's OpenAPI (swagger 2.0) DefinitionBody: `aws_proxy` Lambda integrations and
 * `aws` service integrations with their mapping templates; body validation from its request validators, with
 * `#/definitions/<name>` resolved against the API's Models (SAM adds them there, lower-cased, on merge).
 */
const definitionBodyRoutes = (apiId: string, api: Props, functions: readonly LocalFunction[]): ApiRoute[] => {
  const body = asRecord(api.DefinitionBody);
  const validators = asRecord(body['x-amazon-apigateway-request-validators']);
  const models = { ...asRecord(body.definitions), ...asRecord(api.Models) };
  const modelNamed = (ref: string): [string, Props] | undefined => {
    const name = ref.replace('#/definitions/', '');
    const key = Object.keys(models).find((k) => k === name || k.toLowerCase() === name.toLowerCase());
    return key ? [key, asRecord(models[key])] : undefined;
  };
  const apiKeyByDefault = asRecord(api.Auth).ApiKeyRequired === true;
  const routes: ApiRoute[] = [];
  for (const [path, methods] of Object.entries(asRecord(body.paths))) {
    for (const [verb, value] of Object.entries(asRecord(methods))) {
      const op = asRecord(value);
      const integration = asRecord(op['x-amazon-apigateway-integration']);
      if (verb.startsWith('parameters') || !integration.type || integration.type === 'mock') continue;
      const method = verb.toLowerCase() === 'x-amazon-apigateway-any-method' ? 'ANY' : verb.toUpperCase();
      const security = Array.isArray(op.security) ? (op.security as Props[]) : [];
      const route: ApiRoute = { apiLogicalId: apiId, path, method, apiKeyRequired: apiKeyByDefault || security.some((s) => 'api_key' in s) };
      const uri = String(integration.uri ?? '');
      if (integration.type === 'aws_proxy') {
        const fn = functions.find((f) => uri.includes(`${f.arn}/`) || uri.includes(`:function:${f.name}/`));
        if (!fn) throw new Error(`${method} ${path}: no function of the template matches the integration ${uri}`);
        route.functionLogicalId = fn.logicalId;
      } else if (integration.type === 'aws') {
        const action = /:([a-z0-9-]+):action\/([A-Za-z]+)/.exec(uri);
        if (!action) throw new Error(`${method} ${path}: integration URI ${uri} is not an AWS service action`);
        route.integration = {
          service: action[1] as string,
          action: action[2] as string,
          requestTemplates: Object.fromEntries(Object.entries(asRecord(integration.requestTemplates)).map(([k, v]) => [k, String(v)])),
          responses: Object.entries(asRecord(integration.responses)).map(([key, r]) => {
            const response = asRecord(r);
            const headers = Object.entries(asRecord(response.responseParameters))
              .filter(([k]) => k.startsWith('method.response.header.'))
              .map(([k, v]) => [k.slice('method.response.header.'.length), unquote(v)]);
            return {
              ...(key !== 'default' ? { selectionPattern: String(response.selectionPattern ?? key) } : {}),
              statusCode: Number(response.statusCode ?? 200),
              headers: Object.fromEntries(headers),
              templates: Object.fromEntries(Object.entries(asRecord(response.responseTemplates)).map(([k, v]) => [k, String(v)])),
            };
          }),
        };
      } else {
        throw new Error(`${method} ${path}: integration type ${String(integration.type)} is not supported by the local stack`);
      }
      const validatorName = op['x-amazon-apigateway-request-validator'] ?? body['x-amazon-apigateway-request-validator'];
      const validateBody = validatorName !== undefined && asRecord(validators[String(validatorName)]).validateRequestBody === true;
      const bodyParameter = (Array.isArray(op.parameters) ? (op.parameters as Props[]) : []).find((p) => p.in === 'body');
      const schema = asRecord(bodyParameter?.schema);
      const model = typeof schema.$ref === 'string' ? modelNamed(schema.$ref) : bodyParameter ? ['inline', schema] : undefined;
      if (model) route.requestModel = { name: model[0] as string, schema: model[1] as Props, required: bodyParameter?.required === true, validateBody };
      routes.push(route);
    }
  }
  return routes;
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
      const headers = asRecord(asRecord(r.ResponseParameters).Headers);
      return [
        type,
        {
          ...(r.StatusCode !== undefined ? { statusCode: Number(r.StatusCode) } : {}),
          headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, unquote(v)])),
          templates: Object.fromEntries(Object.entries(asRecord(r.ResponseTemplates)).map(([k, v]) => [k, String(v)])),
        },
      ];
    }),
  );

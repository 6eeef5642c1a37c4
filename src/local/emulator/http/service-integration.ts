/**
 * API Gateway's non-proxy AWS service integrations (`type: aws` in the DefinitionBody): the request template
 * turns the HTTP request into the service action's request, the action runs against the local stack, and
 * the `default` integration response renders the answer with its template,
 * honouring `$context.responseOverride`. Templates are compiled once, when the API is loaded (vtl.ts).
 */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { ServiceIntegration } from '../template/local-model';
import type { ApiResponse } from './messages';
import { compileMappingTemplate, type MappingInput, type MappingTemplate } from './vtl';

export interface ActionResult {
  status: number;
  body: unknown;
}

/** Runs `service:action` (e.g. `states:StartSyncExecution`) with its JSON request. */
export type ServiceActions = (service: string, action: string, request: Record<string, unknown>) => Promise<ActionResult>;

/** The integration, ready to run for the request that `event` (the proxy event API Gateway would build) describes. */
export type ServiceIntegrationCall = (event: APIGatewayProxyEvent, body: string) => Promise<ApiResponse>;

const compileAll = (templates: Record<string, string>, where: string): Record<string, MappingTemplate> =>
  Object.fromEntries(Object.entries(templates).map(([type, t]) => [type, compileMappingTemplate(t, `${where}, ${type})`)]));

/** Compiles the integration's mapping templates now; throws MappingTemplateError (at start-up) naming the template. */
export const compileServiceIntegration = (integration: ServiceIntegration, where: string, actions: ServiceActions): ServiceIntegrationCall => {
  const { service, action, response } = integration;
  const requests = compileAll(integration.requestTemplates, `${where} (integration request`);
  const render = compileAll(response.templates, `${where} (integration response`)['application/json'];
  return async ({ headers, pathParameters, queryStringParameters, requestContext }, body) => {
    const params = { path: pathParameters ?? {}, querystring: queryStringParameters ?? {}, header: headers } as MappingInput['params'];
    const contentType = (headers['content-type'] ?? headers['Content-Type'] ?? 'application/json').split(';')[0]!.trim();
    const requestTemplate = requests[contentType] ?? requests['application/json'];
    const requestText = requestTemplate ? requestTemplate({ body, params, context: { ...requestContext } }) : body;
    let request: Record<string, unknown>;
    try {
      request = JSON.parse(requestText) as Record<string, unknown>;
    } catch (error) {
      throw new Error(`The request template of ${service}:${action} produced invalid JSON (${(error as Error).message}): ${requestText}`);
    }
    const output = JSON.stringify((await actions(service, action, request)).body);
    const override: { status?: unknown; header: Record<string, unknown> } = { header: {} };
    // Rendered first: the template may set $context.responseOverride.
    const rendered = render ? render({ body: output, params, context: { ...requestContext, responseOverride: override } }) : output;
    const overridden = Object.fromEntries(Object.entries(override.header).map(([k, v]) => [k, String(v)]));
    return {
      status: override.status !== undefined ? Number(override.status) : response.statusCode,
      headers: { 'Content-Type': 'application/json', ...response.headers, ...overridden },
      body: rendered,
    };
  };
};

/**
 * API Gateway's non-proxy AWS service integrations (`type: aws` in the DefinitionBody): the request template
 * turns the HTTP request into the service action's request, the action runs against the local stack, and
 * the integration response (chosen by selection pattern on the status) renders the answer with its template,
 * honouring `$context.responseOverride`. Templates are compiled once, when the API is loaded (vtl.ts).
 */
import type { ServiceIntegration } from '../template/local-model';
import type { ApiResponse } from './rest-api';
import { compileMappingTemplate, type MappingTemplate } from './vtl';

export interface ActionResult {
  status: number;
  body: unknown;
}

/** Runs `service:action` (e.g. `states:StartSyncExecution`) with its JSON request. */
export type ServiceActions = (service: string, action: string, request: Record<string, unknown>) => Promise<ActionResult>;

export interface IntegrationRequest {
  body: string;
  contentType: string;
  pathParameters: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  context: Record<string, unknown>;
}

type Templates = Record<string, MappingTemplate>;
const compiled = new WeakMap<ServiceIntegration, { requests: Templates; responses: Templates[] }>();

const compileAll = (templates: Record<string, string>, where: string): Templates =>
  Object.fromEntries(Object.entries(templates).map(([type, t]) => [type, compileMappingTemplate(t, `${where}, ${type})`)]));

/** Compiles the integration's mapping templates; throws MappingTemplateError (at start-up) naming the template. */
export const compileServiceIntegration = (integration: ServiceIntegration, where: string) => {
  const templates = {
    requests: compileAll(integration.requestTemplates, `${where} (integration request`),
    responses: integration.responses.map((r) =>
      compileAll(r.templates, `${where} (integration response ${r.selectionPattern ?? 'default'}`),
    ),
  };
  compiled.set(integration, templates);
  return templates;
};

export const callServiceIntegration = async (integration: ServiceIntegration, req: IntegrationRequest, actions: ServiceActions): Promise<ApiResponse> => {
  const templates = compiled.get(integration) ?? compileServiceIntegration(integration, `${integration.service}:${integration.action}`);
  const params = { path: req.pathParameters, querystring: req.query, header: req.headers };
  const requestTemplate = templates.requests[req.contentType] ?? templates.requests['application/json'];
  const requestText = requestTemplate ? requestTemplate({ body: req.body, params, context: req.context }) : req.body;
  let request: Record<string, unknown>;
  try {
    request = JSON.parse(requestText) as Record<string, unknown>;
  } catch (error) {
    const reason = (error as Error).message;
    throw new Error(`The request template of ${integration.service}:${integration.action} produced invalid JSON (${reason}): ${requestText}`);
  }
  const result = await actions(integration.service, integration.action, request);
  const status = String(result.status);
  const matching = integration.responses.findIndex((r) => r.selectionPattern !== undefined && new RegExp(`^(?:${r.selectionPattern})$`).test(status));
  const index = matching >= 0 ? matching : integration.responses.findIndex((r) => r.selectionPattern === undefined);
  const response = integration.responses[index];
  if (!response) return { status: 500, headers: { 'Content-Type': 'application/json' }, body: '{"message": "Internal server error"}' };
  const override: { status?: unknown; header: Record<string, unknown> } = { header: {} };
  const render = templates.responses[index]?.['application/json'];
  const output = JSON.stringify(result.body);
  // Rendering first: the template may set $context.responseOverride.
  const body = render ? render({ body: output, params, context: { ...req.context, responseOverride: override } }) : output;
  const headers = Object.fromEntries(Object.entries(override.header).map(([k, v]) => [k, String(v)]));
  return {
    status: override.status !== undefined ? Number(override.status) : response.statusCode,
    headers: { 'Content-Type': 'application/json', ...response.headers, ...headers },
    body,
  };
};

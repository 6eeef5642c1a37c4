/**
 * API Gateway's non-proxy AWS service integrations (`type: aws` in the DefinitionBody): the request template
 * turns the HTTP request into the service action's request, the action runs against the local stack, and
 * the integration response (chosen by selection pattern on the status) renders the answer with its template,
 * honouring `$context.responseOverride`. Templates are compiled once, when the API is loaded (vtl.ts).
 */
import type { ServiceIntegration } from '../template/local-model';
import type { ApiResponse } from './rest-api';
import { compileMappingTemplate, type MappingInput, type MappingTemplate } from './vtl';

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

interface Compiled {
  requests: Record<string, MappingTemplate>;
  responses: MappingTemplate[];
}

const compiled = new WeakMap<ServiceIntegration, Compiled>();

/** Compiles the integration's mapping templates; throws MappingTemplateError (at start-up) naming the template. */
export const compileServiceIntegration = (integration: ServiceIntegration, where: string): void => {
  const compile = (templates: Record<string, string>, what: string): Record<string, MappingTemplate> =>
    Object.fromEntries(Object.entries(templates).map(([type, t]) => [type, compileMappingTemplate(t, `${where} (${what}, ${type})`)]));
  compiled.set(integration, {
    requests: compile(integration.requestTemplates, 'integration request'),
    responses: integration.responses.map((r) => {
      const template = compile(r.templates, `integration response ${r.selectionPattern ?? 'default'}`)['application/json'];
      return template ?? ((input) => input.body);
    }),
  });
};

export const callServiceIntegration = async (integration: ServiceIntegration, req: IntegrationRequest, actions: ServiceActions): Promise<ApiResponse> => {
  if (!compiled.has(integration)) compileServiceIntegration(integration, `${integration.service}:${integration.action}`);
  const templates = compiled.get(integration)!;
  const input = (body: string, context: Record<string, unknown>): MappingInput => ({
    body,
    params: { path: req.pathParameters, querystring: req.query, header: req.headers },
    context,
  });
  const requestTemplate = templates.requests[req.contentType] ?? templates.requests['application/json'];
  const requestText = requestTemplate === undefined ? req.body : requestTemplate(input(req.body, req.context));
  let request: Record<string, unknown>;
  try {
    request = JSON.parse(requestText) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`The request template of ${integration.service}:${integration.action} produced invalid JSON (${(error as Error).message}): ${requestText}`);
  }
  const result = await actions(integration.service, integration.action, request);
  const status = String(result.status);
  const index = [
    integration.responses.findIndex((r) => r.selectionPattern !== undefined && new RegExp(`^(?:${r.selectionPattern})$`).test(status)),
    integration.responses.findIndex((r) => r.selectionPattern === undefined),
  ].find((i) => i >= 0);
  const response = index === undefined ? undefined : integration.responses[index];
  if (index === undefined || !response) return { status: 500, headers: { 'Content-Type': 'application/json' }, body: '{"message": "Internal server error"}' };
  const override: { status?: unknown; header: Record<string, unknown> } = { header: {} };
  const body = templates.responses[index]!(input(JSON.stringify(result.body), { ...req.context, responseOverride: override }));
  return {
    status: override.status !== undefined ? Number(override.status) : response.statusCode,
    headers: {
      'Content-Type': 'application/json',
      ...response.headers,
      ...Object.fromEntries(Object.entries(override.header).map(([k, v]) => [k, String(v)])),
    },
    body,
  };
};

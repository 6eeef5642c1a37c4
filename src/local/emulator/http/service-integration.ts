/**
 * API Gateway's non-proxy AWS service integrations (`type: aws` in the DefinitionBody): the request template
 * turns the HTTP request into the service action's request, the action runs against the local stack, and
 * the integration response (chosen by selection pattern on the status) renders the answer with its template,
 * honouring `$context.responseOverride`. Step Functions' StartExecution and StartSyncExecution are supported.
 */
import type { ServiceIntegration } from '../template/local-model';
import { queryPath } from '../state-machine/intrinsics';
import type { ApiResponse } from './rest-api';
import { renderVtl, type VtlScope } from './vtl';

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

/** Apache Commons' escapeJavaScript, which `$util.escapeJavaScript` is. */
export const escapeJavaScript = (text: string): string =>
  text.replace(/[\\'"/\b\f\n\r\t]|[^\x20-\x7e]/g, (c) => {
    const named: Record<string, string> = { '\\': '\\\\', "'": "\\'", '"': '\\"', '/': '\\/', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    return named[c] ?? `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  });

const util = {
  escapeJavaScript: (s: unknown) => escapeJavaScript(String(s)),
  parseJson: (s: unknown) => JSON.parse(String(s)) as unknown,
  urlEncode: (s: unknown) => encodeURIComponent(String(s)),
  urlDecode: (s: unknown) => decodeURIComponent(String(s)),
  base64Encode: (s: unknown) => Buffer.from(String(s)).toString('base64'),
  base64Decode: (s: unknown) => Buffer.from(String(s), 'base64').toString('utf8'),
};

const scopeFor = (body: string, req: Omit<IntegrationRequest, 'body' | 'contentType'>): VtlScope => {
  let parsed: unknown;
  try {
    parsed = body ? JSON.parse(body) : {};
  } catch {
    parsed = undefined;
  }
  const lookup = (path: unknown): unknown => {
    try {
      return queryPath(String(path ?? '$'), parsed, undefined);
    } catch {
      return undefined;
    }
  };
  return {
    input: {
      body,
      path: lookup,
      json: (path: unknown) => JSON.stringify(lookup(path) ?? null),
      params: (name?: unknown) =>
        name === undefined
          ? { path: req.pathParameters, querystring: req.query, header: req.headers }
          : (req.pathParameters[String(name)] ?? req.query[String(name)] ?? req.headers[String(name)]),
    },
    util,
    context: req.context,
  };
};

export const callServiceIntegration = async (integration: ServiceIntegration, req: IntegrationRequest, actions: ServiceActions): Promise<ApiResponse> => {
  const requestTemplate = integration.requestTemplates[req.contentType] ?? integration.requestTemplates['application/json'];
  const requestText = requestTemplate === undefined ? req.body : renderVtl(requestTemplate, scopeFor(req.body, req));
  let request: Record<string, unknown>;
  try {
    request = JSON.parse(requestText) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`The request template of ${integration.service}:${integration.action} produced invalid JSON (${(error as Error).message}): ${requestText}`);
  }
  const result = await actions(integration.service, integration.action, request);
  const status = String(result.status);
  const response =
    integration.responses.find((r) => r.selectionPattern !== undefined && new RegExp(`^(?:${r.selectionPattern})$`).test(status)) ??
    integration.responses.find((r) => r.selectionPattern === undefined);
  if (!response) return { status: 500, headers: { 'Content-Type': 'application/json' }, body: '{"message": "Internal server error"}' };
  const override: { status?: unknown; header: Record<string, unknown> } = { header: {} };
  const resultText = JSON.stringify(result.body);
  const template = response.templates['application/json'];
  const body = template === undefined ? resultText : renderVtl(template, scopeFor(resultText, { ...req, context: { ...req.context, responseOverride: override } }));
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

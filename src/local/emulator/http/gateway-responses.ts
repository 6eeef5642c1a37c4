/**
 * API Gateway's own answers (gateway responses): the default status and message of each type, overridden by
 * the template's GatewayResponses (status, headers, `application/json` template), with DEFAULT_4XX/5XX as
 * fallbacks. Templates only substitute `$context` variables, as API Gateway does for gateway responses, and
 * exactly as it does: nothing is escaped — `$context.error.messageString` is the message already in double
 * quotes, while `$context.error.validationErrorString` is raw text whose messages hold double quotes (so it
 * cannot sit inside a JSON string of a template that must stay valid JSON).
 */
import type { GatewayResponseModel } from '../template/local-model';
import type { ApiResponse } from './messages';

const GATEWAY_DEFAULTS = {
  MISSING_AUTHENTICATION_TOKEN: { status: 403, message: 'Missing Authentication Token' },
  INVALID_API_KEY: { status: 403, message: 'Forbidden' },
  BAD_REQUEST_BODY: { status: 400, message: 'Invalid request body' },
  REQUEST_TOO_LARGE: { status: 413, message: 'Request Too Long' },
  INTEGRATION_FAILURE: { status: 502, message: 'Internal server error' },
  INTEGRATION_TIMEOUT: { status: 504, message: 'Endpoint request timed out' },
} as const;

export type GatewayResponseType = keyof typeof GATEWAY_DEFAULTS;

export interface ErrorContext {
  requestId: string;
  resourcePath?: string;
  httpMethod: string;
  stage: string;
  validationErrorString?: string;
}

export const renderGatewayResponse = (
  type: GatewayResponseType,
  configured: Readonly<Record<string, GatewayResponseModel>>,
  ctx: ErrorContext,
): ApiResponse & { body: string } => {
  const defaults = GATEWAY_DEFAULTS[type];
  const own = configured[type];
  const fallback = configured[defaults.status >= 500 ? 'DEFAULT_5XX' : 'DEFAULT_4XX'];
  const template = own?.templates['application/json'] ?? fallback?.templates['application/json'];
  const variables: Record<string, string> = {
    'error.message': defaults.message,
    'error.messageString': `"${defaults.message}"`,
    'error.responseType': type,
    'error.validationErrorString': ctx.validationErrorString ?? '',
    requestId: ctx.requestId,
    extendedRequestId: ctx.requestId,
    httpMethod: ctx.httpMethod,
    resourcePath: ctx.resourcePath ?? '',
    stage: ctx.stage,
  };
  const variable = /\$\{context\.([A-Za-z.]+)\}|\$context\.([A-Za-z]+(?:\.[A-Za-z]+)*)/g;
  const body =
    template === undefined
      ? JSON.stringify({ message: defaults.message })
      : template.replace(variable, (_, braced?: string, bare?: string) => variables[braced ?? bare ?? ''] ?? '');
  return {
    status: own?.statusCode ?? defaults.status,
    headers: {
      'Content-Type': 'application/json',
      'x-amzn-ErrorType': type === 'INVALID_API_KEY' ? 'ForbiddenException' : type === 'MISSING_AUTHENTICATION_TOKEN' ? 'MissingAuthenticationTokenException' : type,
      ...fallback?.headers,
      ...own?.headers,
      'x-amzn-RequestId': ctx.requestId,
    },
    body,
  };
};

/**
 * `POST /_local/functions/{logicalId}/invoke`: the Docker-free `sam local invoke -e`. The event goes through
 * the local Lambda runtime like any other invocation (fault injection, timeout, statistics, the function's
 * log), and the answer carries what `sam local invoke` shows: the function's response or error, and the log
 * lines of this invocation only (START … REPORT).
 *
 * `envVars` follows `sam local invoke --env-vars`: it overrides variables the template declares for the
 * function, for this call only; names the template does not declare are ignored, as SAM ignores them (the
 * function would not have them on AWS either), and listed in `ignoredEnvVars` so that nothing is dropped
 * without a word.
 */
import type { EnvVarValue, InvokeAnswer } from './invoke-answer';
import { NOT_RUN_LOCALLY } from '../orders/functions';
import type { LocalServices } from '../services';
import { bodySchema, readJsonBody, type DevApiRequest } from './request-body';
import { DevApiProblem, notFound } from './problems';

/** Lambda's limit for a synchronous invocation's request payload. */
const MAX_INVOKE_BODY_BYTES = 6 * 1024 * 1024;

interface InvokeRequest {
  event: unknown;
  envVars?: Record<string, EnvVarValue>;
}

const invokeSchema = bodySchema<InvokeRequest>({
  type: 'object',
  required: ['event'],
  additionalProperties: false,
  properties: {
    event: {},
    envVars: {
      type: 'object',
      propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
      additionalProperties: { type: ['string', 'number', 'boolean'] },
    },
  },
});

export const invokeFunction = async (services: Pick<LocalServices, 'model' | 'lambda'>, logicalId: string, req: DevApiRequest): Promise<InvokeAnswer> => {
  const fn = services.model.functions.find((f) => f.logicalId === logicalId);
  if (!fn) throw notFound(`Function ${logicalId}`);
  const skipped = NOT_RUN_LOCALLY[fn.entry];
  if (skipped !== undefined) throw new DevApiProblem(404, `${logicalId} does not run on the local stack: ${skipped}`);
  const { event, envVars } = readJsonBody(req, invokeSchema, MAX_INVOKE_BODY_BYTES);
  const declared = Object.entries(envVars ?? {}).filter(([name]) => Object.hasOwn(fn.environment, name));
  const ignored = Object.keys(envVars ?? {}).filter((name) => !Object.hasOwn(fn.environment, name));
  const logs: string[] = [];
  const started = performance.now();
  const outcome = await services.lambda.invoke(fn.logicalId, event, {
    // As in SAM's env-vars file, numbers and booleans are passed on as their text.
    ...(envVars ? { environment: Object.fromEntries(declared.map(([name, value]) => [name, String(value)])) } : {}),
    onLogLine: (line) => logs.push(line),
  });
  const durationMs = Math.round((performance.now() - started) * 100) / 100;
  const common = { functionLogicalId: fn.logicalId, requestId: outcome.requestId, durationMs, logs, ...(ignored.length > 0 ? { ignoredEnvVars: ignored } : {}) };
  if (outcome.ok) return { ...common, result: outcome.payload };
  const { errorType, errorMessage, trace } = outcome.error;
  return { ...common, error: { errorType, errorMessage, ...(trace.length > 0 ? { trace } : {}) } };
};

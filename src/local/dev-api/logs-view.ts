/**
 * `GET /_local/logs?since=<epoch ms>&function=<Name>&filter=<text>&limit=<n>`: the functions' log lines, oldest
 * first from `since` (inclusive), as `orders logs` reads them (src/cli/sources/local-source.ts). `function` may
 * repeat and takes the short name (`ProcessPayment`) or the logical id; `filter` is a case-sensitive substring;
 * `limit=0` answers only the function names. Like FilterLogEvents, a long window is cut at `limit` lines from
 * its start (`truncated: true`); a caller that follows (`orders logs --tail`) asks again from the last timestamp
 * it saw and drops repeats by id.
 */
import { NOT_RUN_LOCALLY } from '../orders/functions';
import { shortFunctionName, type FunctionLogLine } from '../emulator/logs/function-log-store';
import type { LocalServices } from '../services';
import { badRequest } from './problems';
import { wholeNumber } from './request-body';

const MAX_LOG_LINES = 10_000;

export interface LogsAnswer {
  functions: string[];
  logs: FunctionLogLine[];
  truncated?: true;
}

const sinceOf = (raw: string | null): number => {
  if (raw === null || raw === '') return 0;
  const value = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
  if (Number.isFinite(value)) return value;
  throw badRequest('Invalid query string', [{ field: 'since', message: `must be epoch milliseconds or an ISO date, got "${raw}"` }]);
};

/** The functions that run locally, by the short name their lines carry. */
export const logFunctionNames = (services: Pick<LocalServices, 'model'>): string[] =>
  services.model.functions.filter((f) => !(f.entry in NOT_RUN_LOCALLY)).map((f) => shortFunctionName(f.logicalId));

export const readLogs = (services: Pick<LocalServices, 'model' | 'logs'>, params: URLSearchParams): LogsAnswer => {
  const since = sinceOf(params.get('since'));
  const limit = wholeNumber(params, 'limit', { min: 0, max: MAX_LOG_LINES, fallback: MAX_LOG_LINES });
  const functions = logFunctionNames(services);
  if (limit === 0) return { functions, logs: [] };
  const filter = params.get('filter');
  const lines = services.logs.query({
    since,
    functions: params.getAll('function').map(shortFunctionName),
    ...(filter ? { filter } : {}),
    limit: limit + 1,
  });
  return lines.length > limit ? { functions, logs: lines.slice(0, limit), truncated: true } : { functions, logs: lines };
};

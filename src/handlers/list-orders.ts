/** GET /orders?status=&limit=&cursor=: newest first, one page at a time. */
import { ORDER_STATUSES, type OrderStatus } from '../domain/order';
import type { ListOrdersQuery } from '../domain/ports';
import type { AppDeps } from '../app/deps';
import { listOrders } from '../app/list-orders';
import { apiHandler, json } from './middleware/api-handler';
import type { FieldError } from '../shared/field-errors';
import { badRequest } from './middleware/http-problem';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export const makeListOrdersHandler = (deps: Pick<AppDeps, 'orders'>) =>
  apiHandler(async (event) => json(200, await listOrders(parseQuery(event.queryStringParameters ?? {}), deps)));

const parseQuery = (params: Record<string, string | undefined>): ListOrdersQuery => {
  const errors: FieldError[] = [];
  const { status, limit, cursor } = params;
  if (status !== undefined && !ORDER_STATUSES.includes(status as OrderStatus)) {
    errors.push({ field: 'status', message: `must be one of ${ORDER_STATUSES.join(', ')}` });
  }
  const size = limit === undefined ? DEFAULT_PAGE_SIZE : Number(limit);
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    errors.push({ field: 'limit', message: `must be an integer from 1 to ${MAX_PAGE_SIZE}` });
  }
  if (errors.length) throw badRequest('Invalid query string', errors);
  return { limit: size, ...(status ? { status: status as OrderStatus } : {}), ...(cursor ? { cursor } : {}) };
};

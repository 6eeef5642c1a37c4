/**
 * What the local stack refuses before it reads a request's body, whatever the route:
 *  - a `Host` that is not a loopback name with the stack's port (a DNS-rebinding page reaches 127.0.0.1 under its
 *    own name, so its requests carry that name): 421 Misdirected Request;
 *  - a state-changing request (POST, PUT, PATCH, DELETE) to the stack's own endpoints (`/_local/`, `/console`)
 *    with an `Origin` other than the stack's own: a web page may send "simple" cross-origin POSTs without asking,
 *    and one could otherwise pause the payment consumer or redrive a DLQ. 403.
 * The REST API's routes are not origin-checked: curl and Postman send no Origin, and browsers are governed by the
 * template's Cors configuration, as on API Gateway.
 */
import { headerValues, jsonResponse, type ApiResponse, type RequestHead } from './messages';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** The stack's own endpoints (the dev API and the console), as opposed to the template's API. */
const OWN_ENDPOINT = /^\/(_local\/|console(\/|$))/;

/** Whether `value` is a loopback name with the stack's port: a `Host` naming this stack, or (with `http://`) the origin of a page it served. */
const isLoopback = (value: string | undefined, port: number, scheme = ''): boolean =>
  LOOPBACK_NAMES.some((name) => value?.toLowerCase() === `${scheme}${name}:${port}`);

/** A refusal for a request the stack must not serve, or undefined to go on. */
export const guardRequest = (head: RequestHead, port: number): ApiResponse | undefined => {
  const hosts = headerValues(head.rawHeaders, 'host');
  if (hosts.length !== 1 || !isLoopback(hosts[0], port)) {
    return jsonResponse(421, { message: `The local stack answers only to Host 127.0.0.1:${port}, localhost:${port} or [::1]:${port}` });
  }
  if (!STATE_CHANGING.has(head.method) || !OWN_ENDPOINT.test(head.url.pathname)) return undefined;
  const origins = headerValues(head.rawHeaders, 'origin');
  if (origins.length === 0 || (origins.length === 1 && isLoopback(origins[0], port, 'http://'))) return undefined;
  const message = `Cross-origin ${head.method} to ${head.url.pathname} refused: only pages served by the local stack may change its state`;
  return jsonResponse(403, { message });
};

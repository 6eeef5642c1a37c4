/**
 * The local REST API's resource matching, as API Gateway ranks resources: a literal segment before a `{param}`,
 * a `{param}` before a `{proxy+}` tail (which needs at least one segment), and a method's own route before ANY.
 */
import { routeFor, routeTable } from '../../../src/local/emulator/http/routes';
import type { ApiRoute } from '../../../src/local/emulator/template/local-model';

const route = (method: string, path: string): ApiRoute => ({
  apiLogicalId: 'Api',
  method,
  path,
  functionLogicalId: `${method} ${path}`,
  apiKeyRequired: false,
});

const match = routeTable([
  route('GET', '/orders/{proxy+}'),
  route('GET', '/orders/{orderId}'),
  route('ANY', '/orders/{orderId}'),
  route('GET', '/orders/summary'),
  route('POST', '/orders'),
  route('GET', '/{proxy+}'),
]);

test('a literal segment outranks a parameter, which outranks a greedy tail', () => {
  expect(match('/orders/summary')?.resourcePath).toBe('/orders/summary');
  expect(match('/orders/o-1')).toMatchObject({ resourcePath: '/orders/{orderId}', pathParameters: { orderId: 'o-1' } });
  expect(match('/orders/o-1/lines/2')).toMatchObject({ resourcePath: '/orders/{proxy+}', pathParameters: { proxy: 'o-1/lines/2' } });
  expect(match('/orders')?.resourcePath).toBe('/orders');
  expect(match('/elsewhere/x')).toMatchObject({ resourcePath: '/{proxy+}', pathParameters: { proxy: 'elsewhere/x' } });
});

test('a greedy tail needs at least one segment; path parameters are decoded', () => {
  expect(routeTable([route('GET', '/files/{proxy+}')])('/files')).toBeUndefined();
  expect(match('/orders/a%20b')?.pathParameters).toEqual({ orderId: 'a b' });
});

test("the method's own route first, then ANY; none for a method the resource does not take", () => {
  const orders = match('/orders/o-1')!;
  expect(routeFor(orders, 'GET')?.method).toBe('GET');
  expect(routeFor(orders, 'DELETE')?.method).toBe('ANY');
  expect(routeFor(match('/orders')!, 'GET')).toBeUndefined();
});

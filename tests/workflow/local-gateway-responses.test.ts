/**
 * API Gateway's own answers (gateway responses): the local stack substitutes their variables exactly as API
 * Gateway does (nothing escaped), and template.yaml's responses stay valid JSON whatever the messages hold.
 */
import { join } from 'node:path';
import { renderGatewayResponse } from '../../src/local/emulator/http/gateway-responses';
import { buildLocalModel } from '../../src/local/emulator/template/build-model';
import { loadTemplate } from '../../src/local/emulator/template/load-template';

const templatePath = join(__dirname, '..', '..', 'template.yaml');
const templateResponses = () => buildLocalModel(loadTemplate(templatePath), { templatePath, baseUrl: 'http://127.0.0.1:1' }).apis[0]!.gatewayResponses;
/** What API Gateway's validator says of a body without customerId: its message holds double quotes. */
const validationErrorString = '[object has missing required properties (["customerId"])]';
const ctx = { requestId: 'r', httpMethod: 'POST', stage: 'prod', validationErrorString };

describe('gateway responses', () => {
  test('variables are substituted as API Gateway does: messageString comes quoted, validationErrorString raw', () => {
    const configured = {
      BAD_REQUEST_BODY: { statusCode: 400, headers: { 'Access-Control-Allow-Origin': '*' }, templates: { 'application/json': '{"m":$context.error.messageString,"v":"$context.error.validationErrorString","t":"$context.error.responseType"}' } },
      DEFAULT_4XX: { headers: {}, templates: { 'application/json': '{"message":$context.error.messageString}' } },
    };

    const bad = renderGatewayResponse('BAD_REQUEST_BODY', configured, ctx);
    const tooLarge = renderGatewayResponse('REQUEST_TOO_LARGE', configured, ctx);

    // The same text API Gateway sends, which is not JSON: a template must not put validationErrorString in a string.
    expect(bad.body).toBe(`{"m":"Invalid request body","v":"${validationErrorString}","t":"BAD_REQUEST_BODY"}`);
    expect(() => JSON.parse(bad.body)).toThrow(SyntaxError);
    expect(bad.headers['Access-Control-Allow-Origin']).toBe('*');
    expect([tooLarge.status, JSON.parse(tooLarge.body)]).toEqual([413, { message: 'Request Too Long' }]);
  });

  test("template.yaml's BAD_REQUEST_BODY is valid JSON when the validation message holds quotes", () => {
    const bad = renderGatewayResponse('BAD_REQUEST_BODY', templateResponses(), ctx);

    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toEqual({ message: 'Invalid request body', errors: [{ field: 'body', message: expect.any(String) }] });
  });

  test("every gateway response of template.yaml is valid JSON for every type the local stack answers", () => {
    for (const type of ['MISSING_AUTHENTICATION_TOKEN', 'INVALID_API_KEY', 'BAD_REQUEST_BODY', 'REQUEST_TOO_LARGE', 'INTEGRATION_FAILURE', 'INTEGRATION_TIMEOUT'] as const) {
      const body = renderGatewayResponse(type, templateResponses(), ctx).body;

      expect({ type, message: typeof (JSON.parse(body) as { message?: unknown }).message }).toEqual({ type, message: 'string' });
    }
  });
});

/**
 * POST /orders/quote: API Gateway → StartSyncExecution of the Express quote workflow, no Lambda in front. What the
 * template must say for that to work, checked on the template and on SAM's transform of it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import createOrderSchema from '../../src/schemas/create-order-request.json';
import { deriveQuoteRequestSchema, type Schema } from '../../src/schemas/quote-request';
import { asArray, asRecord, isGetAtt, isRef, propsOf, resource, ROOT, samTranslatorAvailable, subText, transformedTemplate } from './template-fixture';

const api = propsOf('OrdersApi');
const quoteOperation = asRecord(asRecord(asRecord(asRecord(api.DefinitionBody).paths)['/orders/quote']).post);
const integration = asRecord(quoteOperation['x-amazon-apigateway-integration']);

describe('QuoteRequest model', () => {
  it('is derived from CreateOrderRequest (npm run schema:sync writes it)', () => {
    expect(asRecord(api.Models).QuoteRequest).toEqual(deriveQuoteRequestSchema(createOrderSchema as Schema));
  });

  it('validates the body of POST /orders/quote', () => {
    expect(quoteOperation['x-amazon-apigateway-request-validator']).toBe('body-only');
    expect(asRecord(asRecord(api.DefinitionBody)['x-amazon-apigateway-request-validators'])['body-only']).toEqual({ validateRequestBody: true, validateRequestParameters: false });
    expect(asArray(quoteOperation.parameters)).toEqual([{ in: 'body', name: 'QuoteRequest', required: true, schema: { $ref: '#/definitions/quoterequest' } }]);
  });
});

describe('POST /orders/quote integration', () => {
  it('calls StartSyncExecution directly, as the quote role', () => {
    expect(integration).toMatchObject({ type: 'aws', httpMethod: 'POST', passthroughBehavior: 'never' });
    expect(subText(integration.uri)).toBe('arn:${AWS::Partition}:apigateway:${AWS::Region}:states:action/StartSyncExecution');
    expect(isGetAtt(integration.credentials, 'QuoteApiRole', 'Arn')).toBe(true);
  });

  it('starts the quote state machine with the request body as input', () => {
    const template = subText(asRecord(integration.requestTemplates)['application/json']) ?? '';
    expect(template).toContain('"stateMachineArn": "${QuoteStateMachine}"');
    expect(template).toContain(`"input": "$util.escapeJavaScript($input.json('$')).replaceAll("\\\\'", "'")"`);
  });

  it('maps every execution status to an answer', () => {
    const response = String(asRecord(asRecord(asRecord(integration.responses).default).responseTemplates)['application/json']);
    for (const status of [400, 409, 500, 504]) expect(response).toContain(`#set($context.responseOverride.status = ${status})`);
    for (const code of ['200', '400', '409', '500', '504']) expect(Object.keys(asRecord(quoteOperation.responses))).toContain(code);
  });

  it('lets API Gateway start synchronous executions of that state machine and nothing else', () => {
    const role = propsOf('QuoteApiRole');
    const statements = asArray(asRecord(asRecord(asArray(role.Policies)[0]).PolicyDocument).Statement);
    expect(statements).toHaveLength(1);
    expect(asRecord(statements[0]).Action).toBe('states:StartSyncExecution');
    expect(isRef(asRecord(statements[0]).Resource, 'QuoteStateMachine')).toBe(true);
    expect(JSON.stringify(role.AssumeRolePolicyDocument)).toContain('apigateway.amazonaws.com');
  });
});

describe('QuoteStateMachine', () => {
  const props = propsOf('QuoteStateMachine');
  const asl = readFileSync(join(ROOT, 'statemachine', 'quote.asl.json'), 'utf8');

  it('is an Express workflow logging to its own log group', () => {
    expect(resource('QuoteStateMachine').Type).toBe('AWS::Serverless::StateMachine');
    expect(props).toMatchObject({ Type: 'EXPRESS', DefinitionUri: 'statemachine/quote.asl.json', Logging: { Level: 'ERROR', IncludeExecutionData: false } });
    const destination = asRecord(asRecord(asArray(asRecord(props.Logging).Destinations)[0]).CloudWatchLogsLogGroup);
    expect(isGetAtt(destination.LogGroupArn, 'QuoteStateMachineLogGroup', 'Arn')).toBe(true);
  });

  it('substitutes exactly the variables its ASL uses', () => {
    const used = [...new Set([...asl.matchAll(/\$\{([A-Za-z0-9]+)\}/g)].map((m) => m[1]))].sort();
    expect(Object.keys(asRecord(props.DefinitionSubstitutions)).sort()).toEqual(used);
    expect(isGetAtt(asRecord(props.DefinitionSubstitutions).QuoteCartFunctionArn, 'QuoteCartFunction', 'Arn')).toBe(true);
  });

  it('may invoke QuoteCartFunction, which may only read the inventory', () => {
    expect(asArray(props.Policies)).toContainEqual({ LambdaInvokePolicy: { FunctionName: { Ref: 'QuoteCartFunction' } } });
    const statements = asArray(asRecord(asArray(propsOf('QuoteCartFunction').Policies)[0]).Statement);
    expect(statements).toEqual([{ Effect: 'Allow', Action: ['dynamodb:BatchGetItem'], Resource: { 'Fn::GetAtt': ['InventoryTable', 'Arn'] } }]);
  });
});

(samTranslatorAvailable() ? describe : describe.skip)('after the SAM transform', () => {
  it('keeps the quote route beside the function routes, with the API key, its model and CORS', () => {
    const body = asRecord(asRecord(transformedTemplate().Resources.OrdersApi?.Properties).Body);
    const paths = asRecord(body.paths);
    expect(Object.keys(paths).sort()).toEqual(['/orders', '/orders/quote', '/orders/{orderId}']);
    expect(asRecord(asRecord(paths['/orders/quote']).post).security).toEqual([{ api_key: [] }]);
    expect(Object.keys(asRecord(paths['/orders/quote']))).toContain('options');
    expect(asRecord(body.definitions).quoterequest).toEqual(deriveQuoteRequestSchema(createOrderSchema as Schema));
  });
});

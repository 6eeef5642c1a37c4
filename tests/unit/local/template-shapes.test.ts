/**
 * Template shapes the local stack does not emulate stop it at start-up, with the resource and the property named:
 * a silently ignored trigger, filter or queue type would run something other than what the template says.
 */
import { buildLocalModel } from '../../../src/local/emulator/template/build-model';
import { parseTemplate } from '../../../src/local/emulator/template/load-template';

const build = (yaml: string) => buildLocalModel(parseTemplate(yaml), { templatePath: '/tmp/template.yaml', baseUrl: 'http://127.0.0.1:1' });

const api = `
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Models: { Thing: { type: object } }
      DefinitionBody:
        swagger: '2.0'
        paths:
          /things:
            post:
              parameters: [{ in: body, name: Thing, required: true, schema: SCHEMA }]
              x-amazon-apigateway-integration: { type: TYPE, uri: URI, responses: RESPONSES }
`;
const fn = (events: string) => `
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: fn.handler
      Events:
${events}`;
const awsIntegration = (schema = "{ $ref: '#/definitions/thing' }", responses = "{ default: { statusCode: '200' } }") =>
  api
    .replace('SCHEMA', schema)
    .replace('TYPE', 'aws')
    .replace('URI', 'arn:aws:apigateway:local:states:action/StartSyncExecution')
    .replace('RESPONSES', responses);

describe('shapes the local stack does not emulate stop start-up', () => {
  test.each([
    [
      'a SAM SQS event',
      fn('        Q: { Type: SQS, Properties: { Queue: arn:aws:sqs:x:1:q } }'),
      /^Function Fn has an event Q of Type SQS \(Events\.Q\.Type\), which/,
    ],
    ['a SAM SNS event', fn('        T: { Type: SNS, Properties: { Topic: arn:aws:sns:x:1:t } }'), /^Function Fn has an event T of Type SNS/],
    [
      'an Api event without RestApiId',
      fn('        A: { Type: Api, Properties: { Path: /a, Method: get } }'),
      /^Function Fn has an Api event A without RestApiId \(the implicit ServerlessRestApi\)/,
    ],
    [
      'an inline topic subscription',
      '  T: { Type: AWS::SNS::Topic, Properties: { Subscription: [{ Protocol: email, Endpoint: a@b.c }] } }',
      /^Topic T has a Subscription, which the local stack does not apply$/,
    ],
    [
      'a FIFO queue',
      '  Q: { Type: AWS::SQS::Queue, Properties: { FifoQueue: true } }',
      /^Queue Q has a FifoQueue, which the local stack does not apply$/,
    ],
    [
      'an inline state machine Definition',
      '  M: { Type: AWS::Serverless::StateMachine, Properties: { Definition: { StartAt: A } } }',
      /^StateMachine M has a Definition,/,
    ],
    [
      'a DefinitionString',
      '  M: { Type: AWS::Serverless::StateMachine, Properties: { DefinitionString: "{}" } }',
      /^StateMachine M has a DefinitionString,/,
    ],
    [
      'a DefinitionUri in S3',
      '  M: { Type: AWS::Serverless::StateMachine, Properties: { DefinitionUri: { Bucket: b, Key: k } } }',
      /^StateMachine M has no DefinitionUri naming a local file/,
    ],
    [
      'an event source mapping filter',
      '  E: { Type: AWS::Lambda::EventSourceMapping, Properties: { FilterCriteria: { Filters: [] } } }',
      /^EventSourceMapping E has a FilterCriteria,/,
    ],
    [
      'a plain Lambda function',
      '  L: { Type: AWS::Lambda::Function }',
      /^Resource L is an AWS::Lambda::Function, which the local stack does not emulate$/,
    ],
    ['a SimpleTable', '  S: { Type: AWS::Serverless::SimpleTable }', /^Resource S is an AWS::Serverless::SimpleTable,/],
    ['a Step Functions state machine', '  M: { Type: AWS::StepFunctions::StateMachine }', /^Resource M is an AWS::StepFunctions::StateMachine,/],
    [
      'a Lambda proxy in DefinitionBody',
      api.replace('SCHEMA', '{}').replace('TYPE', 'aws_proxy').replace('URI', 'x').replace('RESPONSES', '{}'),
      /^Api Api, POST \/things in DefinitionBody: integration type aws_proxy is not supported/,
    ],
    [
      'integration responses chosen by selection pattern',
      awsIntegration(undefined, "{ default: { statusCode: '200' }, '4..': { statusCode: '400' } }"),
      /^Api Api, POST \/things in DefinitionBody: only one `default` integration response is supported by the local stack \(found 4\.\.\)$/,
    ],
    [
      'a service integration without a default response',
      awsIntegration(undefined, '{}'),
      /^Api Api, POST \/things in DefinitionBody: only one `default` integration response .* \(found no default\)$/,
    ],
    [
      'an inline body schema in DefinitionBody',
      awsIntegration('{ type: object }'),
      /^Api Api, POST \/things in DefinitionBody: the body schema \(inline, not a \$ref\) is not in the API's Models$/,
    ],
  ])('%s', (_shape, resources, error) => {
    expect(() => build(`Resources:\n${resources}`)).toThrow(error);
  });

  test('Globals other than Function', () => {
    const yaml = 'Globals:\n  Api: { StageName: x }\nResources: {}';

    expect(() => build(yaml)).toThrow(/^The template has Globals\.Api, which the local stack does not apply$/);
  });

  test('an event source mapping whose function is not in the template', () => {
    const mapping = '{ Type: AWS::Lambda::EventSourceMapping, Properties: { FunctionName: other, EventSourceArn: !GetAtt Q.Arn } }';
    const yaml = `Resources:\n  Q: { Type: AWS::SQS::Queue }\n  E: ${mapping}`;

    expect(() => build(yaml)).toThrow(/^EventSourceMapping E: FunctionName other is no AWS::Serverless::Function of the template$/);
  });
});

describe('the supported shapes next to them still build', () => {
  test('a DefinitionBody service integration with its body model from the Models (lower-cased, as SAM merges them)', () => {
    const route = build(`Resources:\n${awsIntegration()}`).apis[0]!.routes[0]!;

    expect(route).toMatchObject({ method: 'POST', path: '/things', integration: { service: 'states', action: 'StartSyncExecution' } });
    expect(route.requestModel).toEqual({ name: 'Thing', schema: { type: 'object' }, required: true, validateBody: false });
  });

  test('an Api event on an explicit API and an event source mapping on a queue of the template', () => {
    const yaml = `Resources:\n${awsIntegration()}${fn('        A: { Type: Api, Properties: { RestApiId: !Ref Api, Path: /a, Method: get } }')}
  Q: { Type: AWS::SQS::Queue, Properties: { QueueName: jobs } }
  E: { Type: AWS::Lambda::EventSourceMapping, Properties: { FunctionName: !Ref Fn, EventSourceArn: !GetAtt Q.Arn } }`;
    const model = build(yaml);

    const routes = model.apis[0]!.routes.map((r) => `${r.method} ${r.path} ${r.functionLogicalId ?? 'service'}`);
    expect(routes).toEqual(['GET /a Fn', 'POST /things service']);
    expect(model.eventSourceMappings).toEqual([expect.objectContaining({ functionLogicalId: 'Fn', queueName: 'jobs', batchSize: 10 })]);
  });
});

/**
 * The template's promises about its resources: encryption at rest, queue timings that cannot lose or double-process
 * a payment, the Node runtime and esbuild bundles, API keys on every route, the data model, logs with retention.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  allStates,
  asArray,
  asRecord,
  functionIds,
  globalFunction,
  idsOfType,
  isGetAtt,
  isRef,
  propsOf,
  resource,
  resourcesOfType,
  ROOT,
  samTranslatorAvailable,
  subText,
  template,
  transformedTemplate,
  type Props,
} from './template-fixture';

const parameterDefault = (name: string): unknown => template.Parameters?.[name]?.Default;
const numberOf = (value: unknown): number => Number(isRef(value, 'MaxReceiveCount') ? parameterDefault('MaxReceiveCount') : value);

describe('encryption at rest', () => {
  it('encrypts every queue (SQS managed keys or KMS)', () => {
    for (const [id, queue] of resourcesOfType('AWS::SQS::Queue')) {
      const props = asRecord(queue.Properties);
      expect({ id, encrypted: props.SqsManagedSseEnabled === true || props.KmsMasterKeyId !== undefined }).toEqual({ id, encrypted: true });
    }
  });

  it('encrypts every topic with KMS; the alarm topic with a rotating key of its own that CloudWatch may use', () => {
    for (const [id, topic] of resourcesOfType('AWS::SNS::Topic')) {
      expect({ id, key: asRecord(topic.Properties).KmsMasterKeyId }).toEqual({ id, key: expect.anything() });
    }
    expect(propsOf('NotificationTopic').KmsMasterKeyId).toBe('alias/aws/sns');
    expect(isRef(propsOf('AlarmTopic').KmsMasterKeyId, 'AlarmTopicKey')).toBe(true);
    expect(propsOf('AlarmTopicKey').EnableKeyRotation).toBe(true);
  });

  it('enables server-side encryption on every table', () => {
    const tables = resourcesOfType('AWS::DynamoDB::Table');
    expect(tables).toHaveLength(3);
    for (const [id, table] of tables) {
      expect({ id, sse: asRecord(asRecord(table.Properties).SSESpecification).SSEEnabled }).toEqual({ id, sse: true });
    }
  });
});

describe('payment queue', () => {
  const queue = propsOf('PaymentQueue');
  const dlq = propsOf('PaymentDlq');
  const consumer = propsOf('ProcessPaymentFunction');
  // Read leniently so that a template without the mapping fails the tests below rather than the whole file.
  const mapping = asRecord(template.Resources.PaymentQueueEventSource?.Properties);
  const consumerTimeout = Number(consumer.Timeout ?? globalFunction().Timeout);
  const processPayment = Object.fromEntries(allStates()).ProcessPayment ?? {};

  it('is consumed by ProcessPayment in batches, with partial batch responses', () => {
    expect(template.Resources.PaymentQueueEventSource?.Type).toBe('AWS::Lambda::EventSourceMapping');
    expect(isGetAtt(mapping.EventSourceArn, 'PaymentQueue', 'Arn')).toBe(true);
    expect(isRef(mapping.FunctionName, 'ProcessPaymentFunction')).toBe(true);
    expect(Number(mapping.BatchSize)).toBeGreaterThan(1);
    expect(mapping.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
  });

  it('has no SAM SQS event, which would attach a policy allowing every queue', () => {
    for (const id of functionIds()) {
      const types = Object.values(asRecord(propsOf(id).Events)).map((e) => asRecord(e).Type);
      expect({ id, sqs: types.includes('SQS') }).toEqual({ id, sqs: false });
    }
  });

  it('hides a message for at least 6 x the consumer timeout plus the batching window', () => {
    const window = Number(mapping.MaximumBatchingWindowInSeconds ?? 0);
    expect(Number.isFinite(consumerTimeout)).toBe(true);
    expect(Number(queue.VisibilityTimeout)).toBeGreaterThanOrEqual(6 * consumerTimeout + window);
  });

  it('redelivers before the ProcessPayment state stops waiting for a heartbeat', () => {
    expect(Number(processPayment.HeartbeatSeconds)).toBeGreaterThan(Number(queue.VisibilityTimeout));
  });

  it('moves a message to the DLQ after MaxReceiveCount receives (5 by default)', () => {
    const redrive = asRecord(queue.RedrivePolicy);
    expect(isGetAtt(redrive.deadLetterTargetArn, 'PaymentDlq', 'Arn')).toBe(true);
    expect(isRef(redrive.maxReceiveCount, 'MaxReceiveCount')).toBe(true);
    expect(numberOf(redrive.maxReceiveCount)).toBe(5);
  });

  it('keeps dead letters longer than the queue keeps messages (14 days)', () => {
    expect(Number(dlq.MessageRetentionPeriod)).toBe(1209600);
    expect(Number(dlq.MessageRetentionPeriod)).toBeGreaterThan(Number(queue.MessageRetentionPeriod ?? 345600));
  });

  it('lets only the payment queue use the DLQ, by the name the payment queue really has', () => {
    const allow = asRecord(dlq.RedriveAllowPolicy);
    expect(allow.redrivePermission).toBe('byQueue');
    const [source] = asArray(allow.sourceQueueArns).map(subText);
    expect(source).toBe(`arn:\${AWS::Partition}:sqs:\${AWS::Region}:\${AWS::AccountId}:${subText(queue.QueueName)}`);
  });
});

describe('functions', () => {
  const globals = globalFunction();
  const ENTRY = (id: string) => String(propsOf(id).Handler).replace(/\.handler$/, '');

  it('are the twelve of the contract, plus the quote workflow\'s QuoteCartFunction (issue 7)', () => {
    expect(functionIds().sort()).toEqual(
      [
        'CreateOrderFunction', 'GetOrderFunction', 'ListOrdersFunction', 'ValidateOrderFunction', 'ReserveInventoryFunction',
        'ProcessPaymentFunction', 'RefundPaymentFunction', 'ReleaseInventoryFunction', 'FulfillOrderFunction', 'NotifyFunction',
        'RecordOutcomeFunction', 'SeedInventoryFunction', 'QuoteCartFunction',
      ].sort(),
    );
  });

  it('all run on nodejs24.x with tracing, from Globals, and none overrides the runtime', () => {
    expect(globals.Runtime).toBe('nodejs24.x');
    expect(globals.Tracing).toBe('Active');
    expect(globals.Architectures).toEqual([{ Ref: 'Architecture' }]);
    expect(template.Parameters?.Architecture?.AllowedValues).toEqual(['x86_64', 'arm64']);
    for (const id of functionIds()) expect({ id, runtime: propsOf(id).Runtime }).toEqual({ id, runtime: undefined });
  });

  it('are esbuild ESM bundles of src/functions/<name>.ts with source maps and a require() banner', () => {
    expect(globals.CodeUri).toBe('src/functions');
    for (const id of functionIds()) {
      const metadata = asRecord(resource(id).Metadata);
      const build = asRecord(metadata.BuildProperties);
      const entry = ENTRY(id);
      expect({ id, method: metadata.BuildMethod }).toEqual({ id, method: 'esbuild' });
      expect({ id, build: { ...build, Banner: undefined } }).toEqual({
        id,
        build: { Format: 'esm', OutExtension: ['.js=.mjs'], Target: 'node20', Sourcemap: true, Minify: false, EntryPoints: [`${entry}.ts`], Banner: undefined },
      });
      expect(asArray(build.Banner)).toEqual([expect.stringMatching(/^js=import \{ createRequire \} from 'node:module'; const require = createRequire\(import\.meta\.url\);$/)]);
      expect({ id, exists: existsSync(join(ROOT, 'src', 'functions', `${entry}.ts`)) }).toEqual({ id, exists: true });
    }
  });

  it('apply source maps at run time (NODE_OPTIONS) and share the Powertools settings', () => {
    const environment = asRecord(asRecord(globals.Environment).Variables);
    expect(environment.NODE_OPTIONS).toBe('--enable-source-maps');
    expect(Object.keys(environment)).toEqual(expect.arrayContaining(['POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_METRICS_NAMESPACE', 'POWERTOOLS_LOG_LEVEL']));
    expect(isRef(environment.POWERTOOLS_LOG_LEVEL, 'LogLevel')).toBe(true);
  });

  it('get exactly the environment variables their entry point reads', () => {
    // Derived from the code, so a variable the code needs but the template forgets (or the reverse) fails here.
    for (const id of functionIds()) {
      const entry = asArray(asRecord(template.Resources[id]?.Metadata).BuildProperties ? asRecord(asRecord(template.Resources[id]?.Metadata).BuildProperties).EntryPoints : [])[0];
      const source = readFileSync(join(ROOT, 'src', 'functions', String(entry)), 'utf8');
      const read = [...source.matchAll(/(?:requireEnv|numberEnv)\('([A-Z_]+)'/g)].map((m) => m[1]).sort();
      const variables = Object.keys(asRecord(asRecord(propsOf(id).Environment).Variables)).sort();
      expect({ id, variables }).toEqual({ id, variables: read });
    }
  });

  it('log to a log group of their own with retention', () => {
    const logGroups = functionIds().map((id) => asRecord(propsOf(id).LoggingConfig).LogGroup);
    expect(new Set(logGroups.map((g) => asRecord(g).Ref)).size).toBe(functionIds().length);
    for (const group of logGroups) expect(resource(String(asRecord(group).Ref)).Type).toBe('AWS::Logs::LogGroup');
    expect(asRecord(globals.LoggingConfig).LogFormat).toBe('JSON');
    // REPORT lines (Init Duration) are INFO-level platform logs; the AWS cold-start benchmark needs them.
    expect(asRecord(globals.LoggingConfig).SystemLogLevel).toBe('INFO');
  });
});

describe('every log group', () => {
  it('has a retention from LogRetentionDays', () => {
    const groups = resourcesOfType('AWS::Logs::LogGroup');
    expect(groups.length).toBeGreaterThanOrEqual(14);
    for (const [id, group] of groups) expect({ id, retention: asRecord(group.Properties).RetentionInDays }).toEqual({ id, retention: { Ref: 'LogRetentionDays' } });
  });
});

describe('REST API', () => {
  const api = propsOf('OrdersApi');
  const auth = asRecord(api.Auth);
  const apiEvents = functionIds().flatMap((id) =>
    Object.values(asRecord(propsOf(id).Events))
      .map(asRecord)
      .filter((event) => event.Type === 'Api')
      .map((event) => ({ id, props: asRecord(event.Properties) })),
  );

  it('serves exactly the routes of the HTTP contract, all on OrdersApi', () => {
    const routes = apiEvents.map(({ id, props }) => `${String(props.Method).toUpperCase()} ${String(props.Path)} -> ${id}`).sort();
    expect(routes).toEqual(['GET /orders -> ListOrdersFunction', 'GET /orders/{orderId} -> GetOrderFunction', 'POST /orders -> CreateOrderFunction']);
    for (const { props } of apiEvents) expect(isRef(props.RestApiId, 'OrdersApi')).toBe(true);
  });

  it('requires the API key on every route (and no route opts out)', () => {
    expect(auth.ApiKeyRequired).toBe(true);
    for (const { id, props } of apiEvents) {
      expect({ id, apiKeyRequired: asRecord(props.Auth).ApiKeyRequired }).not.toEqual({ id, apiKeyRequired: false });
    }
  });

  it('has a usage plan with throttling and a quota, all from parameters', () => {
    const plan = asRecord(auth.UsagePlan);
    expect(plan.CreateUsagePlan).toBe('PER_API');
    expect(plan.Throttle).toEqual({ RateLimit: { Ref: 'ApiThrottleRate' }, BurstLimit: { Ref: 'ApiThrottleBurst' } });
    expect(plan.Quota).toEqual({ Limit: { Ref: 'ApiQuotaLimit' }, Period: 'DAY' });
  });

  it('traces, logs access to a log group, and takes its stage name from a parameter', () => {
    expect(api.TracingEnabled).toBe(true);
    expect(isRef(api.StageName, 'StageName')).toBe(true);
    const access = asRecord(api.AccessLogSetting);
    expect(isGetAtt(access.DestinationArn, 'ApiAccessLogGroup', 'Arn')).toBe(true);
    expect(() => JSON.parse(String(access.Format))).not.toThrow();
    expect(resource('OrdersApi').DependsOn).toBe('ApiGatewayAccount');
  });

  it('allows CORS for the headers clients send', () => {
    const cors = asRecord(api.Cors);
    expect(cors.AllowOrigin).toBe("'*'");
    for (const header of ['Content-Type', 'X-Api-Key', 'Idempotency-Key']) expect(String(cors.AllowHeaders)).toContain(header);
    expect(auth.AddApiKeyRequiredToCorsPreflight).toBe(false);
  });

  it('answers gateway errors with JSON bodies and CORS headers, 403 for key problems, 400 with errors for bad bodies', () => {
    const responses = asRecord(api.GatewayResponses);
    const body = (type: string) =>
      JSON.parse(
        String(asRecord(asRecord(responses[type]).ResponseTemplates)['application/json'])
          .replace('$context.error.validationErrorString', 'instance failed to match')
          .replace('$context.error.messageString', '"Too Many Requests"'),
      ) as Props;
    for (const type of ['ACCESS_DENIED', 'INVALID_API_KEY', 'MISSING_AUTHENTICATION_TOKEN']) {
      expect({ type, status: asRecord(responses[type]).StatusCode }).toEqual({ type, status: 403 });
      expect(body(type).message).toEqual(expect.any(String));
    }
    expect(asRecord(responses.BAD_REQUEST_BODY).StatusCode).toBe(400);
    expect(body('BAD_REQUEST_BODY')).toEqual({ message: 'Too Many Requests', errors: [{ field: 'body', message: expect.any(String) }] });
    // API Gateway does not escape the validation message, whose text holds double quotes: never inside a JSON string.
    expect(String(asRecord(asRecord(responses.BAD_REQUEST_BODY).ResponseTemplates)['application/json'])).not.toContain('validationErrorString');
    expect(body('DEFAULT_4XX')).toEqual({ message: 'Too Many Requests' });
    for (const [type, response] of Object.entries(responses)) {
      expect({ type, cors: asRecord(asRecord(asRecord(response).ResponseParameters).Headers)['Access-Control-Allow-Origin'] }).toEqual({ type, cors: "'*'" });
    }
  });
});

const describeTransformed = samTranslatorAvailable() ? describe : describe.skip;

describeTransformed('REST API after the SAM transform', () => {
  const transformed = samTranslatorAvailable() ? transformedTemplate() : { Resources: {} };
  const body = asRecord(asRecord(transformed.Resources.OrdersApi?.Properties).Body);
  const methods = Object.entries(asRecord(body.paths)).flatMap(([path, byMethod]) =>
    Object.entries(asRecord(byMethod)).map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, operation: asRecord(operation) })),
  );

  it('requires x-api-key on every method except CORS preflights', () => {
    expect(asRecord(body.securityDefinitions).api_key).toEqual({ type: 'apiKey', name: 'x-api-key', in: 'header' });
    const routes = methods.filter(({ route }) => !route.startsWith('OPTIONS'));
    expect(routes.map(({ route }) => route).sort()).toEqual(['GET /orders', 'GET /orders/{orderId}', 'POST /orders', 'POST /orders/quote']);
    for (const { route, operation } of routes) expect({ route, security: operation.security }).toEqual({ route, security: [{ api_key: [] }] });
    for (const { route, operation } of methods.filter(({ route }) => route.startsWith('OPTIONS'))) {
      expect({ route, security: operation.security }).toEqual({ route, security: undefined });
    }
  });

  it('documents the POST /orders body with the model and leaves its validation to the function (field-level errors)', () => {
    const post = methods.find(({ route }) => route === 'POST /orders')?.operation ?? {};
    const validator = post['x-amazon-apigateway-request-validator'];
    const validators = asRecord(body['x-amazon-apigateway-request-validators']);
    expect(validator === undefined || asRecord(validators[String(validator)]).validateRequestBody !== true).toBe(true);
    const [bodyParameter] = asArray(post.parameters).map(asRecord).filter((p) => p.in === 'body');
    const ref = String(asRecord(bodyParameter?.schema).$ref).replace('#/definitions/', '');
    expect(asRecord(body.definitions)[ref]).toEqual(asRecord(asRecord(propsOf('OrdersApi').Models).CreateOrderRequest));
  });

  it('creates the API key, the usage plan and the key-to-plan link', () => {
    for (const id of ['OrdersApiApiKey', 'OrdersApiUsagePlan', 'OrdersApiUsagePlanKey']) {
      expect({ id, exists: transformed.Resources[id] !== undefined }).toEqual({ id, exists: true });
    }
  });
});

describe('tables', () => {
  const keyOf = (props: Props) => asArray(props.KeySchema).map(asRecord).map((k) => `${String(k.AttributeName)}:${String(k.KeyType)}`);

  it('are on-demand', () => {
    for (const id of idsOfType('AWS::DynamoDB::Table')) expect({ id, billing: propsOf(id).BillingMode }).toEqual({ id, billing: 'PAY_PER_REQUEST' });
  });

  it('orders: key orderId, index byStatus (status, createdAt), point-in-time recovery', () => {
    const orders = propsOf('OrdersTable');
    expect(keyOf(orders)).toEqual(['orderId:HASH']);
    const [index] = asArray(orders.GlobalSecondaryIndexes).map(asRecord);
    expect(index?.IndexName).toBe('byStatus');
    expect(keyOf(index ?? {})).toEqual(['status:HASH', 'createdAt:RANGE']);
    expect(asRecord(orders.PointInTimeRecoverySpecification).PointInTimeRecoveryEnabled).toBe(true);
  });

  it('inventory: key productId, seeded by the custom resource', () => {
    expect(keyOf(propsOf('InventoryTable'))).toEqual(['productId:HASH']);
    const seed = propsOf('SeedInventory');
    expect(resource('SeedInventory').Type).toBe('Custom::SeedInventory');
    expect(isGetAtt(seed.ServiceToken, 'SeedInventoryFunction', 'Arn')).toBe(true);
    expect(isRef(seed.TableName, 'InventoryTable')).toBe(true);
  });

  it('orders and inventory keep their data: point-in-time recovery, retained on stack deletion and replacement', () => {
    for (const id of ['OrdersTable', 'InventoryTable']) {
      const table = asRecord(resource(id));
      expect({
        id,
        pitr: asRecord(propsOf(id).PointInTimeRecoverySpecification).PointInTimeRecoveryEnabled,
        deletion: table.DeletionPolicy,
        replacement: table.UpdateReplacePolicy,
      }).toEqual({ id, pitr: true, deletion: 'Retain', replacement: 'Retain' });
    }
  });

  it('idempotency records are disposable: deleted with the stack', () => {
    const table = asRecord(resource('IdempotencyTable'));
    expect([table.DeletionPolicy, table.UpdateReplacePolicy]).toEqual(['Delete', 'Delete']);
  });

  it('idempotency: key idempotencyKey, records expire through TTL on expiresAt', () => {
    const idempotency = propsOf('IdempotencyTable');
    expect(keyOf(idempotency)).toEqual(['idempotencyKey:HASH']);
    expect(idempotency.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
  });
});

describe('state machine', () => {
  const machine = propsOf('OrderStateMachine');

  it('is a Standard workflow, traced, logging everything with execution data to a log group', () => {
    expect(machine.Type).toBe('STANDARD');
    expect(machine.Tracing).toEqual({ Enabled: true });
    const logging = asRecord(machine.Logging);
    expect(logging.Level).toBe('ALL');
    expect(logging.IncludeExecutionData).toBe(true);
    const [destination] = asArray(logging.Destinations).map(asRecord);
    expect(isGetAtt(asRecord(destination?.CloudWatchLogsLogGroup).LogGroupArn, 'StateMachineLogGroup', 'Arn')).toBe(true);
  });

  it('is started by CreateOrder, which knows its ARN', () => {
    expect(isRef(asRecord(asRecord(propsOf('CreateOrderFunction').Environment).Variables).STATE_MACHINE_ARN, 'OrderStateMachine')).toBe(true);
  });
});

describe('notifications', () => {
  it('subscribe the optional emails only when they are given', () => {
    for (const [subscription, parameter, condition, topic] of [
      ['NotificationEmailSubscription', 'NotificationEmail', 'HasNotificationEmail', 'NotificationTopic'],
      ['AlarmEmailSubscription', 'AlarmEmail', 'HasAlarmEmail', 'AlarmTopic'],
    ] as const) {
      expect(resource(subscription).Condition).toBe(condition);
      expect(template.Conditions?.[condition]).toEqual({ 'Fn::Not': [{ 'Fn::Equals': [{ Ref: parameter }, ''] }] });
      expect(parameterDefault(parameter)).toBe('');
      expect(isRef(propsOf(subscription).TopicArn, topic)).toBe(true);
    }
  });
});

describe('parameters and outputs', () => {
  it('give every parameter a default, so a guided deploy can take them all', () => {
    for (const [name, parameter] of Object.entries(template.Parameters ?? {})) {
      expect({ name, hasDefault: parameter.Default !== undefined }).toEqual({ name, hasDefault: true });
    }
    expect(parameterDefault('StageName')).toBe('prod');
    expect(parameterDefault('PaymentDeclineRate')).toBe(0.15);
    expect(parameterDefault('Architecture')).toBe('x86_64');
  });

  it('output the API URL, the key id with the command that prints the key, and every resource a user needs', () => {
    const outputs = asRecord(template.Outputs);
    for (const name of ['ApiUrl', 'ApiKeyId', 'ApiKeyValueCommand', 'StateMachineArn', 'PaymentQueueUrl', 'PaymentDlqUrl', 'NotificationTopicArn', 'DashboardUrl', 'OrdersTableName', 'InventoryTableName', 'IdempotencyTableName']) {
      expect({ name, present: name in outputs }).toEqual({ name, present: true });
    }
    expect(subText(asRecord(outputs.ApiKeyValueCommand).Value)).toBe(
      'aws apigateway get-api-key --api-key ${OrdersApiApiKey} --include-value --query value --output text',
    );
    expect(asRecord(outputs.ApiKeyId).Value).toEqual({ Ref: 'OrdersApiApiKey' });
  });
});

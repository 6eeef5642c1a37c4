/**
 * Builds the LocalModel from a parsed template: parameters (defaults, then overrides), conditions, Globals,
 * and every resource the local stack emulates. Only the properties the local stack uses are resolved, so
 * references to resources that SAM generates at deploy time (roles, stages, usage plans) do not get in the way.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, extname, resolve as resolvePath } from 'node:path';
import type { Template, TemplateResource } from './load-template';
import { makeConditionEvaluator, resolveValue, UnsupportedIntrinsicError, type IntrinsicContext } from './intrinsics';
import { makePhysicalIds } from './physical-ids';
import { buildApis } from './api-model';
import type {
  LocalFunction,
  LocalModel,
  LocalQueue,
  LocalStateMachine,
  LocalSubscription,
  LocalTable,
  LocalTopic,
  SqsEventSourceMapping,
} from './local-model';

export interface BuildModelOptions {
  templatePath: string;
  /** Base URL of the local stack, for queue URLs (`http://127.0.0.1:3000`). */
  baseUrl: string;
  parameterOverrides?: Record<string, string>;
}

type Props = Record<string, unknown>;
const DEFAULT_LAMBDA_TIMEOUT = 3;
const DEFAULT_LAMBDA_MEMORY = 128;
const DEFAULT_VISIBILITY_TIMEOUT = 30;
const DEFAULT_SQS_BATCH_SIZE = 10;
/** Lambda's SQS event source mapping starts with five concurrent pollers. */
const DEFAULT_SQS_CONCURRENCY = 5;

const isRecord = (value: unknown): value is Props => typeof value === 'object' && value !== null && !Array.isArray(value);
const asRecord = (value: unknown): Props => (isRecord(value) ? value : {});

export const buildLocalModel = (template: Template, options: BuildModelOptions): LocalModel => {
  try {
    return build(template, options);
  } catch (error) {
    throw locate(template, error);
  }
};

/** Names the resource (or condition, or section) that holds the intrinsic function the local stack cannot resolve. */
const locate = (template: Template, error: unknown): unknown => {
  if (!(error instanceof UnsupportedIntrinsicError)) return error;
  const holds = (v: unknown): boolean => v === error.node || (typeof v === 'object' && v !== null && Object.values(v).some(holds));
  const resource = Object.entries(template.Resources).find(([, r]) => holds(r))?.[0];
  const condition = Object.entries(template.Conditions ?? {}).find(([, c]) => holds(c))?.[0];
  const where = resource ? `Resource ${resource}` : condition ? `Condition ${condition}` : 'The template';
  return new Error(`${where} uses ${error.message}`, { cause: error });
};

const build = (template: Template, options: BuildModelOptions): LocalModel => {
  const templateDir = dirname(options.templatePath);
  const parameters = resolveParameters(template, options.parameterOverrides ?? {});
  let ctx: IntrinsicContext;
  const condition = makeConditionEvaluator(template.Conditions ?? {}, () => ctx);
  const ids = makePhysicalIds(template, options.baseUrl, (value) => resolveValue(value, ctx));
  ctx = {
    parameters,
    condition,
    ref: (id) => (template.Resources[id] ? ids.ref(id) : id),
    getAtt: (id, attribute) => (template.Resources[id] ? ids.getAtt(id, attribute) : `${id}.${attribute}`),
  };
  const resolve = (value: unknown): unknown => resolveValue(value, ctx);
  const resources = Object.entries(template.Resources).filter(([, r]) => !r.Condition || condition(r.Condition));
  const ofType = (...types: string[]): [string, TemplateResource][] => resources.filter(([, r]) => types.includes(r.Type));

  const queues = ofType('AWS::SQS::Queue').map(([id, r]) => buildQueue(id, r, ids, resolve));
  const queueByArn = (arn: unknown): LocalQueue => {
    const queue = queues.find((q) => q.arn === arn || q.url === arn || q.name === arn);
    if (!queue) throw new Error(`No queue in the template matches ${String(arn)}`);
    return queue;
  };
  for (const queue of queues) {
    if (queue.redrive) queue.redrive.deadLetterQueueName = queueByArn(queue.redrive.deadLetterQueueName).name;
  }

  const fnGlobals = asRecord(template.Globals?.Function);
  const serverlessFunctions = ofType('AWS::Serverless::Function').map(([id, r]) => {
    const props = mergeGlobals(fnGlobals, asRecord(r.Properties));
    return { id, props, metadata: asRecord(r.Metadata) };
  });
  const functions: LocalFunction[] = serverlessFunctions.map(({ id, props, metadata }) =>
    buildFunction(id, props, metadata, ids.name(id), ids.getAtt(id, 'Arn') as string, resolve),
  );

  const eventsOf = (props: Props): [string, Props][] =>
    Object.entries(asRecord(props.Events)).map(([name, e]) => [name, asRecord(e)] as [string, Props]);
  const apiEvents = serverlessFunctions.flatMap(({ id, props }) =>
    eventsOf(props)
      .filter(([, e]) => e.Type === 'Api')
      .map(([, e]) => ({ functionId: id, props: asRecord(resolve(e.Properties)) })),
  );
  const apis = buildApis(template, ofType('AWS::Serverless::Api'), apiEvents, functions, resolve);

  const eventSourceMappings: SqsEventSourceMapping[] = serverlessFunctions.flatMap(({ id, props }) =>
    eventsOf(props)
      .filter(([, e]) => e.Type === 'SQS')
      .map(([, e]) => buildSqsMapping(id, asRecord(resolve(e.Properties)), queueByArn)),
  );
  for (const [, r] of ofType('AWS::Lambda::EventSourceMapping')) {
    const p = asRecord(resolve(r.Properties));
    const fn = functions.find((f) => f.name === p.FunctionName || f.arn === p.FunctionName);
    if (fn) eventSourceMappings.push(buildSqsMapping(fn.logicalId, { ...p, Queue: p.EventSourceArn }, queueByArn));
  }

  const topics = buildTopics(ofType('AWS::SNS::Topic'), ofType('AWS::SNS::Subscription'), serverlessFunctions, ids, resolve);
  const tables: LocalTable[] = ofType('AWS::DynamoDB::Table', 'AWS::Serverless::SimpleTable').map(([id]) => ({
    logicalId: id,
    name: ids.name(id),
    arn: ids.getAtt(id, 'Arn') as string,
  }));
  const stateMachines = ofType('AWS::Serverless::StateMachine', 'AWS::StepFunctions::StateMachine').map(([id, r]) =>
    buildStateMachine(id, asRecord(r.Properties), ids.name(id), ids.ref(id) as string, templateDir, resolve),
  );

  return {
    templatePath: options.templatePath,
    parameters,
    functions,
    apis,
    queues,
    eventSourceMappings,
    topics,
    tables,
    stateMachines,
  };
};

const resolveParameters = (template: Template, overrides: Record<string, string>): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const [name, definition] of Object.entries(template.Parameters ?? {})) {
    const value = overrides[name] ?? definition.Default;
    if (value === undefined) throw new Error(`Template parameter ${name} has no Default; pass it as an override`);
    out[name] = definition.Type?.startsWith('List<') || definition.Type === 'CommaDelimitedList' ? String(value).split(',') : value;
  }
  return out;
};

/** SAM Globals: a function's own property wins, except Environment.Variables, which are merged. */
const mergeGlobals = (globals: Props, own: Props): Props => {
  const merged: Props = { ...globals, ...own };
  const globalVars = asRecord(asRecord(globals.Environment).Variables);
  const ownVars = asRecord(asRecord(own.Environment).Variables);
  if (Object.keys(globalVars).length + Object.keys(ownVars).length > 0) {
    merged.Environment = { ...asRecord(own.Environment), Variables: { ...globalVars, ...ownVars } };
  }
  return merged;
};

const buildFunction = (
  id: string,
  props: Props,
  metadata: Props,
  name: string,
  arn: string,
  resolve: (v: unknown) => unknown,
): LocalFunction => {
  const handler = String(resolve(props.Handler) ?? '');
  const entryPoints = asRecord(resolve(metadata.BuildProperties)).EntryPoints;
  const entryFile = Array.isArray(entryPoints) && entryPoints.length > 0 ? String(entryPoints[0]) : handler.split('.')[0] ?? '';
  const variables = asRecord(resolve(asRecord(asRecord(props.Environment).Variables)));
  return {
    logicalId: id,
    name,
    arn,
    entry: basename(entryFile, extname(entryFile)),
    handler,
    runtime: String(resolve(props.Runtime) ?? ''),
    timeoutSeconds: Number(resolve(props.Timeout) ?? DEFAULT_LAMBDA_TIMEOUT),
    memorySize: Number(resolve(props.MemorySize) ?? DEFAULT_LAMBDA_MEMORY),
    environment: Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])),
  };
};

const buildQueue = (id: string, r: TemplateResource, ids: ReturnType<typeof makePhysicalIds>, resolve: (v: unknown) => unknown): LocalQueue => {
  const p = asRecord(r.Properties);
  const rawRedrive = resolve(p.RedrivePolicy);
  const redrive = asRecord(typeof rawRedrive === 'string' ? JSON.parse(rawRedrive) : rawRedrive);
  return {
    logicalId: id,
    name: ids.name(id),
    url: ids.ref(id) as string,
    arn: ids.getAtt(id, 'Arn') as string,
    visibilityTimeoutSeconds: Number(resolve(p.VisibilityTimeout) ?? DEFAULT_VISIBILITY_TIMEOUT),
    delaySeconds: Number(resolve(p.DelaySeconds) ?? 0),
    fifo: resolve(p.FifoQueue) === true || resolve(p.FifoQueue) === 'true',
    // The DLQ is named by ARN here; buildLocalModel turns it into the queue's name once all queues are known.
    ...(redrive.deadLetterTargetArn
      ? { redrive: { deadLetterQueueName: String(redrive.deadLetterTargetArn), maxReceiveCount: Number(redrive.maxReceiveCount ?? 10) } }
      : {}),
  };
};

const buildSqsMapping = (functionId: string, p: Props, queueByArn: (arn: unknown) => LocalQueue): SqsEventSourceMapping => {
  const responseTypes = Array.isArray(p.FunctionResponseTypes) ? p.FunctionResponseTypes : [];
  return {
    functionLogicalId: functionId,
    queueName: queueByArn(p.Queue).name,
    batchSize: Number(p.BatchSize ?? DEFAULT_SQS_BATCH_SIZE),
    reportBatchItemFailures: responseTypes.includes('ReportBatchItemFailures'),
    maximumConcurrency: Number(asRecord(p.ScalingConfig).MaximumConcurrency ?? DEFAULT_SQS_CONCURRENCY),
    batchingWindowSeconds: Number(p.MaximumBatchingWindowInSeconds ?? 0),
    enabled: p.Enabled !== false && p.Enabled !== 'false',
  };
};

const buildTopics = (
  topicResources: [string, TemplateResource][],
  subscriptionResources: [string, TemplateResource][],
  functions: { id: string; props: Props }[],
  ids: ReturnType<typeof makePhysicalIds>,
  resolve: (v: unknown) => unknown,
): LocalTopic[] => {
  const topics: LocalTopic[] = topicResources.map(([id, r]) => {
    const inline = resolve(asRecord(r.Properties).Subscription);
    return {
      logicalId: id,
      name: ids.name(id),
      arn: ids.getAtt(id, 'TopicArn') as string,
      subscriptions: (Array.isArray(inline) ? inline : []).map((s, i) => subscription(`${id}Subscription${i}`, asRecord(s))),
    };
  });
  const topicByArn = (arn: unknown): LocalTopic | undefined => topics.find((t) => t.arn === arn);
  for (const [id, r] of subscriptionResources) {
    const p = asRecord(resolve(r.Properties));
    topicByArn(p.TopicArn)?.subscriptions.push(subscription(id, p));
  }
  for (const fn of functions) {
    for (const [name, e] of Object.entries(asRecord(fn.props.Events))) {
      const event = asRecord(e);
      if (event.Type !== 'SNS') continue;
      const p = asRecord(resolve(event.Properties));
      topicByArn(p.Topic)?.subscriptions.push(subscription(`${fn.id}${name}`, { ...p, Protocol: 'lambda', Endpoint: ids.getAtt(fn.id, 'Arn') }));
    }
  }
  return topics;
};

const subscription = (id: string, p: Props): LocalSubscription => {
  // The template has no filter policy; delivering every message instead of filtering would be a silent lie.
  if (p.FilterPolicy !== undefined) throw new Error(`Subscription ${id} has a FilterPolicy, which the local stack does not apply`);
  return {
    logicalId: id,
    protocol: String(p.Protocol ?? ''),
    endpoint: String(p.Endpoint ?? ''),
    rawMessageDelivery: p.RawMessageDelivery === true || p.RawMessageDelivery === 'true',
  };
};

const buildStateMachine = (
  id: string,
  p: Props,
  name: string,
  arn: string,
  templateDir: string,
  resolve: (v: unknown) => unknown,
): LocalStateMachine => {
  const substitutions = Object.fromEntries(
    Object.entries(asRecord(resolve(p.DefinitionSubstitutions))).map(([k, v]) => [k, String(v)]),
  );
  let definitionPath: string | undefined;
  let raw: unknown;
  if (typeof p.DefinitionUri === 'string') {
    definitionPath = resolvePath(templateDir, p.DefinitionUri);
    raw = JSON.parse(readFileSync(definitionPath, 'utf8'));
  } else if (p.Definition !== undefined) {
    raw = p.Definition;
  } else if (p.DefinitionString !== undefined) {
    raw = JSON.parse(String(resolve(p.DefinitionString)));
  } else {
    throw new Error(`State machine ${id} has no DefinitionUri (local file), Definition or DefinitionString`);
  }
  return {
    logicalId: id,
    name,
    arn,
    type: String(resolve(p.Type) ?? 'STANDARD').toUpperCase() === 'EXPRESS' ? 'EXPRESS' : 'STANDARD',
    definition: substituteDefinition(raw, substitutions) as Record<string, unknown>,
    ...(definitionPath ? { definitionPath } : {}),
    substitutions,
  };
};

/** DefinitionSubstitutions: `${Name}` in any string of the ASL; unknown names are left for the caller to report. */
export const substituteDefinition = (value: unknown, substitutions: Record<string, string>): unknown => {
  if (typeof value === 'string') return value.replace(/\$\{([A-Za-z0-9_]+)\}/g, (whole, key: string) => substitutions[key] ?? whole);
  if (Array.isArray(value)) return value.map((v) => substituteDefinition(v, substitutions));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substituteDefinition(v, substitutions)]));
  return value;
};

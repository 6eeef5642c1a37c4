/**
 * Builds the LocalModel from a parsed template: parameters (defaults, then overrides), conditions, Globals,
 * and every resource the local stack emulates. Only the properties the local stack uses are resolved, so
 * references to resources that SAM generates at deploy time (roles, stages, usage plans) do not get in the way.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, extname, resolve as resolvePath } from 'node:path';
import { asRecord, isRecord, type Props, type Template, type TemplateResource } from './load-template';
import { makeConditionEvaluator, resolveValue, UnsupportedIntrinsicError, type IntrinsicContext } from './intrinsics';
import { makePhysicalIds, type PhysicalIds } from './physical-ids';
import { buildApis } from './api-model';
import type { LocalFunction, LocalModel, LocalQueue, LocalStateMachine, LocalTopic, SqsEventSourceMapping } from './local-model';

export interface BuildModelOptions {
  templatePath: string;
  /** Base URL of the local stack, for queue URLs (`http://127.0.0.1:3000`). */
  baseUrl: string;
  parameterOverrides?: Record<string, string>;
}

type Resolve = (value: unknown) => unknown;
const DEFAULT_LAMBDA_TIMEOUT = 3;
const DEFAULT_LAMBDA_MEMORY = 128;
const DEFAULT_VISIBILITY_TIMEOUT = 30;
const DEFAULT_SQS_BATCH_SIZE = 10;
/** Lambda's SQS event source mapping starts with five concurrent pollers. */
const DEFAULT_SQS_CONCURRENCY = 5;

/**
 * Template shapes the local stack does not emulate. Each stops start-up, naming the resource and the property:
 * ignoring it would run something other than what the template says (a FIFO queue as a standard one, a filter
 * that lets everything through, a trigger that never fires).
 */
const UNSUPPORTED_TYPES = ['AWS::Lambda::Function', 'AWS::StepFunctions::StateMachine', 'AWS::Serverless::SimpleTable'];
const UNSUPPORTED_PROPERTIES: Record<string, string[]> = {
  'AWS::SQS::Queue': ['FifoQueue'],
  'AWS::SNS::Topic': ['Subscription'],
  'AWS::SNS::Subscription': ['FilterPolicy'],
  'AWS::Lambda::EventSourceMapping': ['FilterCriteria'],
  'AWS::Serverless::StateMachine': ['Definition', 'DefinitionString', 'Events'],
};

const refuseUnsupported = (template: Template): void => {
  const globals = Object.keys(template.Globals ?? {}).filter((section) => section !== 'Function');
  if (globals.length > 0) throw new Error(`The template has Globals.${globals[0]}, which the local stack does not apply`);
  for (const [id, r] of Object.entries(template.Resources)) {
    if (UNSUPPORTED_TYPES.includes(r.Type)) throw new Error(`Resource ${id} is an ${r.Type}, which the local stack does not emulate`);
    const refuse = (what: string): never => {
      throw new Error(`${r.Type.split('::').at(-1)} ${id} has ${what}, which the local stack does not apply`);
    };
    const p = asRecord(r.Properties);
    // `FifoQueue: false` is a standard queue: only a property that asks for something is refused.
    const asked = (value: unknown): boolean => value !== undefined && value !== false && value !== 'false';
    for (const property of UNSUPPORTED_PROPERTIES[r.Type] ?? []) if (asked(p[property])) refuse(`a ${property}`);
    if (r.Type !== 'AWS::Serverless::Function') continue;
    for (const [name, event] of Object.entries(asRecord(p.Events)).map(([n, e]) => [n, asRecord(e)] as const)) {
      if (event.Type !== 'Api') refuse(`an event ${name} of Type ${String(event.Type)} (Events.${name}.Type)`);
      if (asRecord(event.Properties).RestApiId === undefined) refuse(`an Api event ${name} without RestApiId (the implicit ServerlessRestApi)`);
    }
  }
};

export const buildLocalModel = (template: Template, options: BuildModelOptions): LocalModel => {
  refuseUnsupported(template);
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
  let ctx: IntrinsicContext;
  const condition = makeConditionEvaluator(template.Conditions ?? {}, () => ctx);
  const ids = makePhysicalIds(template, options.baseUrl, (value) => resolveValue(value, ctx));
  ctx = {
    parameters: resolveParameters(template, options.parameterOverrides ?? {}),
    condition,
    ref: ids.ref,
    getAtt: ids.getAtt,
  };
  const resolve: Resolve = (value) => resolveValue(value, ctx);
  const resources = Object.entries(template.Resources).filter(([, r]) => !r.Condition || condition(r.Condition));
  const ofType = (type: string): [string, TemplateResource][] => resources.filter(([, r]) => r.Type === type);

  const queues = ofType('AWS::SQS::Queue').map(([id, r]) => buildQueue(id, asRecord(r.Properties), ids, resolve));
  const queueNamed = (where: string, arn: unknown): string => {
    const queue = queues.find((q) => q.arn === arn || q.url === arn || q.name === arn);
    if (!queue) throw new Error(`${where}: no queue in the template matches ${String(arn)}`);
    return queue.name;
  };
  for (const { logicalId, redrive } of queues) {
    if (redrive) redrive.deadLetterQueueName = queueNamed(`RedrivePolicy of ${logicalId}`, redrive.deadLetterQueueName);
  }

  const serverlessFunctions = ofType('AWS::Serverless::Function');
  const globals = asRecord(template.Globals?.Function);
  const functions = serverlessFunctions.map(([id, r]) => buildFunction(id, globals, r, ids, resolve));
  const apiEvents = serverlessFunctions.flatMap(([id, r]) =>
    Object.values(asRecord(r.Properties?.Events)).map((e) => ({ functionId: id, props: asRecord(resolve(asRecord(e).Properties)) })),
  );
  const eventSourceMappings = ofType('AWS::Lambda::EventSourceMapping').map(([id, r]): SqsEventSourceMapping => {
    const p = asRecord(resolve(r.Properties));
    const fn = functions.find((f) => f.name === p.FunctionName || f.arn === p.FunctionName);
    if (!fn) throw new Error(`EventSourceMapping ${id}: FunctionName ${String(p.FunctionName)} is no AWS::Serverless::Function of the template`);
    return {
      functionLogicalId: fn.logicalId,
      queueName: queueNamed(`EventSourceMapping ${id}`, p.EventSourceArn),
      batchSize: Number(p.BatchSize ?? DEFAULT_SQS_BATCH_SIZE),
      reportBatchItemFailures: Array.isArray(p.FunctionResponseTypes) && p.FunctionResponseTypes.includes('ReportBatchItemFailures'),
      maximumConcurrency: Number(asRecord(p.ScalingConfig).MaximumConcurrency ?? DEFAULT_SQS_CONCURRENCY),
      batchingWindowSeconds: Number(p.MaximumBatchingWindowInSeconds ?? 0),
      enabled: p.Enabled !== false && p.Enabled !== 'false',
    };
  });
  const subscriptions = ofType('AWS::SNS::Subscription').map(([id, r]) => ({ id, p: asRecord(resolve(r.Properties)) }));
  const topics = ofType('AWS::SNS::Topic').map(([topicId]): LocalTopic => {
    const topic = ids.identity(topicId);
    const subscribed = subscriptions.filter(({ p }) => p.TopicArn === topic.arn);
    return {
      ...topic,
      subscriptions: subscribed.map(({ id, p }) => ({
        logicalId: id,
        protocol: String(p.Protocol ?? ''),
        endpoint: String(p.Endpoint ?? ''),
        rawMessageDelivery: p.RawMessageDelivery === true || p.RawMessageDelivery === 'true',
      })),
    };
  });

  return {
    templatePath: options.templatePath,
    functions,
    apis: buildApis(ofType('AWS::Serverless::Api'), apiEvents, resolve),
    queues,
    eventSourceMappings,
    topics,
    stateMachines: ofType('AWS::Serverless::StateMachine').map(([id, r]) => buildStateMachine(id, asRecord(r.Properties), ids, templateDir, resolve)),
  };
};

const resolveParameters = (template: Template, overrides: Record<string, string>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(template.Parameters ?? {}).map(([name, { Type, Default }]) => {
      const value = overrides[name] ?? Default;
      if (value === undefined) throw new Error(`Template parameter ${name} has no Default; pass it as an override`);
      return [name, Type?.startsWith('List<') || Type === 'CommaDelimitedList' ? String(value).split(',') : value];
    }),
  );

/** SAM Globals: a function's own property wins, except Environment.Variables, which are merged. */
const buildFunction = (id: string, globals: Props, r: TemplateResource, ids: PhysicalIds, resolve: Resolve): LocalFunction => {
  const own = asRecord(r.Properties);
  const props = { ...globals, ...own };
  const variablesOf = (p: Props): Props => asRecord(asRecord(p.Environment).Variables);
  const variables = asRecord(resolve({ ...variablesOf(globals), ...variablesOf(own) }));
  const handler = String(resolve(props.Handler) ?? '');
  const entryPoints = asRecord(resolve(asRecord(r.Metadata).BuildProperties)).EntryPoints;
  const entryFile = Array.isArray(entryPoints) && entryPoints.length > 0 ? String(entryPoints[0]) : handler.split('.')[0] ?? '';
  return {
    ...ids.identity(id),
    entry: basename(entryFile, extname(entryFile)),
    handler,
    runtime: String(resolve(props.Runtime) ?? ''),
    timeoutSeconds: Number(resolve(props.Timeout) ?? DEFAULT_LAMBDA_TIMEOUT),
    memorySize: Number(resolve(props.MemorySize) ?? DEFAULT_LAMBDA_MEMORY),
    environment: Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])),
  };
};

/** The dead-letter queue is named by ARN here; build() turns it into the queue's name once all queues are known. */
const buildQueue = (id: string, p: Props, ids: PhysicalIds, resolve: Resolve): LocalQueue => {
  const rawRedrive = resolve(p.RedrivePolicy);
  const redrive = asRecord(typeof rawRedrive === 'string' ? JSON.parse(rawRedrive) : rawRedrive);
  return {
    ...ids.identity(id),
    url: ids.ref(id) as string,
    visibilityTimeoutSeconds: Number(resolve(p.VisibilityTimeout) ?? DEFAULT_VISIBILITY_TIMEOUT),
    delaySeconds: Number(resolve(p.DelaySeconds) ?? 0),
    ...(redrive.deadLetterTargetArn
      ? { redrive: { deadLetterQueueName: String(redrive.deadLetterTargetArn), maxReceiveCount: Number(redrive.maxReceiveCount ?? 10) } }
      : {}),
  };
};

const buildStateMachine = (id: string, p: Props, ids: PhysicalIds, templateDir: string, resolve: Resolve): LocalStateMachine => {
  if (typeof p.DefinitionUri !== 'string') throw new Error(`StateMachine ${id} has no DefinitionUri naming a local file, which it reads`);
  const substitutions = Object.fromEntries(Object.entries(asRecord(resolve(p.DefinitionSubstitutions))).map(([k, v]) => [k, String(v)]));
  const definition = JSON.parse(readFileSync(resolvePath(templateDir, p.DefinitionUri), 'utf8')) as unknown;
  return {
    ...ids.identity(id),
    type: String(resolve(p.Type) ?? 'STANDARD').toUpperCase() === 'EXPRESS' ? 'EXPRESS' : 'STANDARD',
    definition: substitute(definition, substitutions) as Record<string, unknown>,
    substitutions,
  };
};

/** DefinitionSubstitutions: `${Name}` in any string of the ASL; unknown names are left for the caller to report. */
const substitute = (value: unknown, substitutions: Record<string, string>): unknown => {
  if (typeof value === 'string') return value.replace(/\$\{([A-Za-z0-9_]+)\}/g, (whole, key: string) => substitutions[key] ?? whole);
  if (Array.isArray(value)) return value.map((v) => substitute(v, substitutions));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, substitutions)]));
  return value;
};

/**
 * What the local stack needs to know about the application, read from the template and nothing else: the
 * functions and their triggers, the REST API, queues, topics and the state machines.
 */
/** How every emulated resource is named. */
export interface ResourceIdentity {
  logicalId: string;
  /** Physical name: the type's name property (FunctionName, QueueName…), else the logical id. */
  name: string;
  arn: string;
}

export interface LocalFunction extends ResourceIdentity {
  /** Basename of the build entry point without extension (`create-order`), the key of the local registry. */
  entry: string;
  handler: string;
  runtime: string;
  timeoutSeconds: number;
  memorySize: number;
  environment: Record<string, string>;
}

export interface RequestModel {
  name: string;
  schema: Record<string, unknown>;
  required: boolean;
  validateBody: boolean;
}

/** A non-proxy AWS service integration of a DefinitionBody path (`type: aws`), e.g. Step Functions StartSyncExecution. */
export interface ServiceIntegration {
  service: string;
  action: string;
  /** Content type → VTL request template. */
  requestTemplates: Record<string, string>;
  /** The `default` integration response (selection patterns are refused at start-up). */
  response: { statusCode: number; headers: Record<string, string>; templates: Record<string, string> };
}

export interface ApiRoute {
  apiLogicalId: string;
  /** Path template as in the template, e.g. `/orders/{orderId}`. */
  path: string;
  /** Upper case; `ANY` matches every method. */
  method: string;
  /** Lambda proxy integration (an Api event of the function). */
  functionLogicalId?: string;
  /** Set instead of functionLogicalId for an AWS service integration. */
  integration?: ServiceIntegration;
  apiKeyRequired: boolean;
  requestModel?: RequestModel;
}

export interface CorsConfig {
  allowOrigin: string;
  allowHeaders?: string;
  allowMethods?: string;
  maxAge?: string;
  allowCredentials?: boolean;
}

export interface GatewayResponseModel {
  statusCode?: number;
  headers: Record<string, string>;
  templates: Record<string, string>;
}

export interface LocalApi {
  logicalId: string;
  stageName: string;
  cors?: CorsConfig;
  /** SAM's `Auth.AddApiKeyRequiredToCorsPreflight` (default true): preflight needs the key too. */
  apiKeyOnPreflight: boolean;
  gatewayResponses: Record<string, GatewayResponseModel>;
  routes: ApiRoute[];
}

export interface LocalQueue extends ResourceIdentity {
  url: string;
  visibilityTimeoutSeconds: number;
  delaySeconds: number;
  /** From RedrivePolicy. */
  redrive?: { deadLetterQueueName: string; maxReceiveCount: number };
}

export interface SqsEventSourceMapping {
  functionLogicalId: string;
  queueName: string;
  batchSize: number;
  reportBatchItemFailures: boolean;
  maximumConcurrency: number;
  batchingWindowSeconds: number;
  enabled: boolean;
}

export interface LocalSubscription {
  logicalId: string;
  protocol: string;
  endpoint: string;
  rawMessageDelivery: boolean;
}

export interface LocalTopic extends ResourceIdentity {
  subscriptions: LocalSubscription[];
}

export interface LocalStateMachine extends ResourceIdentity {
  type: 'STANDARD' | 'EXPRESS';
  /** The ASL with DefinitionSubstitutions applied. */
  definition: Record<string, unknown>;
  substitutions: Record<string, string>;
}

export interface LocalModel {
  templatePath: string;
  functions: LocalFunction[];
  apis: LocalApi[];
  queues: LocalQueue[];
  eventSourceMappings: SqsEventSourceMapping[];
  topics: LocalTopic[];
  stateMachines: LocalStateMachine[];
}

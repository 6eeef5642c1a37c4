/**
 * The environment a function gets on Lambda, rebuilt for a local cold start: the template's variables (Globals and
 * the function's own) with references resolved to plausible values, Lambda's reserved variables, and an AWS
 * configuration that sends every SDK call to the local stand-in endpoint and never looks for credentials elsewhere.
 */
import type { Template } from '../../src/local/emulator/template/load-template';

export const BENCH_REGION = 'us-east-1';
export const BENCH_ACCOUNT = '123456789012';
export const BENCH_STACK = 'coldstart-bench';

type Props = Record<string, unknown>;
const asRecord = (value: unknown): Props => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Props) : {});

const PSEUDO: Record<string, string> = {
  'AWS::Region': BENCH_REGION,
  'AWS::AccountId': BENCH_ACCOUNT,
  'AWS::StackName': BENCH_STACK,
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
};

/** What `!Ref` returns for the resource types the functions' variables point at. */
const refOfResource = (logicalId: string, type: string): string => {
  if (type === 'AWS::SNS::Topic') return `arn:aws:sns:${BENCH_REGION}:${BENCH_ACCOUNT}:${logicalId}`;
  if (type.endsWith('::StateMachine')) return `arn:aws:states:${BENCH_REGION}:${BENCH_ACCOUNT}:stateMachine:${logicalId}`;
  if (type === 'AWS::SQS::Queue') return `https://sqs.${BENCH_REGION}.amazonaws.com/${BENCH_ACCOUNT}/${logicalId}`;
  return logicalId;
};

/** Resolves Ref / Fn::Sub / literals; anything else becomes a placeholder naming the variable. */
export const resolveEnvValue = (template: Template, name: string, value: unknown): string => {
  const ref = (id: string): string => {
    if (PSEUDO[id]) return PSEUDO[id];
    const parameter = template.Parameters?.[id];
    if (parameter) return parameter.Default === undefined ? `bench-${id}` : String(parameter.Default);
    const resource = template.Resources[id];
    return resource ? refOfResource(id, resource.Type) : `bench-${id}`;
  };
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  const intrinsic = asRecord(value);
  if (typeof intrinsic.Ref === 'string') return ref(intrinsic.Ref);
  const sub = intrinsic['Fn::Sub'];
  if (typeof sub === 'string') return sub.replace(/\$\{([^}!]+)\}/g, (_m, id: string) => ref(id.split('.')[0] ?? id));
  return `bench-${name}`;
};

/** The template's variables for a function (Globals first, the function's own win), resolved. */
export const templateVariables = (template: Template, logicalId: string): Record<string, string> => {
  const globals = asRecord(asRecord(asRecord(template.Globals?.Function).Environment).Variables);
  const own = asRecord(asRecord(asRecord(template.Resources[logicalId]?.Properties).Environment).Variables);
  return Object.fromEntries(Object.entries({ ...globals, ...own }).map(([name, value]) => [name, resolveEnvValue(template, name, value)]));
};

export interface ColdStartEnvOptions {
  functionName: string;
  /** Stand-in for every AWS endpoint (`http://127.0.0.1:<port>`). */
  endpoint: string;
  /** The function's variables; NODE_OPTIONS among them is replaced by the profile's. */
  variables: Record<string, string>;
  nodeOptions: string;
  taskRoot: string;
  memoryMb?: number;
}

/**
 * A clean environment (nothing inherited but PATH): static credentials so the SDK's provider chain stops at the
 * environment as it does on Lambda, one attempt per call so an error answer is final, the stand-in endpoint for
 * every service.
 */
export const coldStartEnv = (options: ColdStartEnvOptions): Record<string, string> => {
  const { NODE_OPTIONS: _templateNodeOptions, ...variables } = options.variables;
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    ...variables,
    ...(options.nodeOptions ? { NODE_OPTIONS: options.nodeOptions } : {}),
    AWS_REGION: BENCH_REGION,
    AWS_DEFAULT_REGION: BENCH_REGION,
    AWS_ACCESS_KEY_ID: 'ASIABENCHCOLDSTART00',
    AWS_SECRET_ACCESS_KEY: 'bench-cold-start-secret-access-key-0000000',
    AWS_SESSION_TOKEN: 'bench-cold-start-session-token',
    AWS_ENDPOINT_URL: options.endpoint,
    AWS_MAX_ATTEMPTS: '1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    AWS_LAMBDA_FUNCTION_NAME: options.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(options.memoryMb ?? 512),
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${options.functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: '2026/01/01/[$LATEST]0000000000000000',
    LAMBDA_TASK_ROOT: options.taskRoot,
    TZ: ':UTC',
  };
};

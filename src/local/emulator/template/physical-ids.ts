/**
 * The local stand-ins for what CloudFormation returns from `Ref` and `Fn::GetAtt`: the account, region and pseudo
 * parameters, and names, ARNs and URLs that point at the local stack (queue URLs are served by it), so
 * DefinitionSubstitutions and environment variables resolve to something the local adapters understand.
 */
import type { Template } from './load-template';
import type { ResourceIdentity } from './local-model';

export const LOCAL_REGION = 'local';
export const LOCAL_ACCOUNT = '000000000000';

/** What `Ref` of a pseudo parameter answers locally. */
export const PSEUDO_PARAMETERS: Readonly<Record<string, unknown>> = {
  'AWS::Region': LOCAL_REGION,
  'AWS::AccountId': LOCAL_ACCOUNT,
  'AWS::StackName': 'local',
  'AWS::StackId': `arn:aws:cloudformation:${LOCAL_REGION}:${LOCAL_ACCOUNT}:stack/local/local`,
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::NotificationARNs': [],
};

const arn = (service: string, resource: string): string => `arn:aws:${service}:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${resource}`;

/** Per emulated type: the property holding the physical name (else the logical id is the name) and the ARN. */
const TYPES: Record<string, { nameProperty: string; arn: (name: string) => string }> = {
  'AWS::Serverless::Function': { nameProperty: 'FunctionName', arn: (n) => arn('lambda', `function:${n}`) },
  'AWS::SQS::Queue': { nameProperty: 'QueueName', arn: (n) => arn('sqs', n) },
  'AWS::SNS::Topic': { nameProperty: 'TopicName', arn: (n) => arn('sns', n) },
  'AWS::DynamoDB::Table': { nameProperty: 'TableName', arn: (n) => arn('dynamodb', `table/${n}`) },
  'AWS::Serverless::StateMachine': { nameProperty: 'Name', arn: (n) => arn('states', `stateMachine:${n}`) },
};

export interface PhysicalIds {
  name(logicalId: string): string;
  ref(logicalId: string): unknown;
  getAtt(logicalId: string, attribute: string): unknown;
  identity(logicalId: string): ResourceIdentity;
}

/**
 * @param resolveName resolves a name property (it may itself use `!Sub`), so names follow the template.
 * @param baseUrl the local stack's URL, for queue URLs.
 */
export const makePhysicalIds = (template: Template, baseUrl: string, resolveName: (value: unknown) => unknown): PhysicalIds => {
  // A name that is no resource of the template (SAM adds some at deploy time, e.g. roles, stages) stands for itself.
  const typeOf = (id: string): string => template.Resources[id]?.Type ?? '';
  const name = (id: string): string => {
    const property = TYPES[typeOf(id)]?.nameProperty;
    const declared = property ? template.Resources[id]?.Properties?.[property] : undefined;
    return declared === undefined ? id : String(resolveName(declared));
  };
  const arnOf = (id: string): string | undefined => TYPES[typeOf(id)]?.arn(name(id));
  const ref = (id: string): unknown => {
    const type = typeOf(id);
    if (type === 'AWS::SQS::Queue') return `${baseUrl}/_local/queues/${name(id)}`;
    return type === 'AWS::SNS::Topic' || type === 'AWS::Serverless::StateMachine' ? arnOf(id) : name(id);
  };
  const getAtt = (id: string, attribute: string): unknown => {
    const [n, a] = [name(id), arnOf(id)];
    const attributes: Record<string, Record<string, unknown>> = {
      'AWS::Serverless::Function': { Arn: a },
      'AWS::SQS::Queue': { Arn: a, QueueName: n, QueueUrl: ref(id) },
      'AWS::SNS::Topic': { TopicArn: a, TopicName: n },
      'AWS::DynamoDB::Table': { Arn: a, StreamArn: `${a}/stream/local` },
      'AWS::Serverless::StateMachine': { Arn: a, Name: n },
    };
    return attributes[typeOf(id)]?.[attribute] ?? `${n}.${attribute}`;
  };
  const identity = (id: string): ResourceIdentity => ({ logicalId: id, name: name(id), arn: arnOf(id) ?? id });
  return { name, ref, getAtt, identity };
};

/** Standard executions are `execution:<machine>:<name>`; Express ones `express:<machine>:<name>:<id>`. */
export const executionArn = (stateMachineName: string, executionName: string, kind: 'execution' | 'express' = 'execution'): string =>
  kind === 'express'
    ? arn('states', `express:${stateMachineName}:${executionName}:${executionName}`)
    : arn('states', `execution:${stateMachineName}:${executionName}`);

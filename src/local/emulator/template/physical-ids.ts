/**
 * The local stand-ins for what CloudFormation returns from `Ref` and `Fn::GetAtt`: names, ARNs and URLs that
 * point at the local stack (queue URLs are served by it), so DefinitionSubstitutions and environment
 * variables resolve to something the local adapters understand.
 */
import type { Template } from './load-template';
import { LOCAL_ACCOUNT, LOCAL_REGION } from './intrinsics';

const arn = (service: string, resource: string): string => `arn:aws:${service}:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${resource}`;

/** Which property carries the physical name of each resource type (else the logical id is the name). */
const NAME_PROPERTY: Record<string, string> = {
  'AWS::Serverless::Function': 'FunctionName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::Serverless::SimpleTable': 'TableName',
  'AWS::Serverless::StateMachine': 'Name',
  'AWS::StepFunctions::StateMachine': 'StateMachineName',
};

export interface PhysicalIds {
  name(logicalId: string): string;
  ref(logicalId: string): unknown;
  getAtt(logicalId: string, attribute: string): unknown;
}

/**
 * @param resolveName resolves a name property (it may itself use `!Sub`), so names follow the template.
 * @param baseUrl the local stack's URL, for queue URLs.
 */
export const makePhysicalIds = (template: Template, baseUrl: string, resolveName: (value: unknown) => unknown): PhysicalIds => {
  const names = new Map<string, string>();
  const typeOf = (id: string): string => {
    const resource = template.Resources[id];
    if (!resource) throw new Error(`The template references ${id}, which is not a resource, parameter or pseudo parameter`);
    return resource.Type;
  };
  const name = (id: string): string => {
    const known = names.get(id);
    if (known !== undefined) return known;
    const property = NAME_PROPERTY[typeOf(id)];
    const declared = property ? template.Resources[id]?.Properties?.[property] : undefined;
    const value = declared === undefined ? id : String(resolveName(declared));
    names.set(id, value);
    return value;
  };
  const ref = (id: string): unknown => {
    switch (typeOf(id)) {
      case 'AWS::SQS::Queue':
        return `${baseUrl}/_local/queues/${name(id)}`;
      case 'AWS::SNS::Topic':
        return arn('sns', name(id));
      case 'AWS::Serverless::StateMachine':
      case 'AWS::StepFunctions::StateMachine':
        return arn('states', `stateMachine:${name(id)}`);
      default:
        return name(id);
    }
  };
  const getAtt = (id: string, attribute: string): unknown => {
    const type = typeOf(id);
    const n = name(id);
    const table: Record<string, Record<string, unknown>> = {
      'AWS::Serverless::Function': { Arn: arn('lambda', `function:${n}`) },
      'AWS::Lambda::Function': { Arn: arn('lambda', `function:${n}`) },
      'AWS::SQS::Queue': { Arn: arn('sqs', n), QueueName: n, QueueUrl: ref(id) },
      'AWS::SNS::Topic': { TopicArn: arn('sns', n), TopicName: n },
      'AWS::DynamoDB::Table': { Arn: arn('dynamodb', `table/${n}`), StreamArn: arn('dynamodb', `table/${n}/stream/local`) },
      'AWS::Serverless::StateMachine': { Arn: ref(id), Name: n },
      'AWS::StepFunctions::StateMachine': { Arn: ref(id), Name: n },
    };
    const value = table[type]?.[attribute];
    return value ?? `${n}.${attribute}`;
  };
  return { name, ref, getAtt };
};

/** Standard executions are `execution:<machine>:<name>`; Express ones `express:<machine>:<name>:<id>`. */
export const executionArn = (stateMachineName: string, executionName: string, kind: 'execution' | 'express' = 'execution'): string =>
  kind === 'express'
    ? arn('states', `express:${stateMachineName}:${executionName}:${executionName}`)
    : arn('states', `execution:${stateMachineName}:${executionName}`);

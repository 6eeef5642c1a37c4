/**
 * The SAM-translated template as one concrete example deployment: every Ref, Fn::GetAtt, Fn::Sub and Fn::Join
 * resolved to the name or ARN CloudFormation would produce in account 123456789012, region us-east-1, stack
 * `orders-example`. Policies are then evaluated against real-looking ARNs rather than against intrinsics, so a
 * policy scoped to the wrong table or index really fails to match.
 */
import { asArray, asRecord, type Props } from './template-fixture';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const STACK = 'orders-example';

export interface TranslatedResource {
  Type: string;
  Properties?: Props;
}
export interface TranslatedTemplate {
  Parameters?: Record<string, { Default?: unknown }>;
  Resources: Record<string, TranslatedResource>;
}

const PSEUDO: Record<string, string> = {
  'AWS::AccountId': ACCOUNT,
  'AWS::Region': REGION,
  'AWS::Partition': 'aws',
  'AWS::StackName': STACK,
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::StackId': `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/${STACK}/00000000-0000-0000-0000-000000000000`,
};

/** The property that names each resource type when the template sets it; otherwise CloudFormation generates a name. */
const NAME_PROPERTY: Record<string, string> = {
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::StepFunctions::StateMachine': 'StateMachineName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::Logs::LogGroup': 'LogGroupName',
};

export class UnresolvableError extends Error {
  override readonly name = 'UnresolvableError';
}

export class ExampleStack {
  constructor(readonly template: TranslatedTemplate) {}

  resource(logicalId: string): TranslatedResource {
    const found = this.template.Resources[logicalId];
    if (!found) throw new UnresolvableError(`no resource ${logicalId}`);
    return found;
  }

  /** The physical name: the template's own name property, or a generated `<stack>-<LogicalId>-EXAMPLE`. */
  nameOf(logicalId: string): string {
    const { Type, Properties } = this.resource(logicalId);
    const property = NAME_PROPERTY[Type];
    const named = property === undefined ? undefined : Properties?.[property];
    return named === undefined ? `${STACK}-${logicalId}-EXAMPLE` : this.resolveString(named);
  }

  arnOf(logicalId: string): string {
    const { Type } = this.resource(logicalId);
    const name = this.nameOf(logicalId);
    switch (Type) {
      case 'AWS::DynamoDB::Table':
        return `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${name}`;
      case 'AWS::SQS::Queue':
        return `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;
      case 'AWS::SNS::Topic':
        return `arn:aws:sns:${REGION}:${ACCOUNT}:${name}`;
      case 'AWS::StepFunctions::StateMachine':
        return `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${name}`;
      case 'AWS::Lambda::Function':
        return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
      case 'AWS::IAM::Role':
        return `arn:aws:iam::${ACCOUNT}:role/${name}`;
      case 'AWS::Logs::LogGroup':
        return `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${name}:*`;
      default:
        throw new UnresolvableError(`no ARN rule for ${Type} (${logicalId})`);
    }
  }

  /** What `!Ref` returns for each type (a name, a URL or an ARN, as CloudFormation documents). */
  ref(logicalId: string): string {
    if (PSEUDO[logicalId] !== undefined) return PSEUDO[logicalId];
    const parameter = this.template.Parameters?.[logicalId];
    if (parameter) return String(parameter.Default ?? '');
    const { Type } = this.resource(logicalId);
    if (Type === 'AWS::SQS::Queue') return `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${this.nameOf(logicalId)}`;
    if (Type === 'AWS::SNS::Topic' || Type === 'AWS::StepFunctions::StateMachine') return this.arnOf(logicalId);
    return this.nameOf(logicalId);
  }

  getAtt(logicalId: string, attribute: string): string {
    if (attribute === 'Arn' || attribute === 'TopicArn') return this.arnOf(logicalId);
    if (['Name', 'QueueName', 'TopicName'].includes(attribute)) return this.nameOf(logicalId);
    if (attribute === 'QueueUrl') return this.ref(logicalId);
    throw new UnresolvableError(`no rule for Fn::GetAtt ${logicalId}.${attribute}`);
  }

  /** A value with intrinsics → its string; throws UnresolvableError for anything it cannot resolve exactly. */
  resolveString(value: unknown): string {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    const record = asRecord(value);
    if (typeof record.Ref === 'string') return this.ref(record.Ref);
    const getAtt = record['Fn::GetAtt'];
    if (getAtt !== undefined) {
      const [id, attribute] = typeof getAtt === 'string' ? getAtt.split('.') : asArray(getAtt).map(String);
      return this.getAtt(String(id), String(attribute));
    }
    const sub = record['Fn::Sub'];
    if (sub !== undefined) {
      const [text, variables] = typeof sub === 'string' ? [sub, {}] : [String(asArray(sub)[0]), asRecord(asArray(sub)[1])];
      return text.replace(/\$\{([^}!][^}]*)\}/g, (_, name: string) => {
        if (name in variables) return this.resolveString(variables[name]);
        const [id, attribute] = name.split('.');
        return attribute === undefined ? this.ref(String(id)) : this.getAtt(String(id), attribute);
      });
    }
    const join = record['Fn::Join'];
    if (join !== undefined) {
      const [separator, parts] = asArray(join);
      return asArray(parts).map((part) => this.resolveString(part)).join(String(separator));
    }
    throw new UnresolvableError(`cannot resolve ${JSON.stringify(value).slice(0, 200)}`);
  }

  /** A policy document (or any JSON) with every intrinsic object replaced by its string. */
  resolveDeep(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((item) => this.resolveDeep(item));
    if (value === null || typeof value !== 'object') return value;
    const keys = Object.keys(value);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0]?.startsWith('Fn::'))) return this.resolveString(value);
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, this.resolveDeep(inner)]));
  }

  /** The logical id whose Ref or Fn::GetAtt a value is (the template's way of pointing at a resource). */
  static pointee(value: unknown): string | undefined {
    const record = asRecord(value);
    if (typeof record.Ref === 'string') return record.Ref;
    const getAtt = record['Fn::GetAtt'];
    if (typeof getAtt === 'string') return getAtt.split('.')[0];
    const first = asArray(getAtt)[0];
    return typeof first === 'string' ? first : undefined;
  }
}

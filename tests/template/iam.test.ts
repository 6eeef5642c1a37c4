/**
 * Least privilege, checked twice: on the policies written in template.yaml (SAM policy templates and inline
 * statements of every function and the state machine), and on every IAM role of the template after SAM's transform,
 * which also shows the policies SAM attaches on its own (skipped when the project's .venv is missing).
 */
import {
  asArray,
  asRecord,
  functionIds,
  idsOfType,
  propsOf,
  referencedResource,
  resource,
  samTranslatorAvailable,
  subText,
  subVariables,
  template,
  transformedTemplate,
  type Props,
} from './template-fixture';

/**
 * The only actions a statement may grant on Resource "*": they have no resource-level permissions (the Service
 * Authorization Reference lists no resource type for them).
 */
const NO_RESOURCE_LEVEL_PERMISSIONS = new Set([
  // CloudWatch Logs log delivery, which Step Functions uses to send execution logs to a log group.
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:DescribeResourcePolicies',
  'logs:DescribeLogGroups',
  // X-Ray trace upload.
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
  // Custom metrics by API call (the functions use Embedded Metric Format instead, which needs none).
  'cloudwatch:PutMetricData',
  // Task-token callbacks, when they cannot be scoped to the state machine (this template scopes them).
  'states:SendTaskSuccess',
  'states:SendTaskFailure',
  'states:SendTaskHeartbeat',
]);

/** SAM policy templates the template may use; each is scoped by a parameter naming one of its resources. */
const SAM_POLICY_TEMPLATES: Record<string, { parameter: string; resourceTypes: string[] }> = {
  StepFunctionsExecutionPolicy: { parameter: 'StateMachineName', resourceTypes: ['AWS::Serverless::StateMachine'] },
  StepFunctionsCallbackPolicy: { parameter: 'StateMachineName', resourceTypes: ['AWS::Serverless::StateMachine'] },
  SNSPublishMessagePolicy: { parameter: 'TopicName', resourceTypes: ['AWS::SNS::Topic'] },
  LambdaInvokePolicy: { parameter: 'FunctionName', resourceTypes: ['AWS::Serverless::Function'] },
  SQSSendMessagePolicy: { parameter: 'QueueName', resourceTypes: ['AWS::SQS::Queue'] },
  SQSPollerPolicy: { parameter: 'QueueName', resourceTypes: ['AWS::SQS::Queue'] },
};

/** Managed policies allowed on a role after the transform, by role; SAM attaches the first two itself. */
const LAMBDA_BASELINE = ['AWSLambdaBasicExecutionRole', 'AWSXrayWriteOnlyAccess'];
const ALLOWED_MANAGED_POLICIES: Record<string, string[]> = {
  OrderStateMachineRole: ['AWSXrayWriteOnlyAccess'],
  ApiGatewayCloudWatchRole: ['AmazonAPIGatewayPushToCloudWatchLogs'],
};

const principals = (): [string, Props][] =>
  [...functionIds(), ...idsOfType('AWS::Serverless::StateMachine')].map((id) => [id, propsOf(id)]);

const statementsOf = (policies: unknown): Props[] =>
  asArray(policies).flatMap((policy) => asArray(asRecord(policy).Statement).map(asRecord));

const actionsOf = (statement: Props): string[] =>
  (typeof statement.Action === 'string' ? [statement.Action] : asArray(statement.Action)).map(String);
const resourcesOf = (statement: Props): unknown[] => (Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource]);

const EXECUTIONS_BY_NAME = /^arn:\$\{AWS::Partition\}:states:\$\{AWS::Region\}:\$\{AWS::AccountId\}:execution:(.+):\*$/;

/**
 * The state machine whose executions a !Sub ARN names through the machine's own `Name` (`…:execution:<Name>:*`):
 * how a function that the state machine invokes is granted its executions without referring back to it, which
 * would be a circular dependency. Undefined unless the name is exactly that of a state machine of this template.
 */
const stateMachineNamedIn = (value: unknown): string | undefined => {
  const name = EXECUTIONS_BY_NAME.exec(subText(value) ?? '')?.[1];
  return name === undefined ? undefined : idsOfType('AWS::Serverless::StateMachine').find((id) => subText(propsOf(id).Name) === name);
};

/** The logical ids a Resource entry refers to: GetAtt/Ref, ${X} / ${X.Attr} inside a !Sub, or a state machine's executions by its Name. */
const resourcesReferenced = (value: unknown): string[] => {
  const direct = referencedResource(value) ?? stateMachineNamedIn(value);
  if (direct) return [direct];
  const sub = asRecord(value)['Fn::Sub'];
  const text = subText(value) ?? (Array.isArray(sub) ? String(sub[0]) : undefined);
  if (text === undefined) return [];
  const inner = Array.isArray(sub) ? asRecord(sub[1]) : {};
  const named = subVariables(text).filter((v) => !v.startsWith('AWS::'));
  return named.flatMap((v) => (v in inner ? resourcesReferenced(inner[v]) : [v.split('.')[0] ?? v]));
};

/** Problems with one statement; an empty list means it is least-privilege by the rules above. */
const statementProblems = (owner: string, statement: Props, { allowSuffixWildcards }: { allowSuffixWildcards: boolean }): string[] => {
  const problems: string[] = [];
  const actions = actionsOf(statement);
  if (statement.Effect !== 'Allow') problems.push(`${owner}: Effect ${String(statement.Effect)}`);
  if (statement.NotAction || statement.NotResource) problems.push(`${owner}: NotAction/NotResource`);
  if (actions.length === 0) problems.push(`${owner}: no Action`);
  for (const action of actions) {
    if (action === '*' || /^[\w-]+:\*$/.test(action)) problems.push(`${owner}: Action ${action}`);
    else if (action.includes('*') && !allowSuffixWildcards) problems.push(`${owner}: wildcard in Action ${action}`);
  }
  for (const target of resourcesOf(statement)) {
    if (target === '*') {
      const unjustified = actions.filter((a) => !NO_RESOURCE_LEVEL_PERMISSIONS.has(a));
      if (unjustified.length > 0) problems.push(`${owner}: Resource "*" for ${unjustified.join(', ')}`);
    } else if (typeof target === 'string') {
      problems.push(`${owner}: literal Resource ${target}`);
    } else {
      const referenced = resourcesReferenced(target);
      if (referenced.length === 0) problems.push(`${owner}: Resource refers to nothing in the template: ${JSON.stringify(target)}`);
      for (const id of referenced) if (!template.Resources[id]) problems.push(`${owner}: Resource refers to unknown ${id}`);
    }
  }
  return problems;
};

describe('policies written in template.yaml', () => {
  it('gives every function and the state machine its own policies, and no managed policy by name', () => {
    for (const [id, props] of principals()) {
      const policies = asArray(props.Policies);
      expect({ id, count: policies.length > 0 }).toEqual({ id, count: true });
      expect({ id, role: props.Role }).toEqual({ id, role: undefined });
      for (const policy of policies) expect({ id, policy: typeof policy }).toEqual({ id, policy: 'object' });
    }
  });

  it('uses only known SAM policy templates, each scoped to a resource of this template', () => {
    for (const [id, props] of principals()) {
      for (const policy of asArray(props.Policies).map(asRecord)) {
        for (const [name, parameters] of Object.entries(policy)) {
          if (name === 'Statement') continue;
          const known = SAM_POLICY_TEMPLATES[name];
          expect({ id, name, known: known !== undefined }).toEqual({ id, name, known: true });
          if (!known) continue;
          const target = referencedResource(asRecord(parameters)[known.parameter]);
          expect({ id, name, target }).toEqual({ id, name, target: expect.any(String) });
          expect(known.resourceTypes).toContain(resource(String(target)).Type);
        }
      }
    }
  });

  it('has no Action "*" or "service:*", and Resource "*" only for actions without resource-level permissions', () => {
    const problems = principals().flatMap(([id, props]) =>
      statementsOf(props.Policies).flatMap((statement) => statementProblems(id, statement, { allowSuffixWildcards: false })),
    );
    expect(problems).toEqual([]);
  });

  it("grants DynamoDB actions only on this template's tables and their indexes", () => {
    const tables = idsOfType('AWS::DynamoDB::Table');
    for (const [id, props] of principals()) {
      for (const statement of statementsOf(props.Policies)) {
        if (!actionsOf(statement).some((a) => a.startsWith('dynamodb:'))) continue;
        for (const target of resourcesOf(statement)) {
          for (const referenced of resourcesReferenced(target)) expect({ id, referenced, table: tables.includes(referenced) }).toEqual({ id, referenced, table: true });
        }
      }
    }
  });

  it('lets only RecordOutcomeFunction read execution histories, those of the order workflow, with no reference back to it', () => {
    const readers = principals().flatMap(([id, props]) =>
      statementsOf(props.Policies)
        .filter((statement) => actionsOf(statement).some((a) => a.startsWith('states:GetExecution')))
        .map((statement) => ({ id, actions: actionsOf(statement), machines: resourcesOf(statement).flatMap(resourcesReferenced) })),
    );
    expect(readers).toEqual([{ id: 'RecordOutcomeFunction', actions: ['states:GetExecutionHistory'], machines: ['OrderStateMachine'] }]);
    // OrderStateMachine's DefinitionSubstitutions refer to RecordOutcomeFunction.Arn, so the function must not refer to it.
    expect(JSON.stringify(resource('RecordOutcomeFunction'))).not.toContain('OrderStateMachine');
  });

  it('keeps the read-only API functions read-only', () => {
    const writes = (id: string) =>
      statementsOf(propsOf(id).Policies)
        .flatMap(actionsOf)
        .filter((a) => !/^dynamodb:(Get|BatchGet|Query)/.test(a));
    expect(writes('GetOrderFunction')).toEqual([]);
    expect(writes('ListOrdersFunction')).toEqual([]);
  });
});

describe('alarm topic key', () => {
  it('admits CloudWatch (for alarms) only on behalf of this account', () => {
    const statements = asArray(asRecord(propsOf('AlarmTopicKey').KeyPolicy).Statement).map(asRecord);
    const cloudwatch = statements.filter((s) => asRecord(s.Principal).Service === 'cloudwatch.amazonaws.com');
    expect(cloudwatch).toHaveLength(1);
    expect(actionsOf(cloudwatch[0] ?? {}).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
    expect(asRecord(asRecord(cloudwatch[0]?.Condition).StringEquals)['aws:SourceAccount']).toEqual({ Ref: 'AWS::AccountId' });
    expect(statements.every((s) => asRecord(s.Principal).AWS !== '*' && s.Principal !== '*')).toBe(true);
  });
});

const describeTransformed = samTranslatorAvailable() ? describe : describe.skip;
if (!samTranslatorAvailable()) {
  console.warn('Skipping the IAM checks on the transformed template: run `bash scripts/python-env.sh` to install the SAM CLI into .venv.');
}

describeTransformed('IAM roles after the SAM transform', () => {
  const transformed = samTranslatorAvailable() ? transformedTemplate() : { Resources: {} };
  const roles = Object.entries(transformed.Resources).filter(([, r]) => r.Type === 'AWS::IAM::Role');

  it('has one role per function and one per state machine, plus the API Gateway logging and quote integration roles', () => {
    const expected = [...functionIds(), ...idsOfType('AWS::Serverless::StateMachine')].map((id) => `${id}Role`);
    expect(roles.map(([id]) => id).sort()).toEqual([...expected, 'ApiGatewayCloudWatchRole', 'QuoteApiRole'].sort());
  });

  it('attaches no managed policy beyond the Lambda/X-Ray baseline (no AWSLambdaSQSQueueExecutionRole and the like)', () => {
    for (const [id, role] of roles) {
      const allowed = ALLOWED_MANAGED_POLICIES[id] ?? LAMBDA_BASELINE;
      const attached = asArray(role.Properties?.ManagedPolicyArns).map((arn) => String(subText(arn) ?? arn).split('/').at(-1));
      for (const name of attached) expect({ id, name, allowed: allowed.includes(String(name)) }).toEqual({ id, name, allowed: true });
    }
  });

  it('has no Action "*" or "service:*" and no unjustified Resource "*" in any inline policy', () => {
    const problems = roles.flatMap(([id, role]) =>
      asArray(role.Properties?.Policies).flatMap((policy) =>
        asArray(asRecord(asRecord(policy).PolicyDocument).Statement).flatMap((statement) =>
          statementProblems(id, asRecord(statement), { allowSuffixWildcards: true }),
        ),
      ),
    );
    expect(problems).toEqual([]);
  });
});

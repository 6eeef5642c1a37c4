/**
 * What each role of the translated template must allow, as (action, concrete resource ARN) pairs:
 * - a Lambda function's role: the IAM actions of the SDK calls its code makes (iam-code-calls.ts), on the resource
 *   each call names through the function's environment, plus what Lambda does with the role on the function's
 *   behalf (polling its SQS event source);
 * - a state machine's role: each Task state's integration (after DefinitionSubstitutions);
 * - the API's quote integration role: the Step Functions action in its integration URI on the machine it names.
 * A call the model cannot turn into a concrete action and ARN is returned as `unmapped`, never dropped.
 */
import { type CodeCall, type Target } from './iam-code-calls';
import { ExampleStack, UnresolvableError, ACCOUNT, REGION } from './iam-example-stack';
import { asArray, asRecord, type Props } from './template-fixture';

export interface Requirement {
  /** Where the need comes from: `DynamoDbOrderRepository.get → GetCommand`, `Task ValidateOrder`. */
  source: string;
  action: string;
  resource: string;
}
export interface Unmapped {
  source: string;
  reason: string;
}
export interface Requirements {
  role: string;
  required: Requirement[];
  unmapped: Unmapped[];
}

/** lib-dynamodb / client-dynamodb commands on a single table (or an index when IndexName is set). */
const DYNAMODB_SINGLE: Record<string, string> = {
  GetCommand: 'dynamodb:GetItem',
  GetItemCommand: 'dynamodb:GetItem',
  PutCommand: 'dynamodb:PutItem',
  PutItemCommand: 'dynamodb:PutItem',
  UpdateCommand: 'dynamodb:UpdateItem',
  UpdateItemCommand: 'dynamodb:UpdateItem',
  DeleteCommand: 'dynamodb:DeleteItem',
  DeleteItemCommand: 'dynamodb:DeleteItem',
  QueryCommand: 'dynamodb:Query',
  ScanCommand: 'dynamodb:Scan',
};
/** Commands addressed to every table named in RequestItems. */
const DYNAMODB_BATCH: Record<string, string> = {
  BatchGetCommand: 'dynamodb:BatchGetItem',
  BatchGetItemCommand: 'dynamodb:BatchGetItem',
  BatchWriteCommand: 'dynamodb:BatchWriteItem',
  BatchWriteItemCommand: 'dynamodb:BatchWriteItem',
};
/** Transactions have no action of their own: each item is authorised as its single-item action. */
const DYNAMODB_TRANSACT = new Set(['TransactWriteCommand', 'TransactWriteItemsCommand', 'TransactGetCommand', 'TransactGetItemsCommand']);
const TRANSACTION_ITEM_ACTION: Record<string, string> = {
  Update: 'dynamodb:UpdateItem',
  Put: 'dynamodb:PutItem',
  Delete: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
  Get: 'dynamodb:GetItem',
};
/** Commands whose resource is named by one input field, holding an ARN or queue URL. */
const BY_FIELD: Record<string, { action: string; field: string }> = {
  PublishCommand: { action: 'sns:Publish', field: 'TopicArn' },
  SendMessageCommand: { action: 'sqs:SendMessage', field: 'QueueUrl' },
  StartExecutionCommand: { action: 'states:StartExecution', field: 'stateMachineArn' },
  StartSyncExecutionCommand: { action: 'states:StartSyncExecution', field: 'stateMachineArn' },
  InvokeCommand: { action: 'lambda:InvokeFunction', field: 'FunctionName' },
};
/** Task-token callbacks: the token's issuer is the state machine whose task handed it to this function. */
const CALLBACKS: Record<string, string> = {
  SendTaskSuccessCommand: 'states:SendTaskSuccess',
  SendTaskFailureCommand: 'states:SendTaskFailure',
  SendTaskHeartbeatCommand: 'states:SendTaskHeartbeat',
};
/** Reads of the execution that invoked the function (its ARN arrives in the event, from `$$.Execution.Id`). */
const OWN_EXECUTION: Record<string, string> = {
  GetExecutionHistoryCommand: 'states:GetExecutionHistory',
  DescribeExecutionCommand: 'states:DescribeExecution',
};

/** An example execution name; any name of the machine must be allowed, so one stands for all. */
const EXAMPLE_EXECUTION = 'order-0001';

const queueArnFromUrl = (url: string): string => {
  const match = /^https:\/\/sqs\.([^.]+)\.amazonaws\.com\/(\d+)\/(.+)$/.exec(url);
  if (!match) throw new UnresolvableError(`not a queue URL: ${url}`);
  return `arn:aws:sqs:${match[1]}:${match[2]}:${match[3]}`;
};

export interface StateMachineView {
  logicalId: string;
  arn: string;
  /** Every Task state (Parallel branches and Map processors included), with its name. */
  tasks: [string, Props][];
}

const tasksOf = (definition: Props): [string, Props][] =>
  Object.entries(asRecord(definition.States)).flatMap(([name, value]) => {
    const state = asRecord(value);
    const nested = [...asArray(state.Branches), state.ItemProcessor, state.Iterator].filter(Boolean).flatMap((inner) => tasksOf(asRecord(inner)));
    return [...(state.Type === 'Task' ? [[name, state] as [string, Props]] : []), ...nested];
  });

export class RequiredPermissions {
  readonly stateMachines: StateMachineView[];

  constructor(private readonly stack: ExampleStack) {
    this.stateMachines = Object.entries(stack.template.Resources)
      .filter(([, resource]) => resource.Type === 'AWS::StepFunctions::StateMachine')
      .map(([logicalId, resource]) => {
        const props = asRecord(resource.Properties);
        const substitutions = asRecord(props.DefinitionSubstitutions);
        const text = props.DefinitionString !== undefined ? stack.resolveString(props.DefinitionString) : JSON.stringify(props.Definition);
        // DefinitionSubstitutions replace ${Name} in the definition, as CloudFormation does at deploy time.
        const substituted = text.replace(/\$\{([A-Za-z0-9_]+)\}/g, (whole, name: string) =>
          name in substitutions ? stack.resolveString(substitutions[name]) : whole,
        );
        return { logicalId, arn: stack.arnOf(logicalId), tasks: tasksOf(JSON.parse(substituted) as Props) };
      });
  }

  /** The role a translated resource runs as (Role / RoleArn is a GetAtt of a role in the template). */
  roleOf(logicalId: string): string {
    const props = asRecord(this.stack.resource(logicalId).Properties);
    const role = ExampleStack.pointee(props.Role ?? props.RoleArn);
    if (!role) throw new UnresolvableError(`${logicalId} has no role of this template`);
    return role;
  }

  private functionArn(logicalId: string): string {
    return this.stack.arnOf(logicalId);
  }

  /** State machines with a Task that invokes the function (its ARN as Resource, or lambda:invoke FunctionName). */
  private machinesInvoking(functionId: string): StateMachineView[] {
    const arn = this.functionArn(functionId);
    return this.stateMachines.filter((machine) =>
      machine.tasks.some(([, task]) => task.Resource === arn || asRecord(task.Parameters).FunctionName === arn),
    );
  }

  /** SQS queues that Lambda polls for the function (event source mappings). */
  private queuesPolledFor(functionId: string): string[] {
    return Object.values(this.stack.template.Resources)
      .filter((resource) => resource.Type === 'AWS::Lambda::EventSourceMapping')
      .map((resource) => asRecord(resource.Properties))
      .filter((props) => ExampleStack.pointee(props.FunctionName) === functionId)
      .map((props) => this.stack.resolveString(props.EventSourceArn))
      .filter((arn) => arn.startsWith('arn:aws:sqs:'));
  }

  /** State machines that hand task tokens to the function: waitForTaskToken to a queue it polls, or to itself. */
  private tokenIssuersFor(functionId: string): StateMachineView[] {
    const queues = this.queuesPolledFor(functionId);
    const arn = this.functionArn(functionId);
    return this.stateMachines.filter((machine) =>
      machine.tasks.some(([, task]) => {
        const resource = String(task.Resource);
        if (!resource.endsWith('.waitForTaskToken')) return false;
        const parameters = asRecord(task.Parameters);
        if (resource.includes(':sqs:sendMessage')) return queues.includes(queueArnFromUrl(String(parameters.QueueUrl)));
        return parameters.FunctionName === arn;
      }),
    );
  }

  private targetValue(functionId: string, target: Target | undefined): string {
    if (!target) throw new UnresolvableError('no resource in the call');
    if (target.kind === 'literal') return target.value;
    if (target.kind === 'unknown') throw new UnresolvableError(`resource not traced (${target.detail})`);
    const variables = asRecord(asRecord(asRecord(this.stack.resource(functionId).Properties).Environment).Variables);
    if (!(target.variable in variables)) throw new UnresolvableError(`${target.variable} is not in the function's Environment`);
    return this.stack.resolveString(variables[target.variable]);
  }

  private tableArn(functionId: string, table: Target | undefined, index?: Target): string {
    const name = this.targetValue(functionId, table);
    const arn = name.startsWith('arn:') ? name : `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${name}`;
    return index === undefined ? arn : `${arn}/index/${this.targetValue(functionId, index)}`;
  }

  private requirementsOfCall(functionId: string, call: CodeCall): Omit<Requirement, 'source'>[] {
    const { command, fields } = call;
    const single = DYNAMODB_SINGLE[command];
    if (single) return [{ action: single, resource: this.tableArn(functionId, fields.TableName, fields.IndexName) }];
    const batch = DYNAMODB_BATCH[command];
    if (batch) {
      if (call.requestTables.length === 0) throw new UnresolvableError('RequestItems names no table');
      return call.requestTables.map((table) => ({ action: batch, resource: this.tableArn(functionId, table) }));
    }
    if (DYNAMODB_TRANSACT.has(command)) {
      if (call.transactionItems.length === 0) throw new UnresolvableError('no transaction items found beside the call');
      return call.transactionItems.map(({ operation, table }) => {
        const action = TRANSACTION_ITEM_ACTION[operation];
        if (!action) throw new UnresolvableError(`transaction item ${operation}`);
        return { action, resource: this.tableArn(functionId, table) };
      });
    }
    const byField = BY_FIELD[command];
    if (byField) {
      const value = this.targetValue(functionId, fields[byField.field]);
      const resource = byField.field === 'QueueUrl' ? queueArnFromUrl(value) : value;
      return [{ action: byField.action, resource }];
    }
    const callback = CALLBACKS[command];
    if (callback) {
      const issuers = this.tokenIssuersFor(functionId);
      if (issuers.length === 0) throw new UnresolvableError('no state machine hands this function a task token');
      return issuers.map((machine) => ({ action: callback, resource: machine.arn }));
    }
    const own = OWN_EXECUTION[command];
    if (own) {
      const machines = this.machinesInvoking(functionId);
      if (machines.length === 0) throw new UnresolvableError('no state machine invokes this function');
      return machines.map((machine) => ({ action: own, resource: `${machine.arn.replace(':stateMachine:', ':execution:')}:${EXAMPLE_EXECUTION}` }));
    }
    throw new UnresolvableError(`no IAM mapping for ${command}`);
  }

  /** What the function's role must allow for its code's calls and its event source mappings. */
  forFunction(functionId: string, calls: readonly CodeCall[]): Requirements {
    const required: Requirement[] = [];
    const unmapped: Unmapped[] = [];
    for (const call of calls) {
      const source = `${call.via} → ${call.command}`;
      try {
        for (const need of this.requirementsOfCall(functionId, call)) required.push({ source, ...need });
      } catch (error) {
        if (!(error instanceof UnresolvableError)) throw error;
        unmapped.push({ source, reason: error.message });
      }
    }
    // Lambda polls the queue with the function's own role (AWS Lambda developer guide, "Amazon SQS" permissions).
    for (const queue of this.queuesPolledFor(functionId)) {
      for (const action of ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes']) {
        required.push({ source: 'event source mapping (Lambda polls)', action, resource: queue });
      }
    }
    required.push(...this.lambdaRuntimeNeeds(functionId));
    return { role: this.roleOf(functionId), required, unmapped };
  }

  /**
   * What the Lambda runtime does with the function's role: write its log streams into the function's log group
   * (LoggingConfig, else /aws/lambda/<name>) and, with active tracing, send trace segments.
   */
  private lambdaRuntimeNeeds(functionId: string): Requirement[] {
    const props = asRecord(this.stack.resource(functionId).Properties);
    const logGroup = asRecord(props.LoggingConfig).LogGroup;
    const groupName = logGroup === undefined ? `/aws/lambda/${this.stack.nameOf(functionId)}` : this.stack.resolveString(logGroup);
    const stream = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${groupName}:log-stream:2026/01/01/[$LATEST]0123456789abcdef`;
    const needs: Requirement[] = ['logs:CreateLogStream', 'logs:PutLogEvents'].map((action) => ({ source: 'Lambda runtime (logs)', action, resource: stream }));
    if (asRecord(props.TracingConfig).Mode === 'Active') {
      for (const action of ['xray:PutTraceSegments', 'xray:PutTelemetryRecords']) needs.push({ source: 'Lambda runtime (active tracing)', action, resource: '*' });
    }
    return needs;
  }

  /**
   * What Step Functions does with the machine's role besides its tasks: set up log delivery to its log group
   * (the CloudWatch Logs delivery APIs, which have no resource-level permissions) and send traces when enabled.
   */
  private stateMachineRuntimeNeeds(logicalId: string): Requirement[] {
    const props = asRecord(this.stack.resource(logicalId).Properties);
    const needs: Requirement[] = [];
    if (asArray(asRecord(props.LoggingConfiguration).Destinations).length > 0) {
      for (const action of ['logs:CreateLogDelivery', 'logs:GetLogDelivery', 'logs:UpdateLogDelivery', 'logs:DeleteLogDelivery', 'logs:ListLogDeliveries', 'logs:PutResourcePolicy', 'logs:DescribeResourcePolicies', 'logs:DescribeLogGroups']) {
        needs.push({ source: 'Step Functions (log delivery)', action, resource: '*' });
      }
    }
    if (asRecord(props.TracingConfiguration).Enabled === true) {
      for (const action of ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets']) {
        needs.push({ source: 'Step Functions (tracing)', action, resource: '*' });
      }
    }
    return needs;
  }

  /** What a state machine's role must allow for its Task states. */
  forStateMachine(machine: StateMachineView): Requirements {
    const required: Requirement[] = [];
    const unmapped: Unmapped[] = [];
    for (const [name, task] of machine.tasks) {
      const source = `Task ${name}`;
      const resource = String(task.Resource);
      const parameters = asRecord(task.Parameters);
      const integration = /^arn:aws:states:::([a-z0-9-]+):([A-Za-z]+)(\.sync|\.waitForTaskToken)?(?::\d+)?$/.exec(resource);
      try {
        if (resource.startsWith('arn:aws:lambda:')) {
          required.push({ source, action: 'lambda:InvokeFunction', resource });
        } else if (integration?.[1] === 'lambda' && integration[2] === 'invoke') {
          required.push({ source, action: 'lambda:InvokeFunction', resource: String(parameters.FunctionName) });
        } else if (integration?.[1] === 'sqs' && integration[2] === 'sendMessage') {
          required.push({ source, action: 'sqs:SendMessage', resource: queueArnFromUrl(String(parameters.QueueUrl)) });
        } else if (integration?.[1] === 'sns' && integration[2] === 'publish') {
          required.push({ source, action: 'sns:Publish', resource: String(parameters.TopicArn) });
        } else if (integration?.[1] === 'states' && integration[2] === 'startExecution' && integration[3] === undefined) {
          required.push({ source, action: 'states:StartExecution', resource: String(parameters.StateMachineArn) });
        } else {
          throw new UnresolvableError(`no IAM mapping for Task Resource ${resource}`);
        }
      } catch (error) {
        if (!(error instanceof UnresolvableError)) throw error;
        unmapped.push({ source, reason: error.message });
      }
    }
    required.push(...this.stateMachineRuntimeNeeds(machine.logicalId));
    return { role: this.roleOf(machine.logicalId), required, unmapped };
  }

  /**
   * What each API Gateway AWS-service integration's `credentials` role must allow: the action named in the
   * integration URI (`…:states:action/StartSyncExecution`) on the `stateMachineArn` its request template sends.
   */
  forApiIntegrations(): Requirements[] {
    const results: Requirements[] = [];
    for (const [apiId, api] of Object.entries(this.stack.template.Resources)) {
      if (api.Type !== 'AWS::ApiGateway::RestApi') continue;
      for (const [path, methods] of Object.entries(asRecord(asRecord(asRecord(api.Properties).Body).paths))) {
        for (const [method, operation] of Object.entries(asRecord(methods))) {
          const integration = asRecord(asRecord(operation)['x-amazon-apigateway-integration']);
          if (integration.type !== 'aws' || integration.credentials === undefined) continue;
          const source = `${apiId} ${method.toUpperCase()} ${path}`;
          const role = ExampleStack.pointee(integration.credentials) ?? '';
          const uri = this.stack.resolveString(integration.uri);
          const action = /:apigateway:[^:]+:([a-z0-9-]+):action\/(\w+)$/.exec(uri);
          const template = Object.values(asRecord(integration.requestTemplates)).map((value) => this.stack.resolveString(value)).join('\n');
          const machine = /"stateMachineArn"\s*:\s*"([^"]+)"/.exec(template)?.[1];
          if (action?.[1] === 'states' && machine) {
            results.push({ role, required: [{ source, action: `states:${action[2]}`, resource: machine }], unmapped: [] });
          } else {
            results.push({ role, required: [], unmapped: [{ source, reason: `no IAM mapping for integration ${uri}` }] });
          }
        }
      }
    }
    return results;
  }
}

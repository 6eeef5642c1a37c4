/**
 * A deployed stack, faked with aws-sdk-client-mock: CloudFormation describes it, Step Functions serves the given
 * histories (paged like the service: ListExecutions newest first, GetExecutionHistory in small pages), SQS and
 * CloudWatch answer what the report asks.
 */
import { CloudFormationClient, DescribeStacksCommand, ListStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ExecutionDoesNotExist, GetExecutionHistoryCommand, ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import type { ExecutionHistory } from '../../../../src/cli/core/history';
import { toAwsEvents, toListItem } from './aws-events';

export const STACK_NAME = 'orders-test';
export const REGION = 'eu-west-1';
export const STATE_MACHINE_ARN = `arn:aws:states:${REGION}:123456789012:stateMachine:OrderStateMachine-abc`;
export const PAYMENT_QUEUE_URL = `https://sqs.${REGION}.amazonaws.com/123456789012/orders-test-payments`;
export const PAYMENT_DLQ_URL = `https://sqs.${REGION}.amazonaws.com/123456789012/orders-test-payments-dlq`;
export const DLQ_ARN = `arn:aws:sqs:${REGION}:123456789012:orders-test-payments-dlq`;
export const QUEUE_ARN = `arn:aws:sqs:${REGION}:123456789012:orders-test-payments`;

export const mocks = {
  cloudFormation: mockClient(CloudFormationClient),
  sfn: mockClient(SFNClient),
  cloudWatch: mockClient(CloudWatchClient),
  logs: mockClient(CloudWatchLogsClient),
  sqs: mockClient(SQSClient),
};

export const resetMocks = (): void => Object.values(mocks).forEach((mock) => mock.reset());

export const mockStack = (): void => {
  mocks.cloudFormation.on(DescribeStacksCommand).resolves({
    Stacks: [
      {
        StackName: STACK_NAME,
        CreationTime: new Date(0),
        StackStatus: 'CREATE_COMPLETE',
        Parameters: [{ ParameterKey: 'MetricsNamespace', ParameterValue: 'OrderWorkflow' }],
        Outputs: [
          { OutputKey: 'StateMachineArn', OutputValue: STATE_MACHINE_ARN },
          { OutputKey: 'PaymentQueueUrl', OutputValue: PAYMENT_QUEUE_URL },
          { OutputKey: 'PaymentDlqUrl', OutputValue: PAYMENT_DLQ_URL },
        ],
      },
    ],
  });
  const resource = (LogicalResourceId: string, ResourceType: string, PhysicalResourceId: string) => ({
    LogicalResourceId,
    ResourceType,
    PhysicalResourceId,
    ResourceStatus: 'CREATE_COMPLETE' as const,
    LastUpdatedTimestamp: new Date(0),
  });
  // Two pages, as ListStackResources pages large stacks.
  mocks.cloudFormation
    .on(ListStackResourcesCommand, { StackName: STACK_NAME, NextToken: undefined })
    .resolves({
      StackResourceSummaries: [
        resource('ProcessPaymentFunction', 'AWS::Lambda::Function', 'orders-test-ProcessPaymentFunction-X1'),
        resource('ProcessPaymentLogGroup', 'AWS::Logs::LogGroup', '/aws/lambda/orders-test/ProcessPayment'),
        resource('ReserveInventoryFunction', 'AWS::Lambda::Function', 'orders-test-ReserveInventoryFunction-X2'),
      ],
      NextToken: 'resources-2',
    })
    .on(ListStackResourcesCommand, { StackName: STACK_NAME, NextToken: 'resources-2' })
    .resolves({
      StackResourceSummaries: [
        resource('ReserveInventoryLogGroup', 'AWS::Logs::LogGroup', '/aws/lambda/orders-test/ReserveInventory'),
        resource('NotifyFunction', 'AWS::Lambda::Function', 'orders-test-NotifyFunction-X3'),
        resource('StateMachineLogGroup', 'AWS::Logs::LogGroup', '/aws/vendedlogs/states/orders-test'),
        resource('OrderStateMachine', 'AWS::StepFunctions::StateMachine', STATE_MACHINE_ARN),
      ],
    });
  mocks.sqs.on(GetQueueAttributesCommand, { QueueUrl: PAYMENT_DLQ_URL, AttributeNames: ['ApproximateNumberOfMessages'] }).resolves({ Attributes: { ApproximateNumberOfMessages: '0' } });
  mocks.sqs.on(GetQueueAttributesCommand, { QueueUrl: PAYMENT_DLQ_URL, AttributeNames: ['QueueArn'] }).resolves({ Attributes: { QueueArn: DLQ_ARN } });
  mocks.sqs.on(GetQueueAttributesCommand, { QueueUrl: PAYMENT_QUEUE_URL, AttributeNames: ['QueueArn'] }).resolves({ Attributes: { QueueArn: QUEUE_ARN } });
  mocks.cloudWatch.on(GetMetricDataCommand).callsFake((input: { MetricDataQueries: { Id: string }[] }) => ({
    MetricDataResults: input.MetricDataQueries.map((query) => ({ Id: query.Id, Values: [] })),
  }));
};

export interface ServedHistories {
  /** ARN of each served execution, by order id. */
  arnOf: Map<string, string>;
}

/**
 * Serves `histories` as executions of the faked state machine. Their ARNs are rewritten to the stack's state
 * machine, as on AWS; `pageSize`/`eventsPerPage` force the CLI through several pages.
 */
export const serveHistories = (histories: readonly ExecutionHistory[], { pageSize = 2, eventsPerPage = 7 } = {}): ServedHistories => {
  const arnOf = new Map<string, string>();
  const served = histories
    .map((history) => {
      const executionArn = `${STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:${history.name}`;
      arnOf.set(history.orderId, executionArn);
      return { ...history, executionArn };
    })
    .sort((a, b) => b.startedAt - a.startedAt);
  mocks.sfn.on(ListExecutionsCommand).callsFake((input: { nextToken?: string; statusFilter?: string }) => {
    const matching = served.filter((history) => !input.statusFilter || history.status === input.statusFilter);
    const start = Number(input.nextToken ?? 0);
    const page = matching.slice(start, start + pageSize);
    return {
      executions: page.map((history) => toListItem(history, STATE_MACHINE_ARN)),
      ...(start + pageSize < matching.length && { nextToken: String(start + pageSize) }),
    };
  });
  mocks.sfn.on(GetExecutionHistoryCommand).callsFake((input: { executionArn: string; nextToken?: string }) => {
    const history = served.find((candidate) => candidate.executionArn === input.executionArn);
    if (!history) throw new ExecutionDoesNotExist({ message: `Execution Does Not Exist: '${input.executionArn}'`, $metadata: {} });
    const events = toAwsEvents(history);
    const start = Number(input.nextToken ?? 0);
    return {
      events: events.slice(start, start + eventsPerPage),
      ...(start + eventsPerPage < events.length && { nextToken: String(start + eventsPerPage) }),
    };
  });
  return { arnOf };
};

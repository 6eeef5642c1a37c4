/**
 * What the CLI needs to know about a deployed stack, read through CloudFormation: the outputs the template
 * declares (StateMachineArn, PaymentQueueUrl, PaymentDlqUrl), the MetricsNamespace parameter, and the log group
 * of every function (each function has its own `<Name>LogGroup` resource; without one Lambda's default
 * `/aws/lambda/<function name>` applies).
 */
import {
  DescribeStacksCommand,
  paginateListStackResources,
  type CloudFormationClient,
  type Stack,
  type StackResourceSummary,
} from '@aws-sdk/client-cloudformation';
import { CliError } from '../../errors';

export interface LogSource {
  /** Short name: the logical id without its Function/LogGroup suffix (ProcessPayment, StateMachine). */
  name: string;
  logGroupName: string;
  isFunction: boolean;
}

export interface StackInfo {
  stackName: string;
  stateMachineArn: string;
  paymentQueueUrl?: string;
  paymentDlqUrl?: string;
  metricsNamespace: string;
  /** Powertools' `service` dimension: the template sets POWERTOOLS_SERVICE_NAME to the stack name. */
  serviceName: string;
  logSources: LogSource[];
}

const DEFAULT_NAMESPACE = 'OrderWorkflow';

const withoutSuffix = (logicalId: string, suffix: string): string =>
  logicalId.endsWith(suffix) && logicalId.length > suffix.length ? logicalId.slice(0, -suffix.length) : logicalId;

const listResources = async (client: CloudFormationClient, stackName: string): Promise<StackResourceSummary[]> => {
  const resources: StackResourceSummary[] = [];
  for await (const page of paginateListStackResources({ client }, { StackName: stackName })) {
    resources.push(...(page.StackResourceSummaries ?? []));
  }
  return resources;
};

export const logSourcesOf = (resources: readonly StackResourceSummary[]): LogSource[] => {
  const logGroups = new Map(
    resources
      .filter((r) => r.ResourceType === 'AWS::Logs::LogGroup' && r.LogicalResourceId && r.PhysicalResourceId)
      .map((r) => [withoutSuffix(r.LogicalResourceId ?? '', 'LogGroup'), r.PhysicalResourceId ?? '']),
  );
  const functions: LogSource[] = resources
    .filter((r) => r.ResourceType === 'AWS::Lambda::Function' && r.LogicalResourceId && r.PhysicalResourceId)
    .map((r) => {
      const name = withoutSuffix(r.LogicalResourceId ?? '', 'Function');
      return { name, logGroupName: logGroups.get(name) ?? `/aws/lambda/${r.PhysicalResourceId}`, isFunction: true };
    });
  const taken = new Set(functions.map((source) => source.name));
  const others = [...logGroups]
    .filter(([name]) => !taken.has(name))
    .map(([name, logGroupName]) => ({ name, logGroupName, isFunction: false }));
  return [...functions, ...others].sort((a, b) => a.name.localeCompare(b.name));
};

export const resolveStack = async (client: CloudFormationClient, stackName: string): Promise<StackInfo> => {
  let stack: Stack | undefined;
  try {
    stack = (await client.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks?.[0];
  } catch (error) {
    throw new CliError(`Cannot read stack ${stackName}: ${(error as Error).message}`, { cause: error });
  }
  if (!stack) throw new CliError(`Stack ${stackName} not found`);
  const outputs = new Map((stack.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']));
  const parameters = new Map((stack.Parameters ?? []).map((p) => [p.ParameterKey ?? '', p.ResolvedValue ?? p.ParameterValue ?? '']));
  const resources = await listResources(client, stackName);
  const physicalOfType = (type: string): string | undefined => resources.find((r) => r.ResourceType === type)?.PhysicalResourceId;

  const stateMachineArn = outputs.get('StateMachineArn') || physicalOfType('AWS::StepFunctions::StateMachine');
  if (!stateMachineArn) throw new CliError(`Stack ${stackName} has no StateMachineArn output and no state machine`);
  const paymentQueueUrl = outputs.get('PaymentQueueUrl');
  const paymentDlqUrl = outputs.get('PaymentDlqUrl');
  return {
    stackName: stack.StackName ?? stackName,
    stateMachineArn,
    ...(paymentQueueUrl && { paymentQueueUrl }),
    ...(paymentDlqUrl && { paymentDlqUrl }),
    metricsNamespace: parameters.get('MetricsNamespace') || DEFAULT_NAMESPACE,
    serviceName: stack.StackName ?? stackName,
    logSources: logSourcesOf(resources),
  };
};

/** The `orders` commands against a deployed stack (`--stack-name`), through the AWS SDK. */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import { CloudWatchMetrics } from '../../adapters/aws/cloudwatch-metrics';
import { SqsDeadLetterQueue } from '../../adapters/aws/sqs-dlq';
import { MetricNames } from '../../observability/metric-names';
import type { ExecutionHistory, ExecutionSummary } from '../core/history';
import type { CloudWatchSums, DlqDepth } from '../core/report';
import { CliError } from '../errors';
import pLimit from 'p-limit';
import type { Progress } from '../../shared/progress';
import { executionArnFor, fetchHistory, listExecutions } from './aws/executions';
import { readLogGroups } from './aws/logs';
import { queueArnOf, waitForMessageMove } from './aws/message-move';
import { resolveStack, type StackInfo } from './aws/stack';
import type { DeadLetterQueueView, ListQuery, LogLine, LogQuery, OrdersSource, RedriveResult } from './source';

export interface AwsClients {
  cloudFormation: CloudFormationClient;
  sfn: SFNClient;
  cloudWatch: CloudWatchClient;
  logs: CloudWatchLogsClient;
  sqs: SQSClient;
}

export interface AwsSourceOptions {
  stackName: string;
  region?: string;
  /** Injected by tests; built from `region` and the SDK's default chain otherwise. */
  clients?: AwsClients;
  /** GetExecutionHistory calls in flight; Step Functions throttles this API per account. */
  concurrency?: number;
  pollMs?: number;
}

/** Step Functions' own metrics per state machine (namespace AWS/States, dimension StateMachineArn). */
export const STATES_METRICS = ['ExecutionsStarted', 'ExecutionsSucceeded', 'ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionsAborted'] as const;
/**
 * The business metrics that carry only the `service` dimension; OrderFailed also has `reason`, so its sums are
 * per reason and the failure groups from the histories stand in for it.
 */
export const BUSINESS_METRICS = Object.values(MetricNames).filter((name) => name !== MetricNames.OrderFailed);

export const makeAwsClients = (region?: string): AwsClients => {
  const config = region ? { region } : {};
  return {
    cloudFormation: new CloudFormationClient(config),
    sfn: new SFNClient(config),
    cloudWatch: new CloudWatchClient(config),
    logs: new CloudWatchLogsClient(config),
    sqs: new SQSClient(config),
  };
};

export class AwsSource implements OrdersSource {
  readonly description: string;
  private readonly clients: AwsClients;
  private readonly stackName: string;
  private readonly concurrency: number;
  private readonly pollMs: number;
  private stack?: Promise<StackInfo>;

  constructor({ stackName, region, clients, concurrency = 4, pollMs = 2000 }: AwsSourceOptions) {
    this.clients = clients ?? makeAwsClients(region);
    this.stackName = stackName;
    this.concurrency = concurrency;
    this.pollMs = pollMs;
    this.description = `stack ${stackName}${region ? ` (${region})` : ''}`;
  }

  /** Read once per command. */
  info(): Promise<StackInfo> {
    this.stack ??= resolveStack(this.clients.cloudFormation, this.stackName);
    return this.stack;
  }

  async listExecutions(query: ListQuery, progress: Progress): Promise<ExecutionSummary[]> {
    const { stateMachineArn } = await this.info();
    return listExecutions(this.clients.sfn, stateMachineArn, query, progress);
  }

  async history(ref: string): Promise<ExecutionHistory> {
    const { stateMachineArn } = await this.info();
    return fetchHistory(this.clients.sfn, executionArnFor(stateMachineArn, ref));
  }

  async histories(executions: readonly ExecutionSummary[], progress: Progress): Promise<ExecutionHistory[]> {
    progress.start('Reading execution histories', executions.length);
    const histories = await pLimit(this.concurrency).map(executions, async (execution) => {
      const history = await fetchHistory(this.clients.sfn, execution.executionArn);
      progress.tick();
      return history;
    });
    progress.done();
    return histories;
  }

  async dlqDepths(): Promise<DlqDepth[]> {
    const dlq = await this.deadLetterQueue();
    return dlq ? [{ queue: dlq.url, depth: await dlq.queue.depth() }] : [];
  }

  async cloudWatchSums({ since, until }: { since: number; until: number }): Promise<CloudWatchSums[]> {
    const info = await this.info();
    const window = { start: new Date(since), end: new Date(until) };
    const states = new CloudWatchMetrics({ client: this.clients.cloudWatch, namespace: 'AWS/States' });
    const business = new CloudWatchMetrics({ client: this.clients.cloudWatch, namespace: info.metricsNamespace });
    const [stateSums, businessSums] = await Promise.all([
      states.sums({ metricNames: STATES_METRICS, dimensions: { StateMachineArn: info.stateMachineArn }, ...window }),
      business.sums({ metricNames: BUSINESS_METRICS, dimensions: { service: info.serviceName }, ...window }),
    ]);
    return [
      { namespace: 'AWS/States', sums: Object.fromEntries(stateSums) },
      { namespace: info.metricsNamespace, sums: Object.fromEntries(businessSums) },
    ];
  }

  async deadLetters(max: number): Promise<DeadLetterQueueView[]> {
    const dlq = await this.requireDeadLetterQueue();
    const [depth, messages] = await Promise.all([dlq.queue.depth(), dlq.queue.list(max)]);
    return [
      {
        queue: dlq.url,
        sourceQueue: dlq.sourceUrl,
        depth,
        messages: messages.map(({ messageId, body, receiveCount, sentAt }) => ({ messageId, body, receiveCount, ...(sentAt && { sentAt }) })),
      },
    ];
  }

  async redrive({ wait }: { wait: boolean }, progress: Progress): Promise<RedriveResult[]> {
    const dlq = await this.requireDeadLetterQueue();
    const { taskHandle } = await dlq.queue.redrive();
    if (!wait) return [{ queue: dlq.url, taskHandle, status: 'RUNNING' }];
    const sourceArn = await queueArnOf(this.clients.sqs, dlq.url);
    const outcome = await waitForMessageMove(this.clients.sqs, { sourceArn, taskHandle, pollMs: this.pollMs }, progress);
    if (outcome.status === 'FAILED') throw new CliError(`Redrive of ${dlq.url} failed: ${outcome.failureReason ?? 'no reason given'}`);
    return [{ queue: dlq.url, taskHandle, status: outcome.status, moved: outcome.moved }];
  }

  async logSources(): Promise<string[]> {
    return (await this.info()).logSources.map((source) => source.name);
  }

  async readLogs({ functions, since, filter }: LogQuery): Promise<LogLine[]> {
    const { logSources } = await this.info();
    const wanted = functions.length === 0 ? logSources.filter((source) => source.isFunction) : logSources.filter((source) => functions.includes(source.name));
    return readLogGroups(this.clients.logs, wanted, since, filter);
  }

  private async deadLetterQueue(): Promise<{ url: string; sourceUrl: string; queue: SqsDeadLetterQueue } | undefined> {
    const { paymentDlqUrl, paymentQueueUrl } = await this.info();
    if (!paymentDlqUrl || !paymentQueueUrl) return undefined;
    return {
      url: paymentDlqUrl,
      sourceUrl: paymentQueueUrl,
      queue: new SqsDeadLetterQueue({ client: this.clients.sqs, queueUrl: paymentDlqUrl, sourceQueueUrl: paymentQueueUrl }),
    };
  }

  private async requireDeadLetterQueue(): Promise<{ url: string; sourceUrl: string; queue: SqsDeadLetterQueue }> {
    const dlq = await this.deadLetterQueue();
    if (!dlq) throw new CliError(`Stack ${this.stackName} has no PaymentDlqUrl and PaymentQueueUrl outputs`);
    return dlq;
  }
}

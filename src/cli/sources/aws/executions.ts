/**
 * Step Functions reads: ListExecutions (newest first, so paging stops at the first execution older than the
 * window) and GetExecutionHistory (every page, with execution data, for the normalizer).
 */
import {
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  type ExecutionListItem,
  type HistoryEvent,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { executionArnOf } from '../../../adapters/aws/sfn-workflow-starter';
import { OrderNotFoundError } from '../../../domain/errors';
import { normalizeAwsHistory } from '../../core/aws-history';
import { isExecutionStatus, type ExecutionHistory, type ExecutionSummary } from '../../core/history';
import type { Progress } from '../../../shared/progress';
import type { ListQuery } from '../source';

const PAGE_SIZE = 100;
const HISTORY_PAGE_SIZE = 1000;

export const toSummary = (item: ExecutionListItem): ExecutionSummary => ({
  executionArn: item.executionArn ?? '',
  name: item.name ?? '',
  orderId: item.name ?? '',
  // PENDING_REDRIVE is a failed execution waiting for its redrive; it has not succeeded.
  status: isExecutionStatus(item.status) ? item.status : 'FAILED',
  startedAt: item.startDate ? item.startDate.getTime() : 0,
  ...(item.stopDate && { stoppedAt: item.stopDate.getTime() }),
});

export const listExecutions = async (client: SFNClient, stateMachineArn: string, query: ListQuery, progress: Progress): Promise<ExecutionSummary[]> => {
  const found: ExecutionSummary[] = [];
  let nextToken: string | undefined;
  progress.start('Listing executions');
  do {
    const page = await client.send(
      new ListExecutionsCommand({
        stateMachineArn,
        maxResults: PAGE_SIZE,
        ...(query.status && { statusFilter: query.status }),
        ...(nextToken && { nextToken }),
      }),
    );
    const items = (page.executions ?? []).map(toSummary);
    const inWindow = items.filter((item) => query.since === undefined || item.startedAt >= query.since);
    found.push(...inWindow);
    progress.tick(inWindow.length);
    // Newest first: once a page reaches past the window, later pages are older still.
    nextToken = inWindow.length < items.length || (query.max !== undefined && found.length >= query.max) ? undefined : page.nextToken;
  } while (nextToken);
  progress.done();
  return query.max === undefined ? found : found.slice(0, query.max);
};

/** An execution ARN as given, or the ARN of the execution named after the order. */
export const executionArnFor = (stateMachineArn: string, ref: string): string =>
  ref.startsWith('arn:') ? ref : executionArnOf(stateMachineArn, ref);

export const fetchHistory = async (client: SFNClient, executionArn: string): Promise<ExecutionHistory> => {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  try {
    do {
      const page = await client.send(
        new GetExecutionHistoryCommand({ executionArn, maxResults: HISTORY_PAGE_SIZE, includeExecutionData: true, ...(nextToken && { nextToken }) }),
      );
      events.push(...(page.events ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
  } catch (error) {
    if (error instanceof ExecutionDoesNotExist || (error as Error).name === 'ExecutionDoesNotExist') {
      throw new OrderNotFoundError(executionArn.split(':').at(-1) ?? executionArn, { cause: error });
    }
    throw error;
  }
  return normalizeAwsHistory({ executionArn, name: executionArn.split(':').at(-1) ?? executionArn }, events);
};

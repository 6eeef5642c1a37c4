/** Follows an SQS StartMessageMoveTask until it stops, reporting messages moved as it goes. */
import { GetQueueAttributesCommand, ListMessageMoveTasksCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Progress } from '../../../shared/progress';

export interface MoveOutcome {
  status: string;
  moved: number;
  failureReason?: string;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const queueArnOf = async (client: SQSClient, queueUrl: string): Promise<string> => {
  const { Attributes } = await client.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
  if (!Attributes?.QueueArn) throw new Error(`SQS returned no QueueArn for ${queueUrl}`);
  return Attributes.QueueArn;
};

export const waitForMessageMove = async (
  client: SQSClient,
  { sourceArn, taskHandle, pollMs = 2000 }: { sourceArn: string; taskHandle: string; pollMs?: number },
  progress: Progress,
): Promise<MoveOutcome> => {
  let reported = 0;
  for (;;) {
    const { Results = [] } = await client.send(new ListMessageMoveTasksCommand({ SourceArn: sourceArn, MaxResults: 10 }));
    const task = Results.find((result) => result.TaskHandle === taskHandle) ?? Results[0];
    const moved = task?.ApproximateNumberOfMessagesMoved ?? 0;
    if (reported === 0 && task?.ApproximateNumberOfMessagesToMove !== undefined) progress.start('Moving messages', task.ApproximateNumberOfMessagesToMove);
    progress.tick(moved - reported);
    reported = moved;
    if (!task || task.Status !== 'RUNNING') {
      progress.done();
      return { status: task?.Status ?? 'UNKNOWN', moved, ...(task?.FailureReason && { failureReason: task.FailureReason }) };
    }
    await sleep(pollMs);
  }
};

/**
 * `orders dlq list [--max N]`: what sits in the dead-letter queue, without consuming it.
 * `orders dlq redrive [--wait]`: moves it back to the payment queue (locally at once; on AWS with
 * StartMessageMoveTask, which runs asynchronously; --wait follows it to the end).
 */
import { integerOption } from '../../shared/option-values';
import { UsageError } from '../errors';
import { oneLine } from '../render/format';
import { renderTable } from '../render/table';
import type { DeadLetterQueueView, RedriveResult } from '../sources/source';
import { toJson, type CommandContext } from './context';

const DEFAULT_MAX = 10;

export const dlqCommand = async (context: CommandContext, args: readonly string[], values: { max?: string; wait?: boolean }): Promise<number> => {
  const [action, ...extra] = args;
  if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}"`);
  switch (action) {
    case 'list': {
      const queues = await context.source.deadLetters(integerOption('max', values.max, DEFAULT_MAX));
      context.stdout.write(context.json ? toJson(queues) : renderQueues(queues, context));
      return 0;
    }
    case 'redrive': {
      const results = await context.source.redrive({ wait: values.wait === true }, context.progress);
      context.stdout.write(context.json ? toJson(results) : renderRedrive(results));
      return 0;
    }
    default:
      throw new UsageError(action ? `Unknown dlq action "${action}"; use list or redrive` : 'dlq needs an action: list or redrive');
  }
};

const renderQueues = (queues: readonly DeadLetterQueueView[], { style }: CommandContext): string => {
  if (queues.length === 0) return 'No dead-letter queue\n';
  const lines: string[] = [];
  for (const queue of queues) {
    const depth = queue.depth > 0 ? style.red(String(queue.depth)) : style.green('0');
    lines.push(`${queue.queue}: ${depth} message${queue.depth === 1 ? '' : 's'}${queue.sourceQueue ? ` (redrive returns them to ${queue.sourceQueue})` : ''}`);
    if (queue.messages.length > 0) {
      lines.push(
        ...renderTable(
          [{ header: 'MESSAGE ID' }, { header: 'SENT' }, { header: 'RECEIVES', align: 'right' }, { header: 'BODY' }],
          queue.messages.map((message) => [message.messageId, message.sentAt ?? '', String(message.receiveCount), oneLine(message.body, 100)]),
          '  ',
        ),
      );
    }
    if (queue.messages.length < queue.depth) lines.push(style.dim(`  (${queue.messages.length} of ${queue.depth} shown; --max for more)`));
  }
  return `${lines.join('\n')}\n`;
};

const renderRedrive = (results: readonly RedriveResult[]): string => {
  if (results.length === 0) return 'No dead-letter queue to redrive\n';
  return `${results
    .map((result) =>
      result.taskHandle && result.moved === undefined
        ? `Started moving the messages of ${result.queue} back to their source queue (task ${result.taskHandle}); --wait to follow it`
        : `${result.status}: moved ${result.moved ?? 0} message${result.moved === 1 ? '' : 's'} from ${result.queue} back to their source queue`,
    )
    .join('\n')}\n`;
};

/** `orders history <orderId|executionArn> [--data]`: one run as a timeline, the failed state highlighted. */
import { buildTimeline } from '../core/timeline';
import { UsageError } from '../errors';
import { renderTimeline } from '../render/timeline-text';
import { toJson, type CommandContext } from './context';

export const historyCommand = async (context: CommandContext, args: readonly string[], values: { data?: boolean }): Promise<number> => {
  const [ref, ...extra] = args;
  if (!ref) throw new UsageError('history needs an order id or an execution ARN');
  if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}"`);
  const includeData = values.data === true;
  const timeline = buildTimeline(await context.source.history(ref), { includeData });
  context.stdout.write(context.json ? toJson(timeline) : renderTimeline(timeline, { style: context.style, includeData }));
  return 0;
};

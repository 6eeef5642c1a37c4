/** NotifyRejection/NotifyCompletion/NotifyFailure states: publishes the outcome to the customer topic. */
import { buildNotification } from '../domain/notifications';
import type { OrderView } from '../domain/order';
import type { NotificationEvent } from '../domain/ports';
import type { AppDeps } from '../app/deps';
import { logger } from '../observability/powertools';
import { taskHandler } from './middleware/task-handler';

export interface NotifyInput {
  eventType: NotificationEvent;
  order: OrderView;
  orderId?: string;
  executionArn?: string;
}

export const makeNotifyHandler = (deps: Pick<AppDeps, 'notifier'>) =>
  taskHandler(async (input: NotifyInput): Promise<{ messageId: string }> => {
    logger.appendKeys({ orderId: input.order.orderId });
    const { messageId } = await deps.notifier.publish(buildNotification(input.eventType, input.order));
    logger.info('Notification published', { eventType: input.eventType, messageId });
    return { messageId };
  });

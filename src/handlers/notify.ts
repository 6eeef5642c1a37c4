/**
 * NotifyRejection/NotifyCompletion/NotifyFailure states: publishes the outcome to the customer topic. The
 * workflow passes only the order id; the order (with the customer's email) is read here, so personal data
 * never enters the execution history.
 */
import { OrderNotFoundError } from '../domain/errors';
import { buildNotification } from '../domain/notifications';
import { toOrderView } from '../domain/order';
import type { NotificationEvent } from '../domain/ports';
import type { AppDeps } from '../app/deps';
import { logger } from '../observability/powertools';
import { taskHandler } from './middleware/task-handler';

export interface NotifyInput {
  eventType: NotificationEvent;
  orderId: string;
  executionArn?: string;
}

export const makeNotifyHandler = (deps: Pick<AppDeps, 'orders' | 'notifier'>) =>
  taskHandler(async (input: NotifyInput): Promise<{ messageId: string }> => {
    const order = await deps.orders.get(input.orderId);
    if (!order) throw new OrderNotFoundError(input.orderId);
    const { messageId } = await deps.notifier.publish(buildNotification(input.eventType, toOrderView(order)));
    logger.info('Notification published', { eventType: input.eventType, messageId });
    return { messageId };
  });

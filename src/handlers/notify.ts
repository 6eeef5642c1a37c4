/** NotifyRejection/NotifyCompletion/NotifyFailure states: publishes the outcome to the customer topic (src/app/notify-customer.ts). */
import type { NotificationEvent } from '../domain/ports';
import type { AppDeps } from '../app/deps';
import { notifyCustomer } from '../app/notify-customer';
import { logger } from '../observability/powertools';
import { taskHandler } from './middleware/task-handler';

export interface NotifyInput {
  eventType: NotificationEvent;
  orderId: string;
  executionArn?: string;
}

export const makeNotifyHandler = (deps: Pick<AppDeps, 'orders' | 'notifier'>) =>
  taskHandler(async (input: NotifyInput): Promise<{ messageId: string }> => {
    const { messageId } = await notifyCustomer(input.orderId, input.eventType, deps);
    logger.info('Notification published', { eventType: input.eventType, messageId });
    return { messageId };
  });

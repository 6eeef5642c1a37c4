/**
 * Telling the customer how the order ended. The workflow passes only the order id; the order (with the
 * customer's email) is read here, so personal data never enters the execution history.
 */
import { OrderNotFoundError } from '../domain/errors';
import { buildNotification } from '../domain/notifications';
import { toOrderView } from '../domain/order';
import type { NotificationEvent } from '../domain/ports';
import type { AppDeps } from './deps';

export const notifyCustomer = async (orderId: string, eventType: NotificationEvent, deps: Pick<AppDeps, 'orders' | 'notifier'>): Promise<{ messageId: string }> => {
  const order = await deps.orders.get(orderId);
  if (!order) throw new OrderNotFoundError(orderId);
  return deps.notifier.publish(buildNotification(eventType, toOrderView(order)));
};

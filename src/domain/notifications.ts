/** What customers (and subscribers filtering on attributes) receive at the end of a workflow. */
import type { Notification, NotificationEvent } from './ports';
import type { OrderView } from './order';

const SUBJECTS: Record<NotificationEvent, (orderId: string) => string> = {
  OrderCompleted: (id) => `Order ${id} is on its way`,
  OrderRejected: (id) => `Order ${id} was rejected`,
  OrderFailed: (id) => `Order ${id} could not be completed`,
};

export const buildNotification = (eventType: NotificationEvent, order: OrderView): Notification => ({
  eventType,
  orderStatus: order.status,
  subject: SUBJECTS[eventType](order.orderId),
  message: {
    eventType,
    orderId: order.orderId,
    status: order.status,
    customerId: order.customerId,
    customerEmail: order.customerEmail,
    amount: order.amount,
    currency: order.currency,
    ...(order.fulfilment ? { fulfilment: order.fulfilment } : {}),
    ...(order.failure ? { failure: order.failure } : {}),
    ...(order.validationErrors ? { validationErrors: order.validationErrors } : {}),
  },
});

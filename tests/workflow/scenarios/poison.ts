/** A poison payment message ends in the DLQ after maxReceiveCount receives, without holding up the others. */
import { orderBody } from '../../support/local-stack';
import { paymentQueue, type StackRef } from './context';

export const poisonScenarios = (stack: StackRef): void => {
  test('a malformed payment message lands in the DLQ after maxReceiveCount receives; other orders complete meanwhile', async () => {
    const c = stack();
    const queue = await paymentQueue(c);
    const dlqBefore = queue.deadLetterDepth ?? 0;
    const poison = `not a payment ${Date.now()}`;

    await c.console(`queues/${encodeURIComponent(queue.name)}/messages`, 'POST', { body: poison });
    const { orderId } = await c.createOrder(orderBody({ 'cable-usb-c': 1 }));
    const order = await c.waitForOrder(orderId);
    const dlq = await c.waitFor('the poison message in the DLQ', async () => {
      const q = await c.queue(queue.deadLetterQueue!);
      return q.messages?.some((m) => m.body === poison) ? q : undefined;
    });

    expect(order.status).toBe('COMPLETED');
    expect(dlq.depth).toBe(dlqBefore + 1);
    expect(dlq.messages?.find((m) => m.body === poison)?.receiveCount).toBe(queue.maxReceiveCount);

    const redriven = await c.console<{ moved: number }>(`queues/${encodeURIComponent(queue.deadLetterQueue!)}/redrive`, 'POST');
    expect(redriven.moved).toBe(dlqBefore + 1);
    expect((await c.queue(queue.deadLetterQueue!)).depth).toBe(0);
  });
};

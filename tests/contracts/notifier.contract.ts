/** The Notifier contract: what subscribers receive, with the attributes they filter on and a subject SNS accepts. */
import type { Notification, Notifier } from '../../src/domain/ports';
import { caseOf, type Gaps } from './contract-support';

interface ReceivedNotification {
  messageId: string;
  subject: string | undefined;
  message: unknown;
  attributes: Record<string, string>;
}

interface NotifierSubject {
  notifier: Notifier;
  /** Everything a subscriber of the topic has received, oldest first. */
  received(): Promise<ReceivedNotification[]>;
}

export type NotifierFactory = () => Promise<NotifierSubject>;

const FAILED: Notification = {
  eventType: 'OrderFailed',
  orderStatus: 'FAILED',
  subject: 'Order order-2 failed',
  message: { orderId: 'order-2', failure: { state: 'ProcessPayment', error: 'PaymentDeclinedError' } },
};

export const notifierContract = (implementation: string, factory: NotifierFactory, gaps?: Gaps): void => {
  const test = caseOf(gaps);

  describe(`Notifier contract: ${implementation}`, () => {
    let subject: NotifierSubject;

    beforeEach(async () => {
      subject = await factory();
    });

    test('delivers each publish once, with its own message id and the attributes subscribers filter on', async () => {
      const completed = await subject.notifier.publish({ eventType: 'OrderCompleted', orderStatus: 'COMPLETED', subject: 'Order order-1 completed', message: { orderId: 'order-1' } });
      const failed = await subject.notifier.publish(FAILED);

      expect(completed.messageId).toEqual(expect.any(String));
      expect(completed.messageId).not.toBe(failed.messageId);
      expect(await subject.received()).toEqual([
        { messageId: completed.messageId, subject: 'Order order-1 completed', message: { orderId: 'order-1' }, attributes: { eventType: 'OrderCompleted', orderStatus: 'COMPLETED' } },
        { messageId: failed.messageId, subject: FAILED.subject, message: FAILED.message, attributes: { eventType: 'OrderFailed', orderStatus: 'FAILED' } },
      ]);
    });

    test('delivers a subject SNS would refuse as one it accepts: printable ASCII, single spaces, 100 characters at most', async () => {
      const subjectIn = `Order order-3 failed\n(payment)\tcafé — ${'x'.repeat(120)}`;

      await subject.notifier.publish({ ...FAILED, subject: subjectIn });

      const [delivered] = await subject.received();
      expect(delivered?.subject).toBe(`Order order-3 failed (payment) caf ${'x'.repeat(120)}`.slice(0, 100));
    });
  });
};

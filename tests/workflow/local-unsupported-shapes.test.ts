/**
 * SNS subscriptions the local stack does not deliver (template.yaml uses none of them)
 * stop it at start-up with an error naming the resource and the property, never a behaviour silently left out.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalSns } from '../../src/local/emulator/sns/local-sns';
import type { LocalDatabase } from '../../src/local/emulator/store/database';
import { buildLocalModel } from '../../src/local/emulator/template/build-model';
import { parseTemplate } from '../../src/local/emulator/template/load-template';
import { openOrderDatabase } from '../../src/local/orders/schema';

const model = (yaml: string) => buildLocalModel(parseTemplate(yaml), { templatePath: '/tmp/template.yaml', baseUrl: 'http://127.0.0.1:1', parameterOverrides: {} });

let dir: string;
let db: LocalDatabase;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'local-shapes-'));
  db = openOrderDatabase(dir);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('SNS subscriptions', () => {
  const sns = (subscription: string) =>
    new LocalSns(db, model(`
Resources:
  Topic: { Type: AWS::SNS::Topic }
  Queue: { Type: AWS::SQS::Queue }
  Sub:
    Type: AWS::SNS::Subscription
    Properties: { TopicArn: !Ref Topic, ${subscription} }
`).topics, join(dir, 'notifications.jsonl'));

  test('an e-mail subscription is recorded, not sent', () => {
    const topic = sns('Protocol: email, Endpoint: ops@example.com');

    topic.publish('Topic', { message: '{"orderId":"o-1"}', subject: 'Order o-1' });

    expect(topic.list()).toEqual([
      expect.objectContaining({ message: { orderId: 'o-1' }, deliveries: [expect.objectContaining({ protocol: 'email', endpoint: 'ops@example.com', delivered: false })] }),
    ]);
  });

  test.each(['sqs, Endpoint: !GetAtt Queue.Arn', 'lambda, Endpoint: arn:aws:lambda:local:000000000000:function:F', 'https, Endpoint: https://example.com'])(
    'Protocol %s stops the stack, naming the subscription and the protocol',
    (protocol) => {
      expect(() => sns(`Protocol: ${protocol}`)).toThrow(
        new RegExp(`^Subscription Sub of topic Topic has Protocol ${protocol.split(',')[0]}, which the local stack does not deliver \\(only e-mail\\)$`),
      );
    },
  );

  test('RawMessageDelivery stops the stack too', () => {
    expect(() => sns('Protocol: email, Endpoint: ops@example.com, RawMessageDelivery: true')).toThrow(/^Subscription Sub of topic Topic has RawMessageDelivery, which/);
  });
});

/**
 * CloudFormation intrinsic functions as the local stack resolves them when it builds its model from a template:
 * what it cannot resolve (or apply, like a filter policy) is an error naming where it is, never a value or a
 * behaviour silently left out.
 */
import { buildLocalModel } from '../../src/local/emulator/template/build-model';
import { parseTemplate } from '../../src/local/emulator/template/load-template';

const build = (yaml: string, parameterOverrides: Record<string, string> = {}) =>
  buildLocalModel(parseTemplate(yaml), { templatePath: '/tmp/template.yaml', baseUrl: 'http://127.0.0.1:1', parameterOverrides });

const queueTemplate = (conditions: string, queueName = 'orders') => `
Parameters:
  Count: { Type: Number, Default: 1 }
  Env: { Type: String, Default: prod }
  Zones: { Type: CommaDelimitedList, Default: 'a,b' }
Conditions:
${conditions}
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Condition: Wanted
    Properties:
      QueueName: ${queueName}
`;

describe('CloudFormation intrinsics in the local model', () => {
  test('Fn::Cidr (a YAML tag without a local meaning) fails naming the resource and the function', () => {
    expect(() => build(queueTemplate('  Wanted: !Equals [a, a]', '!Cidr [10.0.0.0/16, 2, 8]'))).toThrow(/^Resource Queue uses Fn::Cidr: the local stack does not resolve it$/);
  });

  test.each([
    ['Fn::If', '!If [Wanted, a, b]'],
    ['Fn::Join', '!Join [",", [a, b]]'],
    ['Fn::FindInMap', '!FindInMap [M, a, b]'],
    ['Ref AWS::NoValue', '!Ref AWS::NoValue'],
  ])('%s (not used by template.yaml) fails naming the resource and the function', (fn, value) => {
    expect(() => build(queueTemplate('  Wanted: !Equals [a, a]', value))).toThrow(`Resource Queue uses ${fn}: the local stack does not resolve it`);
  });

  test('an unknown function in a condition fails naming the condition', () => {
    expect(() => build(queueTemplate('  Wanted: { "Fn::Contains": [[a], a] }'))).toThrow(/^Condition Wanted uses Fn::Contains/);
  });

  test.each([
    ['a Number parameter equals its digits', '!Equals [!Ref Count, 1]', true],
    ['a string equals itself', '!Equals [!Ref Env, prod]', true],
    ['different strings differ', '!Equals [!Ref Env, dev]', false],
    ['a list is not the string of its joined items', "!Equals [!Ref Zones, 'a,b']", false],
    ['lists compare item by item', '!Equals [!Ref Zones, [a, b]]', true],
    ['true equals "true"', "!Equals [true, 'true']", true],
  ])('Fn::Equals: %s', (_name, equals, expected) => {
    const model = build(queueTemplate(`  Wanted: ${equals}`));

    expect(model.queues.length === 1).toBe(expected);
  });

  test('Fn::Equals with other than two values is an error', () => {
    expect(() => build(queueTemplate('  Wanted: !Equals [a, a, a]'))).toThrow(/^Condition Wanted uses Fn::Equals: takes a list of exactly two values$/);
  });

  test('an SNS subscription with a FilterPolicy is refused when the template is loaded (the local stack would deliver everything)', () => {
    const yaml = `
Resources:
  Topic: { Type: AWS::SNS::Topic }
  Queue: { Type: AWS::SQS::Queue }
  Sub:
    Type: AWS::SNS::Subscription
    Properties: { TopicArn: !Ref Topic, Protocol: sqs, Endpoint: !GetAtt Queue.Arn, FilterPolicy: { eventType: [OrderFailed] } }
`;
    expect(() => build(yaml)).toThrow(/^Subscription Sub has a FilterPolicy, which the local stack does not apply$/);
    expect(build(yaml.replace(', FilterPolicy: { eventType: [OrderFailed] }', '')).topics[0]!.subscriptions).toHaveLength(1);
  });
});

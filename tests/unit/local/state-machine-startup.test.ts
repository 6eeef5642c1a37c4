/**
 * What the local Step Functions runner does not emulate stops start-up with the state machine, the state and
 * the property named, instead of failing mid-execution or being silently ignored.
 */
import { LocalStateMachineRunner, type RunnerServices } from '../../../src/local/emulator/state-machine/runner';

const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:work';
const unused = {} as never;
const services: RunnerServices = { store: unused, tokens: unused, lambda: unused, queues: unused, timeScale: 1 };

const start = (states: Record<string, unknown>): LocalStateMachineRunner =>
  new LocalStateMachineRunner(
    { logicalId: 'Orders', name: 'orders', arn: 'arn:aws:states:us-east-1:123456789012:stateMachine:orders', type: 'STANDARD', definition: { StartAt: Object.keys(states)[0], States: states }, substitutions: {} },
    services,
  );

const task = (resource: string, extra: Record<string, unknown> = {}) => ({ Type: 'Task', Resource: resource, End: true, ...extra });

describe('local state machine start-up', () => {
  test('the shapes the template uses start: Lambda tasks, sqs:sendMessage.waitForTaskToken, Parallel branches', () => {
    const runner = start({
      Both: {
        Type: 'Parallel',
        End: true,
        Branches: [
          { StartAt: 'Work', States: { Work: task(LAMBDA, { TimeoutSeconds: 5 }) } },
          { StartAt: 'Pay', States: { Pay: task('arn:aws:states:::sqs:sendMessage.waitForTaskToken', { HeartbeatSeconds: 60, Parameters: { QueueUrl: 'q', MessageBody: {} } }) } },
        ],
      },
    });

    expect([...runner.states.keys()]).toEqual(['Both', 'Work', 'Pay']);
  });

  test.each([
    ['sns:publish', 'arn:aws:states:::sns:publish'],
    ['lambda:invoke', 'arn:aws:states:::lambda:invoke'],
    ['dynamodb:putItem', 'arn:aws:states:::dynamodb:putItem'],
  ])('a Task resource it does not emulate (%s) is refused with the state and the resource', (_, resource) => {
    expect(() => start({ Notify: task(resource) })).toThrow(`State machine Orders: State Notify: Resource ${resource} is not supported by the local stack`);
  });

  test('a Map state is refused, inside a Parallel branch too', () => {
    const map = { Type: 'Map', End: true, ItemProcessor: { StartAt: 'Each', States: { Each: task(LAMBDA) } } };

    expect(() => start({ Items: map })).toThrow('State machine Orders: State Items: Type Map is not supported by the local stack');
    expect(() => start({ Both: { Type: 'Parallel', End: true, Branches: [{ StartAt: 'Items', States: { Items: map } }] } })).toThrow(/State Items: Type Map/);
  });

  test.each(['TimeoutSecondsPath', 'HeartbeatSecondsPath'])('a task limit read from the input (%s) is refused, not ignored', (key) => {
    expect(() => start({ Pay: task(LAMBDA, { [key]: '$.seconds' }) })).toThrow(`State machine Orders: State Pay: ${key} is not supported by the local stack`);
  });

  test('a definition left with an unresolved substitution is refused with its name', () => {
    expect(() => start({ Work: task('${WorkFunctionArn}') })).toThrow('State machine Orders: no DefinitionSubstitutions entry for ${WorkFunctionArn}');
  });
});

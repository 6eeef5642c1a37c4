import {
  InvalidToken,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNClient,
  TaskDoesNotExist,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { SfnTaskCallbacks } from '../../../src/adapters/aws/sfn-task-callbacks';
import { TaskNoLongerActiveError } from '../../../src/domain/errors';

const sfn = mockClient(SFNClient);
const callbacks = new SfnTaskCallbacks({ client: new SFNClient({ region: 'us-east-1' }) });

beforeEach(() => sfn.reset());

describe('SfnTaskCallbacks', () => {
  it('sends success with the output as JSON', async () => {
    sfn.on(SendTaskSuccessCommand).resolves({});

    await callbacks.succeed('token-1', { paymentId: 'pay-1' });

    expect(sfn).toHaveReceivedCommandWith(SendTaskSuccessCommand, { taskToken: 'token-1', output: '{"paymentId":"pay-1"}' });
  });

  it('sends failure with error and cause, cut to the service limits', async () => {
    sfn.on(SendTaskFailureCommand).resolves({});

    await callbacks.fail('token-1', 'PaymentDeclinedError', 'card declined');
    await callbacks.fail('token-1', 'E'.repeat(300), 'c'.repeat(40_000));

    expect(sfn).toHaveReceivedNthSpecificCommandWith(1, SendTaskFailureCommand, {
      taskToken: 'token-1',
      error: 'PaymentDeclinedError',
      cause: 'card declined',
    });
    expect(sfn).toHaveReceivedNthSpecificCommandWith(2, SendTaskFailureCommand, { error: 'E'.repeat(256), cause: 'c'.repeat(32_768) });
  });

  it('sends heartbeats', async () => {
    sfn.on(SendTaskHeartbeatCommand).resolves({});

    await callbacks.heartbeat('token-1');

    expect(sfn).toHaveReceivedCommandWith(SendTaskHeartbeatCommand, { taskToken: 'token-1' });
  });

  it.each([
    ['TaskTimedOut', new TaskTimedOut({ message: 'timed out', $metadata: {} })],
    ['InvalidToken', new InvalidToken({ message: 'invalid', $metadata: {} })],
    ['TaskDoesNotExist', new TaskDoesNotExist({ message: 'gone', $metadata: {} })],
  ])('maps %s to TaskNoLongerActiveError for every callback', async (_, error) => {
    sfn.onAnyCommand().rejects(error);

    await expect(callbacks.succeed('token-1', {})).rejects.toThrow(TaskNoLongerActiveError);
    await expect(callbacks.fail('token-1', 'E', 'c')).rejects.toThrow(TaskNoLongerActiveError);
    await expect(callbacks.heartbeat('token-1')).rejects.toMatchObject({ name: 'TaskNoLongerActiveError', cause: error });
  });

  it('lets other errors through', async () => {
    const throttled = Object.assign(new Error('slow down'), { name: 'ThrottlingException' });
    sfn.onAnyCommand().rejects(throttled);

    await expect(callbacks.succeed('token-1', {})).rejects.toBe(throttled);
  });
});

import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { executionArnOf, SfnWorkflowStarter } from '../../../src/adapters/aws/sfn-workflow-starter';

const sfn = mockClient(SFNClient);
const STATE_MACHINE_ARN = 'arn:aws:states:eu-west-1:123456789012:stateMachine:OrderWorkflow';
const starter = new SfnWorkflowStarter({ client: new SFNClient({ region: 'eu-west-1' }), stateMachineArn: STATE_MACHINE_ARN });

beforeEach(() => sfn.reset());

describe('SfnWorkflowStarter.start', () => {
  it('starts an execution named after the order with the input as JSON', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:exec', startDate: new Date() });

    expect(await starter.start('order-1', { orderId: 'order-1' })).toEqual({ executionArn: 'arn:exec', alreadyStarted: false });
    expect(sfn).toHaveReceivedCommandWith(StartExecutionCommand, {
      stateMachineArn: STATE_MACHINE_ARN,
      name: 'order-1',
      input: '{"orderId":"order-1"}',
    });
  });

  it('answers ExecutionAlreadyExists with the execution ARN, without asking again', async () => {
    sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }));

    expect(await starter.start('order-1', {})).toEqual({
      executionArn: 'arn:aws:states:eu-west-1:123456789012:execution:OrderWorkflow:order-1',
      alreadyStarted: true,
    });
    expect(sfn).toHaveReceivedCommandTimes(StartExecutionCommand, 1);
  });

  it('lets other errors through', async () => {
    const throttled = Object.assign(new Error('slow down'), { name: 'ThrottlingException' });
    sfn.on(StartExecutionCommand).rejects(throttled);

    await expect(starter.start('order-1', {})).rejects.toBe(throttled);
  });
});

describe('executionArnOf', () => {
  it('keeps the partition, region and account of the state machine', () => {
    expect(executionArnOf('arn:aws-cn:states:cn-north-1:1:stateMachine:M', 'n')).toBe('arn:aws-cn:states:cn-north-1:1:execution:M:n');
  });
});

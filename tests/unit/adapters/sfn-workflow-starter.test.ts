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

    expect(await starter.start('order-1', { orderId: 'order-1' })).toEqual({ executionArn: 'arn:exec' });
    expect(sfn).toHaveReceivedCommandWith(StartExecutionCommand, {
      stateMachineArn: STATE_MACHINE_ARN,
      name: 'order-1',
      input: '{"orderId":"order-1"}',
    });
  });

  it('turns ExecutionAlreadyExists into ExecutionAlreadyExistsError naming the execution, without asking again', async () => {
    const refusal = new ExecutionAlreadyExists({ message: 'exists', $metadata: {} });
    sfn.on(StartExecutionCommand).rejects(refusal);

    await expect(starter.start('order-1', {})).rejects.toMatchObject({
      name: 'ExecutionAlreadyExistsError',
      executionArn: 'arn:aws:states:eu-west-1:123456789012:execution:OrderWorkflow:order-1',
      cause: refusal,
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

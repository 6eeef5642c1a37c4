/**
 * The Step Functions API actions that API Gateway service integrations call, answered by the local runners
 * in the AWS JSON protocol (errors as 400 with `__type` and `message`).
 */
import { randomUUID } from 'node:crypto';
import type { ActionResult } from '../http/service-integration';
import type { LocalStateMachineRunner } from './runner';

const clientError = (type: string, message: string): ActionResult => ({ status: 400, body: { __type: `com.amazonaws.swf.service.v2.model#${type}`, message } });

export const statesAction = async (runners: readonly LocalStateMachineRunner[], action: string, request: Record<string, unknown>): Promise<ActionResult> => {
  const runner = runners.find((r) => r.machine.arn === request.stateMachineArn);
  if (!runner) return clientError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${String(request.stateMachineArn)}'`);
  let input: unknown;
  try {
    input = request.input === undefined ? {} : (JSON.parse(String(request.input)) as unknown);
  } catch {
    return clientError('InvalidExecutionInput', 'Invalid State Machine Execution Input: the input is not valid JSON');
  }
  const name = typeof request.name === 'string' ? request.name : undefined;
  try {
    switch (action) {
      case 'StartSyncExecution':
        return { status: 200, body: await runner.startSync(name, input) };
      case 'StartExecution': {
        const started = await runner.start(name ?? randomUUID(), input as Record<string, unknown>);
        return { status: 200, body: { executionArn: started.executionArn, startDate: Date.now() / 1000 } };
      }
      default:
        return clientError('UnknownOperationException', `states:${action} is not supported by the local stack`);
    }
  } catch (error) {
    const e = error as Error;
    return clientError(e.name, e.message);
  }
};

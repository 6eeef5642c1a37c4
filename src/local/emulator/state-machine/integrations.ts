/**
 * Task state resources, emulated: Lambda functions (by ARN) run through the local Lambda runtime;
 * `sqs:sendMessage` goes to the local queues, and with `.waitForTaskToken` gets a fresh task token in place of
 * `$$.Task.Token` and waits for its callback. Any other resource stops start-up (classifyResource, definition.ts).
 * Errors surface as on AWS: a handler error has its `errorType` as Error and the JSON error payload as Cause.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { LambdaRuntime } from '../lambda/runtime';
import type { LocalQueues, MessageAttributeValue } from '../queues/local-queues';
import { classifyResource, type StateDefinition } from './definition';
import type { Scope } from './scope';
import { StateError, type TaskTokens } from './task-tokens';

/** What `$$.Task.Token` resolves to in the context object; each task attempt swaps it for a new token. */
export const TASK_TOKEN_SENTINEL = '__LOCAL_TASK_TOKEN__';

export interface TaskEnvironment {
  lambda: LambdaRuntime;
  queues: LocalQueues;
  tokens: TaskTokens;
  timeScale: number;
  executionArn: string;
  record(type: string, stateName: string, details: Record<string, unknown>): void;
}

/** The payload with every value `$$.Task.Token` gave (the sentinel, a whole JSON string) replaced by `token`. */
const withToken = (payload: unknown, token: string): unknown =>
  JSON.parse(JSON.stringify(payload).replaceAll(JSON.stringify(TASK_TOKEN_SENTINEL), JSON.stringify(token)));

const withTimeout = async <T>(work: Promise<T>, timeoutMs: number | undefined): Promise<T> => {
  if (timeoutMs === undefined) return work;
  const timer = new AbortController();
  const timeout = sleep(timeoutMs, undefined, { signal: timer.signal }).then(() => {
    throw new StateError('States.Timeout', 'The task timed out (TimeoutSeconds)');
  });
  // Once the race is settled the timer is stopped; its AbortError lands in the race, already settled.
  return Promise.race([work, timeout]).finally(() => timer.abort());
};

/** A Task state's own limits, scaled, in milliseconds (the library's task timer is switched off: definition.ts). */
const taskLimits = (state: StateDefinition, scale: number): { timeoutMs?: number; heartbeatMs?: number } => ({
  ...(typeof state.TimeoutSeconds === 'number' ? { timeoutMs: state.TimeoutSeconds * 1000 * scale } : {}),
  ...(typeof state.HeartbeatSeconds === 'number' ? { heartbeatMs: state.HeartbeatSeconds * 1000 * scale } : {}),
});

/** Builds the override that runs one Task state within `scope`. */
export const makeTaskHandler = (stateName: string, state: StateDefinition, scope: Scope, env: TaskEnvironment) => {
  const resource = classifyResource(String(state.Resource));
  const limits = taskLimits(state, env.timeScale);

  const invokeLambda = async (functionRef: string, payload: unknown): Promise<unknown> => {
    const fn = env.lambda.find(functionRef);
    env.record('LambdaFunctionScheduled', stateName, { function: fn.logicalId });
    const result = await env.lambda.invoke(fn.logicalId, payload, { aliases: [stateName] });
    if (result.ok) {
      env.record('LambdaFunctionSucceeded', stateName, { function: fn.logicalId, requestId: result.requestId });
      return result.payload;
    }
    const { errorType, errorMessage, trace } = result.error;
    env.record(errorType === 'Sandbox.Timedout' ? 'LambdaFunctionTimedOut' : 'LambdaFunctionFailed', stateName, {
      function: fn.logicalId,
      requestId: result.requestId,
      error: errorType,
      cause: errorMessage,
    });
    // A handler error carries the runtime's JSON payload as Cause; a service error (Lambda.*) a plain message.
    throw new StateError(errorType, result.source === 'function' ? JSON.stringify({ errorType, errorMessage, trace }) : errorMessage);
  };

  const sendMessage = async (input: unknown): Promise<unknown> => {
    const p = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
    try {
      const sent = env.queues.send(String(p.QueueUrl), typeof p.MessageBody === 'string' ? p.MessageBody : JSON.stringify(p.MessageBody), {
        messageAttributes: (p.MessageAttributes ?? {}) as Record<string, MessageAttributeValue>,
        ...(p.DelaySeconds !== undefined ? { delaySeconds: Number(p.DelaySeconds) } : {}),
      });
      env.record('TaskSubmitted', stateName, { resource: state.Resource, queueUrl: p.QueueUrl, messageId: sent.MessageId });
      return { ...sent, SdkHttpMetadata: { HttpStatusCode: 200 } };
    } catch (error) {
      throw new StateError('SQS.AmazonSQSException', error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    }
  };

  const act = (input: unknown): Promise<unknown> => (resource.kind === 'lambda-arn' ? invokeLambda(resource.functionRef, input) : sendMessage(input));

  const waitForToken = async (input: unknown): Promise<unknown> => {
    const token = env.tokens.mint();
    // Register first, so that a consumer answering faster than `act` returns still finds the token.
    const callback = env.tokens.wait(token, { executionArn: env.executionArn, stateName }, scope, limits);
    callback.catch(() => undefined);
    try {
      await act(withToken(input, token));
    } catch (error) {
      env.tokens.discard(token, 'the task could not be submitted');
      throw error;
    }
    return callback;
  };

  return async (input: unknown): Promise<unknown> => {
    const cancelled = scope.cancelledBecause;
    if (cancelled !== undefined) {
      env.record('TaskNotStarted', stateName, { reason: cancelled });
      throw new StateError('States.Cancelled', cancelled);
    }
    return resource.waitForTaskToken ? waitForToken(input) : withTimeout(act(input), limits.timeoutMs);
  };
};

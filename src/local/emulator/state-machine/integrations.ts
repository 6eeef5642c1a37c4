/**
 * Task state resources, emulated: Lambda functions (by ARN, or `arn:aws:states:::lambda:invoke`) run through
 * the local Lambda runtime; `sqs:sendMessage` and `sns:publish` go to the local queues and topics; any of
 * them with `.waitForTaskToken` gets a fresh task token in place of `$$.Task.Token` and waits for its callback.
 * Errors surface as on AWS: a handler error has its `errorType` as Error and the JSON error payload as Cause.
 */
import type { LambdaRuntime, InvocationResult } from '../lambda/runtime';
import type { LocalQueues, MessageAttributeValue } from '../queues/local-queues';
import type { LocalSns } from '../sns/local-sns';
import { taskLimits, type StateDefinition } from './definition';
import type { Scope } from './scope';
import { StateError, type TaskTokens } from './task-tokens';

/** What `$$.Task.Token` resolves to in the context object; each task attempt swaps it for a new token. */
export const TASK_TOKEN_SENTINEL = '__LOCAL_TASK_TOKEN__';

export type TaskResource =
  | { kind: 'lambda-arn'; functionRef: string; waitForTaskToken: false }
  | { kind: 'lambda:invoke' | 'sqs:sendMessage' | 'sns:publish'; waitForTaskToken: boolean };

const SERVICE_INTEGRATION = /^arn:aws:states:::(lambda:invoke|sqs:sendMessage|sns:publish)(\.waitForTaskToken)?$/;

export const classifyResource = (resource: string): TaskResource => {
  if (/^arn:aws:lambda:[^:]*:[^:]*:function:/.test(resource)) return { kind: 'lambda-arn', functionRef: resource, waitForTaskToken: false };
  const match = SERVICE_INTEGRATION.exec(resource);
  if (match) return { kind: match[1] as 'lambda:invoke' | 'sqs:sendMessage' | 'sns:publish', waitForTaskToken: Boolean(match[2]) };
  throw new Error(`Task resource ${resource} is not supported by the local stack (Lambda, lambda:invoke, sqs:sendMessage, sns:publish, with or without .waitForTaskToken)`);
};

export interface TaskEnvironment {
  lambda: LambdaRuntime;
  queues: LocalQueues;
  sns: LocalSns;
  tokens: TaskTokens;
  timeScale: number;
  executionArn: string;
  /** Appends an event to the execution's history. */
  record(type: string, stateName: string, details: Record<string, unknown>): void;
}

type Json = unknown;

const replaceSentinel = (value: Json, token: string): Json => {
  if (value === TASK_TOKEN_SENTINEL) return token;
  if (Array.isArray(value)) return value.map((v) => replaceSentinel(v, token));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceSentinel(v, token)]));
  }
  return value;
};

const asText = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));
const params = (input: Json): Record<string, unknown> => (typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {});

const withTimeout = async <T>(work: Promise<T>, timeoutMs: number | undefined): Promise<T> => {
  if (timeoutMs === undefined) return work;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StateError('States.Timeout', 'The task timed out (TimeoutSeconds)')), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
};

/** Builds the override that runs one Task state within `scope`. */
export const makeTaskHandler = (stateName: string, state: StateDefinition, scope: Scope, env: TaskEnvironment) => {
  const resource = classifyResource(String(state.Resource));
  const limits = taskLimits(state, env.timeScale);

  const invokeLambda = async (functionRef: string, payload: Json): Promise<Json> => {
    const fn = env.lambda.find(functionRef);
    env.record('LambdaFunctionScheduled', stateName, { function: fn.logicalId });
    const result: InvocationResult = await env.lambda.invoke(fn.logicalId, payload, { aliases: [stateName] });
    if (result.ok) {
      env.record('LambdaFunctionSucceeded', stateName, { function: fn.logicalId, requestId: result.requestId });
      return result.payload;
    }
    const { errorType, errorMessage, trace } = result.error;
    const timedOut = errorType === 'Sandbox.Timedout';
    env.record(timedOut ? 'LambdaFunctionTimedOut' : 'LambdaFunctionFailed', stateName, {
      function: fn.logicalId,
      requestId: result.requestId,
      error: errorType,
      cause: errorMessage,
    });
    // A handler error carries the runtime's JSON payload as Cause; a service error (Lambda.*) a plain message.
    throw new StateError(errorType, result.source === 'function' ? JSON.stringify({ errorType, errorMessage, trace }) : errorMessage);
  };

  const act = async (input: Json): Promise<Json> => {
    const p = params(input);
    switch (resource.kind) {
      case 'lambda-arn':
        return invokeLambda(resource.functionRef, input);
      case 'lambda:invoke': {
        const invocation = invokeLambda(String(p.FunctionName), p.Payload ?? {});
        if (resource.waitForTaskToken) {
          invocation.catch(() => undefined); // answered through the token; failures are in the history
          return { StatusCode: 202 };
        }
        const payload = await invocation;
        return { ExecutedVersion: '$LATEST', Payload: payload, StatusCode: 200, SdkHttpMetadata: { HttpStatusCode: 200 } };
      }
      case 'sqs:sendMessage':
        try {
          const sent = env.queues.send(String(p.QueueUrl), asText(p.MessageBody), {
            messageAttributes: (p.MessageAttributes ?? {}) as Record<string, MessageAttributeValue>,
            ...(p.DelaySeconds !== undefined ? { delaySeconds: Number(p.DelaySeconds) } : {}),
          });
          env.record('TaskSubmitted', stateName, { resource: state.Resource, queueUrl: p.QueueUrl, messageId: sent.MessageId });
          return { ...sent, SdkHttpMetadata: { HttpStatusCode: 200 } };
        } catch (error) {
          throw new StateError('SQS.AmazonSQSException', error instanceof Error ? `${error.name}: ${error.message}` : String(error));
        }
      case 'sns:publish':
        try {
          const published = env.sns.publish(String(p.TopicArn), {
            message: asText(p.Message),
            ...(p.Subject !== undefined ? { subject: String(p.Subject) } : {}),
            messageAttributes: (p.MessageAttributes ?? {}) as Record<string, MessageAttributeValue>,
          });
          env.record('TaskSubmitted', stateName, { resource: state.Resource, topicArn: p.TopicArn, messageId: published.MessageId });
          return { ...published, SdkHttpMetadata: { HttpStatusCode: 200 } };
        } catch (error) {
          throw new StateError('SNS.AmazonSNSException', error instanceof Error ? `${error.name}: ${error.message}` : String(error));
        }
    }
  };

  const waitForToken = async (input: Json): Promise<Json> => {
    const token = env.tokens.mint();
    // Register first, so that a consumer answering faster than `act` returns still finds the token.
    const callback = env.tokens.wait(token, { executionArn: env.executionArn, stateName }, scope, limits);
    callback.catch(() => undefined);
    try {
      await act(replaceSentinel(input, token));
    } catch (error) {
      env.tokens.discard(token, 'the task could not be submitted');
      throw error;
    }
    return callback;
  };

  return async (input: Json): Promise<Json> => {
    const cancelled = scope.cancelledBecause;
    if (cancelled !== undefined) {
      env.record('TaskNotStarted', stateName, { reason: cancelled });
      throw new StateError('States.Cancelled', cancelled);
    }
    return resource.waitForTaskToken ? waitForToken(input) : withTimeout(act(input), limits.timeoutMs);
  };
};

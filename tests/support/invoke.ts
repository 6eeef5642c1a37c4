/** Calls Middy handlers the way Lambda does: with a sample event, a context, and the answer awaited. */
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { lambdaContext } from './fakes';

type AnyHandler<TResult> = (event: never, context: Context) => Promise<TResult>;

/** The handlers' event types are what Middy hands on after parsing; Lambda hands in the raw event. */
export const invoke = <TResult>(handler: AnyHandler<TResult>, event: unknown, context: Context = lambdaContext()): Promise<TResult> =>
  handler(event as never, context);

export interface ApiAnswer {
  statusCode: number;
  headers: Record<string, unknown>;
  body: Record<string, unknown>;
}

/** Invokes an API handler and parses its JSON answer (failing loudly if it is not JSON). */
export const invokeApi = async (handler: AnyHandler<APIGatewayProxyResult>, event: APIGatewayProxyEvent): Promise<ApiAnswer> => {
  const result = await invoke(handler, event);
  return { statusCode: result.statusCode, headers: { ...result.headers }, body: JSON.parse(result.body) as Record<string, unknown> };
};

/**
 * A local stand-in for every AWS endpoint during the cold-start benchmark (AWS_ENDPOINT_URL points here). In
 * `success` mode it answers each SDK command with a realistic success (stand-in-answers.ts), in `error` mode at once
 * with a client error (with AWS_MAX_ATTEMPTS=1, final). CloudFormation custom-resource responses (a PUT to the
 * pre-signed ResponseURL) are accepted with 200 in both modes.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorAnswer, successAnswer, type SampleWorld, type StandInMode } from './stand-in-answers';

export const CUSTOM_RESOURCE_PATH = '/cloudformation-response';

export interface AwsStub {
  url: string;
  mode: StandInMode;
  /** Requests answered so far. */
  requests: () => number;
  close: () => Promise<void>;
}

const answer = (mode: StandInMode, world: SampleWorld, request: IncomingMessage, body: string, response: ServerResponse): void => {
  if (request.url?.startsWith(CUSTOM_RESOURCE_PATH)) {
    response.writeHead(200).end();
    return;
  }
  const standIn = { target: String(request.headers['x-amz-target'] ?? ''), contentType: request.headers['content-type'] ?? '', body };
  const { status, headers, body: text } = mode === 'success' ? successAnswer(world, standIn) : errorAnswer(standIn);
  response.writeHead(status, headers).end(text);
};

export const startAwsStub = async (mode: StandInMode, world: SampleWorld): Promise<AwsStub> => {
  let count = 0;
  const server = createServer((request, response) => {
    count += 1;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => answer(mode, world, request, Buffer.concat(chunks).toString('utf8'), response));
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    mode,
    requests: () => count,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
};

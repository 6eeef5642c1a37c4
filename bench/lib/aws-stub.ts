/**
 * A local stand-in for every AWS endpoint during the cold-start benchmark (AWS_ENDPOINT_URL points here). It answers
 * at once with a client error in the caller's protocol, so a handler's first SDK call fails fast and without retries
 * (AWS_MAX_ATTEMPTS=1): the benchmark times the path to the first answer, not a successful one. CloudFormation
 * custom-resource responses (a PUT to the pre-signed ResponseURL) are accepted with 200.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const CUSTOM_RESOURCE_PATH = '/cloudformation-response';

export interface AwsStub {
  url: string;
  /** Requests answered so far. */
  requests: () => number;
  close: () => Promise<void>;
}

const answer = (request: IncomingMessage, response: ServerResponse): void => {
  if (request.url?.startsWith(CUSTOM_RESOURCE_PATH)) {
    response.writeHead(200).end();
    return;
  }
  const contentType = request.headers['content-type'] ?? '';
  const headers = { 'x-amzn-errortype': 'BenchStubException', 'x-amzn-requestid': 'bench-stub' };
  if (contentType.includes('x-www-form-urlencoded')) {
    // awsQuery services (SNS): an XML ErrorResponse.
    const xml = '<ErrorResponse><Error><Type>Sender</Type><Code>BenchStubException</Code><Message>cold-start benchmark stand-in</Message></Error><RequestId>bench-stub</RequestId></ErrorResponse>';
    response.writeHead(400, { ...headers, 'content-type': 'text/xml' }).end(xml);
    return;
  }
  // awsJson (DynamoDB, Step Functions, SQS) and anything else: a JSON error body.
  response
    .writeHead(400, { ...headers, 'content-type': 'application/x-amz-json-1.0' })
    .end(JSON.stringify({ __type: 'BenchStubException', message: 'cold-start benchmark stand-in' }));
};

export const startAwsStub = async (): Promise<AwsStub> => {
  let count = 0;
  const server = createServer((request, response) => {
    count += 1;
    request.resume().on('end', () => answer(request, response));
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => count,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
};

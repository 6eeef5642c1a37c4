import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import catalogue from '../../../data/catalogue.json';
import { makeSeedInventoryHandler, respondToCloudFormation, type SeedInventoryDeps } from '../../../src/handlers/seed-inventory';
import { events } from '../../support/events';
import { lambdaContext } from '../../support/fakes';
import { captureOutput, type CapturedOutput } from '../../support/output';

let output: CapturedOutput;
let responses: { url: string; body: Record<string, unknown> }[];
let deps: SeedInventoryDeps;

beforeEach(() => {
  output = captureOutput();
  responses = [];
  deps = {
    seedCatalogue: jest.fn(async (entries) => entries.length),
    respond: async (url, body) => void responses.push({ url, body }),
  };
});
afterEach(() => output.restore());

const stackEvent = (change: Partial<CloudFormationCustomResourceEvent>): CloudFormationCustomResourceEvent =>
  ({ ...events.seedInventory(), PhysicalResourceId: 'seed-inventory-SeedInventory', ...change }) as CloudFormationCustomResourceEvent;

describe('SeedInventory custom resource', () => {
  it('seeds the catalogue on Create and answers SUCCESS on the pre-signed URL', async () => {
    const event = events.seedInventory();

    await makeSeedInventoryHandler(deps)(event, lambdaContext());

    expect(deps.seedCatalogue).toHaveBeenCalledWith(catalogue);
    expect(responses).toEqual([
      {
        url: event.ResponseURL,
        body: {
          Status: 'SUCCESS',
          PhysicalResourceId: 'seed-inventory-SeedInventory',
          StackId: event.StackId,
          RequestId: event.RequestId,
          LogicalResourceId: 'SeedInventory',
          Data: { ProductsAdded: catalogue.length },
        },
      },
    ]);
  });

  it('seeds again on Update (adding only new products) and keeps the physical id', async () => {
    await makeSeedInventoryHandler(deps)(stackEvent({ RequestType: 'Update' } as Partial<CloudFormationCustomResourceEvent>), lambdaContext());

    expect(deps.seedCatalogue).toHaveBeenCalledTimes(1);
    expect(responses[0]?.body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'seed-inventory-SeedInventory' });
  });

  it('touches nothing on Delete and answers SUCCESS so the stack can go', async () => {
    await makeSeedInventoryHandler(deps)(stackEvent({ RequestType: 'Delete' } as Partial<CloudFormationCustomResourceEvent>), lambdaContext());

    expect(deps.seedCatalogue).not.toHaveBeenCalled();
    expect(responses[0]?.body).toMatchObject({ Status: 'SUCCESS', Data: { ProductsAdded: 0 } });
  });

  it('answers FAILED with the reason and the log stream instead of leaving CloudFormation waiting an hour', async () => {
    deps.seedCatalogue = async () => {
      throw new Error('AccessDeniedException: dynamodb:PutItem');
    };

    await makeSeedInventoryHandler(deps)(events.seedInventory(), lambdaContext({ logStreamName: '2026/05/25/[$LATEST]abc' }));

    expect(responses[0]?.body).toMatchObject({
      Status: 'FAILED',
      Reason: 'Error: AccessDeniedException: dynamodb:PutItem (log stream 2026/05/25/[$LATEST]abc)',
      PhysicalResourceId: 'seed-inventory-SeedInventory',
    });
  });
});

describe('respondToCloudFormation', () => {
  let server: Server;
  let received: { method?: string; headers: IncomingMessage['headers']; body: string }[];
  let status: number;

  beforeEach(async () => {
    received = [];
    status = 200;
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        received.push({ method: request.method, headers: request.headers, body });
        response.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterEach(async () => new Promise<void>((resolve) => server.close(() => resolve())));

  const url = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}/stack-response?X-Amz-Signature=abc`;

  it('PUTs the JSON body with an empty content type, as the pre-signed S3 URL requires', async () => {
    await respondToCloudFormation(url(), { Status: 'SUCCESS', Reason: 'naïve ✓' });

    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ method: 'PUT', body: JSON.stringify({ Status: 'SUCCESS', Reason: 'naïve ✓' }) });
    expect(received[0]?.headers['content-type'] ?? '').toBe('');
    expect(Number(received[0]?.headers['content-length'])).toBe(Buffer.byteLength(received[0]?.body ?? ''));
  });

  it('throws when the response is refused', async () => {
    status = 403;

    await expect(respondToCloudFormation(url(), { Status: 'SUCCESS' })).rejects.toThrow('CloudFormation response rejected: 403');
  });
});

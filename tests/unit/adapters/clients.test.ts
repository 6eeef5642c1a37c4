import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { documentClient, makeDocumentClient, makeSqsClient, sfnClient } from '../../../src/adapters/aws/clients';

describe('AWS clients', () => {
  it('builds each shared client once, on first use', () => {
    expect(documentClient()).toBe(documentClient());
    expect(sfnClient()).toBe(sfnClient());
    expect(documentClient()).toBeInstanceOf(DynamoDBDocumentClient);
  });

  it('points a client at the given endpoint', async () => {
    const client = makeSqsClient({ endpoint: 'http://127.0.0.1:5000', region: 'us-east-1' });

    const endpoint = await client.config.endpoint?.();

    expect(endpoint).toMatchObject({ hostname: '127.0.0.1', port: 5000, protocol: 'http:' });
  });

  it('drops undefined attributes when writing documents', () => {
    expect(makeDocumentClient({ region: 'us-east-1' }).config.translateConfig?.marshallOptions?.removeUndefinedValues).toBe(true);
  });
});

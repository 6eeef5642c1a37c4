import type { Metafile } from 'esbuild';
import { parseTemplate } from '../../../src/local/emulator/template/load-template';
import { staticClosure } from '../../../scripts/build/bundle-size';
import { coldStartEnv, resolveEnvValue, templateVariables } from '../../../bench/lib/function-env';
import { clientInitOf, floorSource, sdkUsageOf } from '../../../bench/lib/sdk-floor';
import { sampleEventFile } from '../../../bench/lib/run-benchmark';
import path from 'node:path';
import { readFileSync } from 'node:fs';

const output = (inputs: Record<string, number>, imports: Metafile['outputs'][string]['imports'] = []): Metafile['outputs'][string] => ({
  bytes: 1,
  inputs: Object.fromEntries(Object.entries(inputs).map(([path, bytesInOutput]) => [path, { bytesInOutput }])),
  imports,
  exports: [],
});

describe('sdkUsageOf', () => {
  it('reads the clients and commands a bundle holds from the SDK ES module files, across chunks', () => {
    // Arrange
    const metafile: Metafile = {
      inputs: {},
      outputs: {
        'out/create-order.mjs': output({
          'node_modules/@aws-sdk/client-dynamodb/dist-es/DynamoDBClient.js': 900,
          'node_modules/@aws-sdk/client-dynamodb/dist-es/commands/GetItemCommand.js': 300,
          'node_modules/@aws-sdk/lib-dynamodb/dist-es/DynamoDBDocumentClient.js': 500,
          'node_modules/@aws-sdk/lib-dynamodb/dist-es/commands/GetCommand.js': 200,
          'node_modules/@aws-sdk/client-dynamodb/dist-es/commands/ScanCommand.js': 0,
          'src/functions/create-order.ts': 100,
        }),
        'out/chunk-1.mjs': output({
          'node_modules/@aws-sdk/client-sfn/dist-es/SFNClient.js': 800,
          'node_modules/@aws-sdk/client-sfn/dist-es/commands/StartExecutionCommand.js': 300,
          'node_modules/@aws-sdk/nested-clients/dist-es/submodules/sts/STSClient.js': 700,
        }),
      },
    };

    // Act
    const usage = sdkUsageOf(metafile);

    // Assert: tree-shaken files (0 bytes) and the SDK's own nested clients do not count.
    expect(usage).toEqual({
      exports: {
        '@aws-sdk/client-dynamodb': ['DynamoDBClient', 'GetItemCommand'],
        '@aws-sdk/client-sfn': ['SFNClient', 'StartExecutionCommand'],
        '@aws-sdk/lib-dynamodb': ['DynamoDBDocumentClient', 'GetCommand'],
      },
      clientPackages: ['@aws-sdk/client-dynamodb', '@aws-sdk/client-sfn'],
    });
  });
});

describe('floorSource', () => {
  it('imports exactly those exports, builds the clients at init (the document client over DynamoDB) and keeps the commands', () => {
    // Act
    const source = floorSource('CreateOrderFunction', {
      exports: { '@aws-sdk/client-dynamodb': ['DynamoDBClient', 'QueryCommand'], '@aws-sdk/lib-dynamodb': ['DynamoDBDocumentClient', 'QueryCommand'], '@aws-sdk/client-sfn': ['SFNClient'] },
      clientPackages: ['@aws-sdk/client-dynamodb', '@aws-sdk/client-sfn'],
    });

    // Assert: same-named commands of two packages do not clash.
    expect(source).toContain("import { DynamoDBClient, QueryCommand as client_dynamodb_QueryCommand } from '@aws-sdk/client-dynamodb';");
    expect(source).toContain("import { DynamoDBDocumentClient, QueryCommand as lib_dynamodb_QueryCommand } from '@aws-sdk/lib-dynamodb';");
    expect(source).toContain('const buildClients = (): unknown[] => [DynamoDBDocumentClient.from(new DynamoDBClient({})), new SFNClient({})];');
    expect(source).toContain('const clients = buildClients();');
    expect(source).toContain('export const commands: unknown[] = [client_dynamodb_QueryCommand, lib_dynamodb_QueryCommand];');
    expect(source).toContain('export const handler');
  });
});

describe('floorSource for a function that builds its clients lazily', () => {
  it('builds them on the first call, as the function does, not at import', () => {
    // Act
    const source = floorSource('SeedInventoryFunction', { exports: { '@aws-sdk/client-dynamodb': ['DynamoDBClient'] }, clientPackages: ['@aws-sdk/client-dynamodb'] }, 'lazy');

    // Assert
    expect(source).not.toContain('const clients = buildClients();');
    expect(source).toContain('(clients ??= buildClients())');
  });
});

describe('clientInitOf', () => {
  it('calls a function eager when a client getter runs at module level, even nested in an object literal', () => {
    // Act / Assert
    expect(clientInitOf("const deps = { orders: new Repo({ client: documentClient(), table: 't' }) };\nexport const handler = make(deps);")).toBe('eager');
  });

  it('calls it lazy when every client getter runs inside a function', () => {
    // Act / Assert
    expect(clientInitOf('export const handler = make({ seed: (entries: string[]) => seed(documentClient(), entries), respond });')).toBe('lazy');
    expect(clientInitOf('function later() { return sfnClient(); }\nexport const handler = async () => later();')).toBe('lazy');
  });

  it('reads the real entries: SeedInventory builds its client lazily, CreateOrder at init', () => {
    // Act / Assert
    expect(clientInitOf(readFileSync(path.resolve(__dirname, '../../../src/functions/seed-inventory.ts'), 'utf8'))).toBe('lazy');
    expect(clientInitOf(readFileSync(path.resolve(__dirname, '../../../src/functions/create-order.ts'), 'utf8'))).toBe('eager');
  });
});

describe('staticClosure', () => {
  it('follows static imports only: chunks behind import() are not loaded at init', () => {
    // Arrange
    const metafile: Metafile = {
      inputs: {},
      outputs: {
        'f/index.mjs': output({}, [
          { path: 'f/chunk-a.mjs', kind: 'import-statement' },
          { path: 'f/lazy.mjs', kind: 'dynamic-import' },
          { path: 'node:http', kind: 'import-statement', external: true },
        ]),
        'f/chunk-a.mjs': output({}, [{ path: 'f/chunk-b.mjs', kind: 'import-statement' }]),
        'f/chunk-b.mjs': output({}, [{ path: 'f/chunk-a.mjs', kind: 'import-statement' }]),
        'f/lazy.mjs': output({}, [{ path: 'f/chunk-c.mjs', kind: 'import-statement' }]),
        'f/chunk-c.mjs': output({}),
      },
    };

    // Act / Assert
    expect(staticClosure(metafile, 'f/index.mjs').sort()).toEqual(['f/chunk-a.mjs', 'f/chunk-b.mjs', 'f/index.mjs']);
  });
});

describe('function environment', () => {
  const template = parseTemplate(`
Parameters:
  PaymentDeclineRate: { Type: Number, Default: 0.15 }
  NotificationEmail: { Type: String }
Globals:
  Function:
    Environment:
      Variables:
        POWERTOOLS_SERVICE_NAME: !Ref AWS::StackName
        NODE_OPTIONS: --enable-source-maps
Resources:
  Topic: { Type: AWS::SNS::Topic }
  Machine: { Type: AWS::Serverless::StateMachine }
  Queue: { Type: AWS::SQS::Queue }
  Table: { Type: AWS::DynamoDB::Table }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Environment:
        Variables:
          TABLE: !Ref Table
          TOPIC: !Ref Topic
          MACHINE: !Ref Machine
          QUEUE: !Ref Queue
          RATE: !Ref PaymentDeclineRate
          EMAIL: !Ref NotificationEmail
          LINK: !Sub https://\${AWS::Region}.console.aws.amazon.com/states/home#/\${Machine}
          ODD: !GetAtt Table.Arn
`);

  it("resolves references as CloudFormation would return them, parameters to their defaults", () => {
    // Act
    const variables = templateVariables(template, 'Fn');

    // Assert
    expect(variables).toEqual({
      POWERTOOLS_SERVICE_NAME: 'coldstart-bench',
      NODE_OPTIONS: '--enable-source-maps',
      TABLE: 'Table',
      TOPIC: 'arn:aws:sns:us-east-1:123456789012:Topic',
      MACHINE: 'arn:aws:states:us-east-1:123456789012:stateMachine:Machine',
      QUEUE: 'https://sqs.us-east-1.amazonaws.com/123456789012/Queue',
      RATE: '0.15',
      EMAIL: 'bench-NotificationEmail',
      LINK: 'https://us-east-1.console.aws.amazon.com/states/home#/arn:aws:states:us-east-1:123456789012:stateMachine:Machine',
      ODD: 'bench-ODD',
    });
    expect(resolveEnvValue(template, 'N', 42)).toBe('42');
  });

  it("builds a clean Lambda-like environment: the profile's NODE_OPTIONS, static credentials, the stand-in endpoint, one attempt", () => {
    // Act
    const env = coldStartEnv({ functionName: 'Fn', endpoint: 'http://127.0.0.1:9999', variables: templateVariables(template, 'Fn'), nodeOptions: '', taskRoot: '/task' });

    // Assert
    expect(env).not.toHaveProperty('NODE_OPTIONS');
    expect(env).not.toHaveProperty('HOME');
    expect(env).toMatchObject({
      TABLE: 'Table',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9999',
      AWS_MAX_ATTEMPTS: '1',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_LAMBDA_FUNCTION_NAME: 'Fn',
      LAMBDA_TASK_ROOT: '/task',
    });
    expect(env.AWS_ACCESS_KEY_ID).toBeTruthy();
    expect(coldStartEnv({ functionName: 'Fn', endpoint: 'x', variables: {}, nodeOptions: '--enable-source-maps', taskRoot: '/t' }).NODE_OPTIONS).toBe('--enable-source-maps');
  });
});

describe('sampleEventFile', () => {
  const root = path.resolve(__dirname, '../../..');

  it("takes events/<name>.json, else the first events/<name>-*.json, else none", () => {
    // Act / Assert
    expect(sampleEventFile(root, 'create-order')).toBe('events/create-order.json');
    expect(sampleEventFile(root, 'record-outcome')).toBe('events/record-outcome-failed.json');
    expect(sampleEventFile(root, 'no-such-function')).toBeUndefined();
  });
});

import { CloudFormationClient, ListStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { GetFunctionCommand, GetFunctionConfigurationCommand, InvokeCommand, LambdaClient, UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import {
  measureFunction,
  NONCE_VARIABLE,
  parseReport,
  reportingLoggingConfig,
  stackFunctions,
  summarizeColdStarts,
  type AwsBenchClients,
} from '../../../bench/lib/aws-coldstart';
import { cellName, DEFAULT_GRID, gridMarkdown, measureGrid, parseCell } from '../../../bench/lib/aws-grid';

const cloudFormation = mockClient(CloudFormationClient);
const lambda = mockClient(LambdaClient);
const logs = mockClient(CloudWatchLogsClient);
const clients: AwsBenchClients = { cloudFormation: new CloudFormationClient({}), lambda: new LambdaClient({}), logs: new CloudWatchLogsClient({}) };

beforeEach(() => {
  cloudFormation.reset();
  lambda.reset();
  logs.reset();
});

const textReport = (requestId: string, init?: number) =>
  `START RequestId: ${requestId} Version: $LATEST\nEND RequestId: ${requestId}\nREPORT RequestId: ${requestId}\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 512 MB\tMax Memory Used: 81 MB${init === undefined ? '' : `\tInit Duration: ${init} ms`}\t\n`;
const jsonReport = (requestId: string, init?: number) =>
  `${JSON.stringify({ time: '2026-01-01T00:00:00.000Z', type: 'platform.report', record: { requestId, metrics: { durationMs: 5.5, billedDurationMs: 6, memorySizeMB: 512, maxMemoryUsedMB: 79, ...(init === undefined ? {} : { initDurationMs: init }) }, status: 'success' } })}\n`;
const base64 = (text: string) => Buffer.from(text).toString('base64');

describe('parseReport', () => {
  it('reads the text REPORT line, Init Duration included', () => {
    // Act / Assert
    expect(parseReport(textReport('req-1', 183.45))).toEqual({ requestId: 'req-1', durationMs: 12.34, billedDurationMs: 13, memorySizeMb: 512, maxMemoryUsedMb: 81, initDurationMs: 183.45 });
  });

  it('reads the JSON platform.report record (LogFormat JSON)', () => {
    // Arrange
    const log = `{"level":"INFO","message":"Order accepted"}\n${jsonReport('req-2', 201.7)}`;

    // Act / Assert
    expect(parseReport(log)).toEqual({ requestId: 'req-2', durationMs: 5.5, billedDurationMs: 6, memorySizeMb: 512, maxMemoryUsedMb: 79, initDurationMs: 201.7 });
  });

  it('has no Init Duration for a warm invocation, and nothing without a REPORT', () => {
    // Act / Assert
    expect(parseReport(textReport('req-3'))?.initDurationMs).toBeUndefined();
    expect(parseReport('START RequestId: x\n{"type":"platform.start"}\nnot json {')).toBeUndefined();
  });

  it('picks the record of the requested invocation', () => {
    // Arrange
    const log = textReport('other', 150) + jsonReport('mine', 170) + textReport('later', 190);

    // Act / Assert
    expect(parseReport(log, 'mine')?.initDurationMs).toBe(170);
    expect(parseReport(log)?.initDurationMs).toBe(190);
  });
});

describe('reportingLoggingConfig', () => {
  it('raises SystemLogLevel WARN to INFO for JSON logs, keeping the rest; leaves other setups alone', () => {
    // Act / Assert
    expect(reportingLoggingConfig({ LogFormat: 'JSON', SystemLogLevel: 'WARN', ApplicationLogLevel: 'INFO', LogGroup: '/g' })).toEqual({
      LogFormat: 'JSON',
      SystemLogLevel: 'INFO',
      ApplicationLogLevel: 'INFO',
      LogGroup: '/g',
    });
    expect(reportingLoggingConfig({ LogFormat: 'Text', LogGroup: '/g' })).toBeUndefined();
    expect(reportingLoggingConfig(undefined)).toBeUndefined();
  });
});

describe('stackFunctions', () => {
  it('lists the Lambda functions of a stack across pages, by logical id', async () => {
    // Arrange
    cloudFormation
      .on(ListStackResourcesCommand, { StackName: 'orders' })
      .resolvesOnce({
        StackResourceSummaries: [
          { LogicalResourceId: 'NotifyFunction', PhysicalResourceId: 'orders-NotifyFunction-abc', ResourceType: 'AWS::Lambda::Function', ResourceStatus: 'CREATE_COMPLETE', LastUpdatedTimestamp: new Date() },
          { LogicalResourceId: 'OrdersTable', PhysicalResourceId: 'orders-OrdersTable', ResourceType: 'AWS::DynamoDB::Table', ResourceStatus: 'CREATE_COMPLETE', LastUpdatedTimestamp: new Date() },
        ],
        NextToken: 'page-2',
      })
      .resolvesOnce({
        StackResourceSummaries: [
          { LogicalResourceId: 'CreateOrderFunction', PhysicalResourceId: 'orders-CreateOrderFunction-def', ResourceType: 'AWS::Lambda::Function', ResourceStatus: 'CREATE_COMPLETE', LastUpdatedTimestamp: new Date() },
        ],
      });

    // Act
    const functions = await stackFunctions(clients.cloudFormation, 'orders');

    // Assert
    expect(functions).toEqual([
      { logicalId: 'CreateOrderFunction', functionName: 'orders-CreateOrderFunction-def' },
      { logicalId: 'NotifyFunction', functionName: 'orders-NotifyFunction-abc' },
    ]);
    expect(cloudFormation.commandCalls(ListStackResourcesCommand)[1]?.args[0].input).toEqual({ StackName: 'orders', NextToken: 'page-2' });
  });
});

describe('measureFunction', () => {
  const fn = { logicalId: 'CreateOrderFunction', functionName: 'orders-CreateOrderFunction' };
  const loggingConfig = { LogFormat: 'JSON' as const, SystemLogLevel: 'WARN' as const, ApplicationLogLevel: 'INFO' as const, LogGroup: '/orders/create-order' };

  const arrange = (inits: (number | undefined)[]) => {
    lambda.on(GetFunctionConfigurationCommand).resolves({ Environment: { Variables: { ORDERS_TABLE: 'orders' } }, LoggingConfig: loggingConfig });
    lambda.on(UpdateFunctionConfigurationCommand).resolves({});
    lambda.on(GetFunctionCommand).resolves({ Configuration: { LastUpdateStatus: 'Successful' } });
    inits.reduce(
      (invoke, init, i) => invoke.resolvesOnce({ StatusCode: 200, LogResult: base64(jsonReport(`req-${i}`, init)), $metadata: { requestId: `req-${i}` } }),
      lambda.on(InvokeCommand),
    );
  };

  it('forces a cold start per run: update an env var, wait until updated, invoke with the log tail', async () => {
    // Arrange
    arrange([210, 190, 200]);
    const sequence: string[] = [];
    lambda.on(UpdateFunctionConfigurationCommand).callsFake(() => sequence.push('update') && {});
    lambda.on(GetFunctionCommand).callsFake(() => sequence.push('wait') && { Configuration: { LastUpdateStatus: 'Successful' } });
    lambda.on(InvokeCommand).callsFake(() => {
      const i = sequence.filter((step) => step === 'invoke').length;
      sequence.push('invoke');
      return { StatusCode: 200, LogResult: base64(jsonReport(`req-${i}`, [210, 190, 200][i])), $metadata: { requestId: `req-${i}` } };
    });

    // Act
    const result = await measureFunction(clients, fn, { runs: 3, payload: '{}' });

    // Assert
    expect(sequence).toEqual(['update', 'wait', 'invoke', 'update', 'wait', 'invoke', 'update', 'wait', 'invoke', 'update', 'wait']);
    expect(result.reports.map((report) => report.initDurationMs)).toEqual([210, 190, 200]);
    expect(result.missing).toBe(0);
    const invokes = lambda.commandCalls(InvokeCommand).map((call) => call.args[0].input);
    expect(invokes[0]).toMatchObject({ FunctionName: fn.functionName, LogType: 'Tail' });
    expect(new TextDecoder().decode(invokes[0]?.Payload as Uint8Array)).toBe('{}');
  });

  it('changes the nonce every run, keeps the other variables, lets REPORT through, and restores everything after', async () => {
    // Arrange
    arrange([200, 201]);

    // Act
    await measureFunction(clients, fn, { runs: 2, payload: '{}' });

    // Assert
    const updates = lambda.commandCalls(UpdateFunctionConfigurationCommand).map((call) => call.args[0].input);
    expect(updates).toHaveLength(3);
    const nonces = updates.slice(0, 2).map((update) => update.Environment?.Variables?.[NONCE_VARIABLE]);
    expect(new Set(nonces).size).toBe(2);
    for (const update of updates.slice(0, 2)) {
      expect(update.Environment?.Variables).toMatchObject({ ORDERS_TABLE: 'orders' });
      expect(update.LoggingConfig).toEqual({ ...loggingConfig, SystemLogLevel: 'INFO' });
    }
    expect(updates[2]).toEqual({ FunctionName: fn.functionName, Environment: { Variables: { ORDERS_TABLE: 'orders' } }, LoggingConfig: loggingConfig });
  });

  it('falls back to CloudWatch Logs when the tail has no REPORT, and counts runs without Init Duration', async () => {
    // Arrange
    lambda.on(GetFunctionConfigurationCommand).resolves({ Environment: { Variables: {} }, LoggingConfig: loggingConfig });
    lambda.on(UpdateFunctionConfigurationCommand).resolves({});
    lambda.on(GetFunctionCommand).resolves({ Configuration: { LastUpdateStatus: 'Successful' } });
    lambda
      .on(InvokeCommand)
      .resolvesOnce({ StatusCode: 200, LogResult: base64('{"level":"INFO","message":"only app logs"}\n'), $metadata: { requestId: 'req-a' } })
      .resolvesOnce({ StatusCode: 200, LogResult: base64(textReport('req-b')), $metadata: { requestId: 'req-b' } });
    logs.on(FilterLogEventsCommand).resolves({ events: [{ message: jsonReport('req-a', 222.2) }] });

    // Act
    const result = await measureFunction(clients, fn, { runs: 2, payload: '{}', sleep: async () => undefined });

    // Assert
    expect(logs.commandCalls(FilterLogEventsCommand)[0]?.args[0].input).toMatchObject({ logGroupName: '/orders/create-order', filterPattern: '"req-a"' });
    expect(result.reports.map((report) => report.initDurationMs)).toEqual([222.2]);
    expect(result.missing).toBe(1);
    expect(summarizeColdStarts(result)).toMatchObject({ runs: 2, missing: 1, initMsP50: 222.2 });
  });

  it('restores the configuration even when a run fails', async () => {
    // Arrange
    arrange([]);
    lambda.on(InvokeCommand).rejects(new Error('throttled'));

    // Act / Assert
    await expect(measureFunction(clients, fn, { runs: 2, payload: '{}' })).rejects.toThrow('throttled');
    const updates = lambda.commandCalls(UpdateFunctionConfigurationCommand);
    expect(updates.at(-1)?.args[0].input.Environment).toEqual({ Variables: { ORDERS_TABLE: 'orders' } });
  });
});

describe('summarizeColdStarts', () => {
  it('gives p50, p90 and min of Init Duration, and the cold invocation duration', () => {
    // Arrange
    const reports = [100, 110, 120, 130, 140, 150, 160, 170, 180, 190].map((init) => ({ durationMs: 10, initDurationMs: init, maxMemoryUsedMb: 80 }));

    // Act
    const summary = summarizeColdStarts({ logicalId: 'F', functionName: 'f', reports, missing: 0 });

    // Assert
    expect(summary).toEqual({ logicalId: 'F', functionName: 'f', runs: 10, missing: 0, initMsP50: 145, initMsP90: 181, initMsMin: 100, durationMsP50: 10, maxMemoryUsedMbP50: 80 });
  });

  it('has no statistics when no run was a cold start', () => {
    // Act / Assert
    expect(summarizeColdStarts({ logicalId: 'F', functionName: 'f', reports: [], missing: 3 })).toEqual({ logicalId: 'F', functionName: 'f', runs: 3, missing: 3 });
  });
});

describe('measureFunction at a memory size and architecture', () => {
  const fn = { logicalId: 'NotifyFunction', functionName: 'orders-NotifyFunction' };

  it('measures at the stated memory size and restores the deployed one', async () => {
    // Arrange
    lambda.on(GetFunctionConfigurationCommand).resolves({ Environment: { Variables: {} }, MemorySize: 512, Architectures: ['arm64'] });
    lambda.on(UpdateFunctionConfigurationCommand).resolves({});
    lambda.on(GetFunctionCommand).resolves({ Configuration: { LastUpdateStatus: 'Successful' } });
    lambda.on(InvokeCommand).resolves({ StatusCode: 200, LogResult: base64(textReport('req-1', 150)), $metadata: { requestId: 'req-1' } });

    // Act
    await measureFunction(clients, fn, { runs: 1, payload: '{}', memoryMb: 1024, architecture: 'arm64' });

    // Assert
    const updates = lambda.commandCalls(UpdateFunctionConfigurationCommand).map((call) => call.args[0].input);
    expect(updates.map((update) => update.MemorySize)).toEqual([1024, 512]);
  });

  it('refuses a function deployed for another architecture than its grid cell', async () => {
    // Arrange
    lambda.on(GetFunctionConfigurationCommand).resolves({ Environment: { Variables: {} }, MemorySize: 1024, Architectures: ['x86_64'] });

    // Act / Assert
    await expect(measureFunction(clients, fn, { runs: 1, payload: '{}', architecture: 'arm64' })).rejects.toThrow(/deployed for x86_64, not arm64/);
    expect(lambda.commandCalls(UpdateFunctionConfigurationCommand)).toHaveLength(0);
  });
});

describe('the 2 × 2 grid', () => {
  const ARCH_OF_STACK: Record<string, 'x86_64' | 'arm64'> = { 'std-x86': 'x86_64', 'std-arm': 'arm64', 'min-x86': 'x86_64', 'min-arm': 'arm64' };
  const INIT: Record<string, number> = { 'std-x86': 280, 'std-arm': 250, 'min-x86': 170, 'min-arm': 150 };

  it('parses cells and names the four default stacks, one per bundle and architecture', () => {
    // Act / Assert
    expect(parseCell('arm-min/x86_64=my-stack')).toEqual({ bundle: 'arm-min', architecture: 'x86_64', stackName: 'my-stack' });
    expect(() => parseCell('arm-min=my-stack')).toThrow(/--cell/);
    expect(DEFAULT_GRID.map(cellName)).toEqual(['standard/x86_64', 'standard/arm64', 'arm-min/x86_64', 'arm-min/arm64']);
    expect(new Set(DEFAULT_GRID.map((cell) => cell.stackName)).size).toBe(4);
  });

  it('measures every function of every cell at one memory size and tabulates bundle and architecture ratios', async () => {
    // Arrange: each stack has one function whose name carries the stack; its Init Duration depends on the cell.
    const cells = [parseCell('standard/x86_64=std-x86'), parseCell('standard/arm64=std-arm'), parseCell('arm-min/x86_64=min-x86'), parseCell('arm-min/arm64=min-arm')];
    cloudFormation.on(ListStackResourcesCommand).callsFake((input: { StackName: string }) => ({
      StackResourceSummaries: [{ LogicalResourceId: 'NotifyFunction', PhysicalResourceId: `${input.StackName}-Notify`, ResourceType: 'AWS::Lambda::Function', ResourceStatus: 'CREATE_COMPLETE', LastUpdatedTimestamp: new Date() }],
    }));
    const stackOf = (functionName: string) => functionName.replace(/-Notify$/, '');
    lambda.on(GetFunctionConfigurationCommand).callsFake((input: { FunctionName: string }) => ({ Environment: { Variables: {} }, MemorySize: 128, Architectures: [ARCH_OF_STACK[stackOf(input.FunctionName)]] }));
    lambda.on(UpdateFunctionConfigurationCommand).resolves({});
    lambda.on(GetFunctionCommand).resolves({ Configuration: { LastUpdateStatus: 'Successful' } });
    lambda.on(InvokeCommand).callsFake((input: { FunctionName: string }) => {
      const requestId = `req-${input.FunctionName}`;
      return { StatusCode: 200, LogResult: base64(textReport(requestId, INIT[stackOf(input.FunctionName)])), $metadata: { requestId } };
    });

    // Act
    const results = await measureGrid(clients, cells, { runs: 2, memoryMb: 1024, only: [], concurrency: 2, payloadFor: () => '{}' });
    const md = gridMarkdown(results, 2);

    // Assert
    expect(results.map((r) => [cellName(r), r.memoryMb, r.functions[0]?.initMsP50])).toEqual([
      ['standard/x86_64', 1024, 280],
      ['standard/arm64', 1024, 250],
      ['arm-min/x86_64', 1024, 170],
      ['arm-min/arm64', 1024, 150],
    ]);
    const memorySizes = lambda.commandCalls(UpdateFunctionConfigurationCommand).map((call) => call.args[0].input.MemorySize);
    expect(memorySizes.filter((size) => size === 1024)).toHaveLength(4 * 2);
    expect(md).toContain('1024 MB');
    expect(md).toContain('| NotifyFunction | 280 / 280 | 250 / 250 | 170 / 170 | 150 / 150 | 0.61× | 0.60× | 0.89× | 0.88× |');
  });
});

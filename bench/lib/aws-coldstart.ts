/**
 * Cold starts on deployed stacks, the lambda-perf way: for each run, change an environment variable (Lambda then
 * starts every next invocation in a new execution environment), wait until the update is done, invoke once and read
 * `Init Duration` from the invocation's REPORT record. The REPORT comes from the log tail of the Invoke answer
 * (LogType Tail), or from CloudWatch Logs when the tail does not hold it.
 *
 * The template logs in JSON with SystemLogLevel WARN, which filters Lambda's INFO-level `platform.report` out, so
 * the same configuration update sets SystemLogLevel INFO for the duration of the benchmark; the function's original
 * environment and logging configuration are put back at the end.
 */
import { CloudFormationClient, paginateListStackResources } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  GetFunctionConfigurationCommand,
  InvokeCommand,
  LambdaClient,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionUpdatedV2,
  type FunctionConfiguration,
  type LoggingConfig,
} from '@aws-sdk/client-lambda';
import { summarize } from '../../src/shared/stats';

export const NONCE_VARIABLE = 'BENCH_COLD_START_NONCE';

export interface AwsBenchClients {
  cloudFormation: CloudFormationClient;
  lambda: LambdaClient;
  logs: CloudWatchLogsClient;
}

export interface StackFunction {
  logicalId: string;
  functionName: string;
}

export interface Report {
  requestId?: string;
  durationMs: number;
  billedDurationMs?: number;
  memorySizeMb?: number;
  maxMemoryUsedMb?: number;
  /** Absent when the invocation did not start a new execution environment. */
  initDurationMs?: number;
}

/** The Lambda functions of a stack, from its resources (physical id = function name). */
export const stackFunctions = async (cloudFormation: CloudFormationClient, stackName: string): Promise<StackFunction[]> => {
  const functions: StackFunction[] = [];
  for await (const page of paginateListStackResources({ client: cloudFormation }, { StackName: stackName })) {
    for (const resource of page.StackResourceSummaries ?? []) {
      if (resource.ResourceType === 'AWS::Lambda::Function' && resource.LogicalResourceId && resource.PhysicalResourceId) {
        functions.push({ logicalId: resource.LogicalResourceId, functionName: resource.PhysicalResourceId });
      }
    }
  }
  return functions.sort((a, b) => a.logicalId.localeCompare(b.logicalId));
};

const TEXT_REPORT = /^REPORT RequestId: (\S+)\s+Duration: ([\d.]+) ms\s+Billed Duration: (\d+) ms\s+Memory Size: (\d+) MB\s+Max Memory Used: (\d+) MB(?:\s+Init Duration: ([\d.]+) ms)?/m;

interface PlatformReport {
  type?: string;
  record?: { requestId?: string; metrics?: { durationMs?: number; billedDurationMs?: number; memorySizeMB?: number; maxMemoryUsedMB?: number; initDurationMs?: number } };
}

const parseJsonReport = (line: string): Report | undefined => {
  if (!line.includes('platform.report')) return undefined;
  try {
    const { type, record } = JSON.parse(line) as PlatformReport;
    const metrics = record?.metrics;
    if (type !== 'platform.report' || typeof metrics?.durationMs !== 'number') return undefined;
    return {
      requestId: record?.requestId,
      durationMs: metrics.durationMs,
      billedDurationMs: metrics.billedDurationMs,
      memorySizeMb: metrics.memorySizeMB,
      maxMemoryUsedMb: metrics.maxMemoryUsedMB,
      initDurationMs: metrics.initDurationMs,
    };
  } catch {
    return undefined;
  }
};

/**
 * The REPORT record in a piece of function log, in the text format (`REPORT RequestId: … Init Duration: 180.24 ms`)
 * or the JSON one (`{"type":"platform.report","record":{"metrics":{"initDurationMs":180.24,…}}}`). With a request
 * id, only that invocation's record counts.
 */
export const parseReport = (log: string, requestId?: string): Report | undefined => {
  for (const line of log.split('\n').reverse()) {
    const json = parseJsonReport(line.trim());
    if (json && (!requestId || json.requestId === requestId)) return json;
    const text = TEXT_REPORT.exec(line);
    if (text && (!requestId || text[1] === requestId)) {
      return {
        requestId: text[1],
        durationMs: Number(text[2]),
        billedDurationMs: Number(text[3]),
        memorySizeMb: Number(text[4]),
        maxMemoryUsedMb: Number(text[5]),
        ...(text[6] ? { initDurationMs: Number(text[6]) } : {}),
      };
    }
  }
  return undefined;
};

/** Logging that keeps REPORT records: JSON format drops them below SystemLogLevel INFO. */
export const reportingLoggingConfig = (current: LoggingConfig | undefined): LoggingConfig | undefined =>
  current?.LogFormat === 'JSON' && current.SystemLogLevel === 'WARN' ? { ...current, SystemLogLevel: 'INFO' } : undefined;

export interface ColdStartOptions {
  runs: number;
  /** Memory size to measure at (Lambda's CPU share grows with it); the function's own size is restored after. */
  memoryMb?: number;
  /** The architecture the function must be deployed with; measuring refuses another one. */
  architecture?: 'x86_64' | 'arm64';
  /** Invocation payload (JSON). Init does not depend on the event; `{}` keeps runs free of side effects. */
  payload: string;
  /** Longest wait for a configuration update, in seconds. */
  maxWaitSeconds?: number;
  /** How long to look for a REPORT in CloudWatch Logs when the log tail lacks it. */
  logsTimeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  onRun?: (fn: StackFunction, run: number, report: Report | undefined) => void;
}

export interface FunctionColdStarts {
  logicalId: string;
  functionName: string;
  reports: Report[];
  /** Runs whose invocation showed no Init Duration (not a cold start) or no REPORT at all. */
  missing: number;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const findReportInLogs = async (clients: AwsBenchClients, logGroupName: string, requestId: string, options: ColdStartOptions): Promise<Report | undefined> => {
  const sleep = options.sleep ?? defaultSleep;
  const deadline = Date.now() + (options.logsTimeoutMs ?? 30_000);
  do {
    const { events } = await clients.logs.send(new FilterLogEventsCommand({ logGroupName, filterPattern: `"${requestId}"`, startTime: Date.now() - 15 * 60_000 }));
    const report = parseReport((events ?? []).map((event) => event.message ?? '').join('\n'), requestId);
    if (report) return report;
    await sleep(2000);
  } while (Date.now() < deadline);
  return undefined;
};

const updateAndWait = async (clients: AwsBenchClients, functionName: string, update: Pick<FunctionConfiguration, 'Environment' | 'LoggingConfig' | 'MemorySize'>, options: ColdStartOptions): Promise<void> => {
  await clients.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: functionName, ...update }));
  await waitUntilFunctionUpdatedV2({ client: clients.lambda, maxWaitTime: options.maxWaitSeconds ?? 300, minDelay: 1, maxDelay: 5 }, { FunctionName: functionName });
};

/** N forced cold starts of one function; restores its environment and logging configuration afterwards. */
export const measureFunction = async (clients: AwsBenchClients, fn: StackFunction, options: ColdStartOptions): Promise<FunctionColdStarts> => {
  const original = await clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: fn.functionName }));
  const deployed = original.Architectures?.[0] ?? 'x86_64';
  if (options.architecture && deployed !== options.architecture) {
    throw new Error(`${fn.functionName} is deployed for ${deployed}, not ${options.architecture}: deploy that grid cell with --parameter-overrides Architecture=${options.architecture}`);
  }
  const memory = options.memoryMb !== undefined && options.memoryMb !== original.MemorySize ? { MemorySize: options.memoryMb } : {};
  const variables = original.Environment?.Variables ?? {};
  const logging = reportingLoggingConfig(original.LoggingConfig);
  const logGroup = original.LoggingConfig?.LogGroup ?? `/aws/lambda/${fn.functionName}`;
  const reports: Report[] = [];
  let missing = 0;
  try {
    for (let run = 1; run <= options.runs; run += 1) {
      const nonce = `${Date.now()}-${run}`;
      await updateAndWait(clients, fn.functionName, { Environment: { Variables: { ...variables, [NONCE_VARIABLE]: nonce } }, ...memory, ...(logging ? { LoggingConfig: logging } : {}) }, options);
      const answer = await clients.lambda.send(new InvokeCommand({ FunctionName: fn.functionName, LogType: 'Tail', Payload: new TextEncoder().encode(options.payload) }));
      const requestId = answer.$metadata.requestId;
      const tail = answer.LogResult ? Buffer.from(answer.LogResult, 'base64').toString('utf8') : '';
      const report = parseReport(tail, requestId) ?? (requestId ? await findReportInLogs(clients, logGroup, requestId, options) : undefined);
      if (report?.initDurationMs === undefined) missing += 1;
      else reports.push(report);
      options.onRun?.(fn, run, report);
    }
  } finally {
    await updateAndWait(clients, fn.functionName, { Environment: { Variables: variables }, ...(memory.MemorySize ? { MemorySize: original.MemorySize } : {}), ...(logging ? { LoggingConfig: original.LoggingConfig } : {}) }, options);
  }
  return { logicalId: fn.logicalId, functionName: fn.functionName, reports, missing };
};

export interface InitSummary {
  logicalId: string;
  functionName: string;
  runs: number;
  missing: number;
  initMsP50?: number;
  initMsP90?: number;
  initMsMin?: number;
  /** Duration of the cold invocation itself (after init). */
  durationMsP50?: number;
  maxMemoryUsedMbP50?: number;
}

const round = (value: number): number => Number(value.toFixed(2));

export const summarizeColdStarts = (result: FunctionColdStarts): InitSummary => {
  const base = { logicalId: result.logicalId, functionName: result.functionName, runs: result.reports.length + result.missing, missing: result.missing };
  if (result.reports.length === 0) return base;
  const init = summarize(result.reports.map((report) => report.initDurationMs as number));
  const memory = result.reports.flatMap((report) => (report.maxMemoryUsedMb === undefined ? [] : [report.maxMemoryUsedMb]));
  return {
    ...base,
    initMsP50: round(init.p50),
    initMsP90: round(init.p90),
    initMsMin: round(init.min),
    durationMsP50: round(summarize(result.reports.map((report) => report.durationMs)).p50),
    ...(memory.length ? { maxMemoryUsedMbP50: round(summarize(memory).p50) } : {}),
  };
};

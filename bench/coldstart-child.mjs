/**
 * One cold start in this (fresh) Node process: `node coldstart-child.mjs <handler.mjs> <event.json>`.
 *
 * Like Lambda's Node.js runtime, it has `node:http` loaded before it imports the handler (the RAPID client of
 * github.com/aws/aws-lambda-nodejs-runtime-interface-client requires it at start-up), then times `await import(handler)`
 * and the first invocation with the sample event, and counts the TCP connections opened while importing (a handler
 * must make none during init).
 * Writes one JSON line to file descriptor 3 for the parent; the handler's own logs go to stdout (a pipe) as on Lambda.
 * Plain JavaScript with no imports of ours, so nothing else is loaded that Lambda would not load.
 */
import 'node:http';
import { readFileSync, writeSync } from 'node:fs';
import net from 'node:net';
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';

const [handlerFile, eventFile] = process.argv.slice(2);
const event = JSON.parse(readFileSync(eventFile, 'utf8'));
const functionName = process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'bench';
const deadline = Date.now() + 10_000;
const context = {
  functionName,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION}:123456789012:function:${functionName}`,
  memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? '512',
  awsRequestId: randomUUID(),
  logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
  logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => deadline - Date.now(),
  done: () => {},
  fail: () => {},
  succeed: () => {},
};

let connections = 0;
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function countedConnect(...args) {
  connections += 1;
  return connect.apply(this, args);
};

const describe = (result) => (result && typeof result === 'object' && 'statusCode' in result ? `HTTP ${result.statusCode}` : 'returned');

const cpuBefore = process.cpuUsage();
const started = performance.now();
const { handler } = await import(pathToFileURL(handlerFile).href);
const imported = performance.now();
const cpu = process.cpuUsage(cpuBefore);
const initConnections = connections;
let outcome;
try {
  outcome = describe(await handler(event, context));
} catch (error) {
  outcome = `threw ${error?.name ?? typeof error}`;
}
const answered = performance.now();

writeSync(
  3,
  `${JSON.stringify({
    importMs: imported - started,
    // CPU time of the import (user + system): less disturbed than wall time when the machine is busy.
    importCpuMs: (cpu.user + cpu.system) / 1000,
    firstInvokeMs: answered - imported,
    // Since the process started: Node's own start-up plus the import.
    readyMs: imported,
    maxRssKb: process.resourceUsage().maxRSS,
    initConnections,
    outcome,
  })}\n`,
);
// Keep-alive sockets and Powertools' timers must not keep a finished cold start alive.
process.exit(0);

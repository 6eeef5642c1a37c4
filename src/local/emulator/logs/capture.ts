/**
 * Captures the functions' output the way Lambda sends it to CloudWatch Logs: every line a handler writes to
 * stdout or stderr during an invocation (Powertools Logger and Metrics write there through their own Console)
 * goes to the function's log, and so do the runtime's START/END/REPORT lines. `--quiet` only decides whether
 * those lines also reach the terminal; they are captured either way.
 *
 * Handlers of every function share this process, so a line is told apart by the invocation that writes it:
 * the handler wrapper puts the function's sink on the invocation's store (src/local/emulator/lambda/invoke-store.ts,
 * an AsyncLocalStorage), which follows the handler's async work; `process.stdout.write` and
 * `process.stderr.write` are wrapped to look it up. The local stack's own console lines are written outside any
 * invocation: they may be written from code that inherited a handler's store (a state machine started by
 * CreateOrder runs in CreateOrder's), and they are not that function's output.
 */
import { invocationLogTap, type Handler } from '../lambda/runtime';
import type { LocalLog } from '../log';
import { invocationField, outsideInvocation, setInvocationField } from '../lambda/invoke-store';
import { shortFunctionName, type FunctionLogStore } from './function-log-store';

interface Sink {
  store: FunctionLogStore;
  functionName: string;
  quiet: boolean;
}

type Write = (chunk: unknown, ...rest: unknown[]) => boolean;
type Stream = { write: Write };

const SINK = Symbol('local-stack.function-log-sink');
let installs = 0;
const installed: { stream: Stream; original: Write; ours: Write }[] = [];

const textOf = (chunk: unknown, rest: readonly unknown[]): string => {
  if (typeof chunk === 'string') return chunk;
  const encoding = typeof rest[0] === 'string' ? (rest[0] as BufferEncoding) : 'utf8';
  return chunk instanceof Uint8Array ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString(encoding) : String(chunk);
};

const capturing = (original: Write): Write =>
  function (this: unknown, chunk: unknown, ...rest: unknown[]): boolean {
    const sink = installs > 0 ? (invocationField(SINK) as Sink | undefined) : undefined;
    if (!sink) return original.call(this, chunk, ...rest);
    const tap = invocationLogTap();
    for (const line of textOf(chunk, rest).split('\n')) {
      if (line.trim() === '') continue;
      const text = line.endsWith('\r') ? line.slice(0, -1) : line;
      sink.store.append(sink.functionName, text);
      tap?.(text);
    }
    if (!sink.quiet) return original.call(this, chunk, ...rest);
    const callback = rest.find((arg): arg is (error?: Error | null) => void => typeof arg === 'function');
    if (callback) process.nextTick(callback, null);
    return true;
  };

/** Wraps stdout and stderr (once per process, counted like the env overlay); returns the function that unwraps. */
export const installLogCapture = (): (() => void) => {
  if (installs++ === 0) {
    for (const stream of [process.stdout, process.stderr] as unknown as Stream[]) {
      const original = stream.write;
      const ours = capturing(original);
      stream.write = ours;
      installed.push({ stream, original, ours });
    }
  }
  let removed = false;
  return () => {
    if (removed) return;
    removed = true;
    if (--installs > 0) return;
    // Someone may have wrapped the stream after us; then ours stays in their chain and passes lines through.
    for (const { stream, original, ours } of installed.splice(0)) if (stream.write === ours) stream.write = original;
  };
};

/** The handler of one execution environment of `logicalId`, with its invocations' output captured. */
export const captureHandlerLogs = (store: FunctionLogStore, logicalId: string, quiet: boolean, handler: Handler): Handler => {
  const sink: Sink = { store, functionName: shortFunctionName(logicalId), quiet };
  return (event, context) => {
    setInvocationField(SINK, sink);
    return handler(event, context);
  };
};

/** The stack's console log, with the runtime's START/END/REPORT lines also kept in the function's log. */
export const capturingLog = (log: LocalLog, store: FunctionLogStore): LocalLog => ({
  quiet: log.quiet,
  info: (message) => outsideInvocation(() => log.info(message)),
  warn: (message) => outsideInvocation(() => log.warn(message)),
  lambda: (functionName, line) => {
    store.append(shortFunctionName(functionName), line);
    outsideInvocation(() => log.lambda(functionName, line));
  },
});

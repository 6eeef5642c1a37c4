/**
 * Captures the functions' output the way Lambda sends it to CloudWatch Logs: every line a handler writes to
 * stdout or stderr during an invocation (Powertools Logger and Metrics write there through their own Console)
 * goes to the function's log, and so do the runtime's START/END/REPORT lines. `--quiet` only decides whether
 * those lines also reach the terminal; they are captured either way.
 *
 * Handlers of every function share this process, so a line is told apart by the invocation that writes it:
 * the runtime puts the invocation's output on its scope (src/local/emulator/lambda/invoke-store.ts, an
 * AsyncLocalStorage), which follows the handler's async work; `process.stdout.write` and `process.stderr.write`
 * are wrapped to look it up. The local stack's own console lines are written outside any invocation (log.ts).
 */
import { invocationOutput } from '../lambda/invoke-store';

type Write = (chunk: unknown, ...rest: unknown[]) => boolean;
type Stream = { write: Write };

let installs = 0;
const installed: { stream: Stream; original: Write; ours: Write }[] = [];

const textOf = (chunk: unknown, rest: readonly unknown[]): string => {
  if (typeof chunk === 'string') return chunk;
  const encoding = typeof rest[0] === 'string' ? (rest[0] as BufferEncoding) : 'utf8';
  return chunk instanceof Uint8Array ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString(encoding) : String(chunk);
};

const capturing = (original: Write): Write =>
  function (this: unknown, chunk: unknown, ...rest: unknown[]): boolean {
    const output = installs > 0 ? invocationOutput() : undefined;
    if (!output) return original.call(this, chunk, ...rest);
    for (const line of textOf(chunk, rest).split('\n')) {
      if (line.trim() !== '') output.write(line.endsWith('\r') ? line.slice(0, -1) : line);
    }
    if (!output.quiet) return original.call(this, chunk, ...rest);
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

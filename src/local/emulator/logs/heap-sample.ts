/**
 * The process's heap in MB for the REPORT line's `Max Memory Used`, sampled at most every 250 ms: every
 * invocation writes a REPORT line (it is kept in the function's log even under --quiet), and
 * `process.memoryUsage()` per invocation was a measurable cost of a loaded stack.
 */
const SAMPLE_EVERY_MS = 250;
let sampledAt = -Infinity;
let heapMb = 0;

export const heapUsedMb = (now = performance.now()): number => {
  if (now - sampledAt >= SAMPLE_EVERY_MS) {
    heapMb = Math.round(process.memoryUsage().heapUsed / 1024 / 1024);
    sampledAt = now;
  }
  return heapMb;
};

/** Runs one cold start in a fresh Node process (bench/coldstart-child.mjs) and returns what it measured. */
import { spawn } from 'node:child_process';

export interface ColdStartSample {
  importMs: number;
  importCpuMs: number;
  firstInvokeMs: number;
  readyMs: number;
  maxRssKb: number;
  initConnections: number;
  /** `HTTP 500`, `returned`, `threw BenchStubException`, … */
  outcome: string;
}

export interface ColdStartRun {
  childScript: string;
  handlerFile: string;
  eventFile: string;
  env: Record<string, string>;
  /** Node binary; the project's Node 24 by default (the one running the benchmark). */
  node?: string;
}

const TIMEOUT_MS = 30_000;

export const runColdStart = (run: ColdStartRun): Promise<ColdStartSample> =>
  new Promise((resolve, reject) => {
    const child = spawn(run.node ?? process.execPath, [run.childScript, run.handlerFile, run.eventFile], {
      env: run.env,
      cwd: run.env.LAMBDA_TASK_ROOT,
      // stdout is a pipe, as on Lambda, where the function's log lines go to the runtime through one.
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    });
    child.stdout?.resume();
    let result = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.stdio[3]?.on('data', (chunk: Buffer) => (result += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = result.trim();
      if (code === 0 && line) resolve(JSON.parse(line) as ColdStartSample);
      else reject(new Error(`cold start of ${run.handlerFile} failed (${signal ?? `exit ${code}`}): ${stderr.trim().slice(-2000)}`));
    });
  });

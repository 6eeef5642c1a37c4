/**
 * Runs a moto server (https://docs.getmoto.org/en/latest/docs/server_mode.html) for the adapter integration tests:
 * `scripts/python-env.sh` provides the project's virtualenv (creating it on first use), the server listens on a
 * free port on 127.0.0.1 and is killed after the suite. Without python3 the suites are skipped, with a message.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdir, rm, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const START_TIMEOUT_MS = 30_000;
const LOCK_STALE_MS = 10 * 60_000;
/** The first run installs the Python tools (about a minute); give `beforeAll` this much. */
export const MOTO_SETUP_TIMEOUT_MS = 5 * 60_000;

/** Credentials moto accepts; never real ones. */
export const MOTO_CLIENT = { region: 'us-east-1', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } };

export interface MotoServer {
  endpoint: string;
  /** Forgets every resource, so each test starts from nothing. */
  reset(): Promise<void>;
  /** moto's own settings (`/moto-api/config`), e.g. `{ stepfunctions: { execute_state_machine: true } }`. */
  configure(config: Record<string, unknown>): Promise<void>;
  stop(): Promise<void>;
}

const pythonFound = (): boolean =>
  Boolean(process.env.PYTHON) || spawnSync('bash', ['-c', 'command -v python3'], { stdio: 'ignore' }).status === 0;

const SKIP_MESSAGE =
  'Skipping the moto integration tests: python3 was not found. Install Python 3.9+ (or set PYTHON to its path) ' +
  'and re-run; the test setup creates .venv with moto[server] itself (scripts/python-env.sh).';

/** `describe` when python3 is available, otherwise `describe.skip` plus a console message saying how to enable it. */
export const describeWithMoto = (name: string, suite: () => void): void => {
  if (pythonFound()) {
    describe(name, suite);
    return;
  }
  // Straight to stderr: jest drops console output of a file whose tests are all skipped.
  process.stderr.write(`\n${SKIP_MESSAGE}\n`);
  describe.skip(name, suite);
};

const run = (command: string, args: string[]): Promise<string> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr.trim()}`)),
    );
  });

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Integration suites run in parallel jest workers; only one may create or update .venv at a time.
 * A directory is the lock (mkdir is atomic everywhere); a lock older than any install is taken as abandoned.
 */
const withVenvLock = async <T>(work: () => Promise<T>): Promise<T> => {
  const lock = path.join(tmpdir(), `venv-lock-${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}`);
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch {
      const age = await stat(lock).then((info) => Date.now() - info.mtimeMs, () => 0);
      if (age > LOCK_STALE_MS) await rm(lock, { recursive: true, force: true });
      else await sleep(250);
    }
  }
  try {
    return await work();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
};

const venvBin = async (): Promise<string> =>
  (await withVenvLock(() => run('bash', ['scripts/python-env.sh']))).trim().split('\n').at(-1) ?? '';

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

const answers = async (endpoint: string): Promise<boolean> => {
  try {
    await fetch(`${endpoint}/moto-api/data.json`);
    return true;
  } catch {
    return false;
  }
};

const waitUntilAnswering = async (endpoint: string, child: ChildProcess, output: () => string): Promise<void> => {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await answers(endpoint))) {
    if (child.exitCode !== null) throw new Error(`moto_server exited ${child.exitCode}: ${output()}`);
    if (Date.now() > deadline) throw new Error(`moto_server did not answer on ${endpoint}: ${output()}`);
    await sleep(100);
  }
};

const stopProcess = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const forceKill = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(forceKill);
      resolve();
    });
    child.kill('SIGTERM');
  });

const post = async (url: string, body?: unknown): Promise<void> => {
  const response = await fetch(url, { method: 'POST', ...(body !== undefined && { body: JSON.stringify(body) }) });
  if (!response.ok) throw new Error(`POST ${url} answered ${response.status}: ${await response.text()}`);
};

export const startMotoServer = async (): Promise<MotoServer> => {
  const bin = await venvBin();
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn(path.join(bin, 'moto_server'), ['-H', '127.0.0.1', '-p', String(port)], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
  try {
    await waitUntilAnswering(endpoint, child, () => stderr);
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
  return {
    endpoint,
    reset: () => post(`${endpoint}/moto-api/reset`),
    configure: (config) => post(`${endpoint}/moto-api/config`, config),
    stop: () => stopProcess(child),
  };
};

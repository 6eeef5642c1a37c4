/** The local stack's settings: explicit options first, then the environment, then defaults. Read in one place. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { numberEnv } from '../config/env';

export interface LocalStackOptions {
  /** 0 = any free port. Default: PORT, else 3000. */
  port?: number;
  /** Default: LOCAL_DATA_DIR, else `<project>/.local`. */
  dataDir?: string;
  /** Multiplies timeouts, heartbeats, retry intervals, waits and visibility timeouts. Default: LOCAL_TIME_SCALE, else 1. */
  timeScale?: number;
  /** Keeps the functions' output (their logs, START/END/REPORT) off the console; GET /_local/logs still has it. */
  quiet?: boolean;
  /** Default: LOCAL_API_KEY, else generated once and kept in `<dataDir>/api-key`. */
  apiKey?: string;
  /** `Target:rate:kind[:max],...` (see faults.ts). Default: LOCAL_FAULTS. */
  faults?: string;
  /** Default: LOCAL_FAULTS_SEED, else 1. */
  faultSeed?: number;
  /** Directory holding template.yaml. Default: found upwards from the working directory. */
  projectRoot?: string;
  /** Template parameter overrides (name → value). */
  parameterOverrides?: Record<string, string>;
}

/** Every setting decided; the API key and the faults stay optional (none given: a generated key, no faults). */
export type LocalStackConfig = Required<Omit<LocalStackOptions, 'apiKey' | 'faults'>> & Pick<LocalStackOptions, 'apiKey' | 'faults'>;

export const findProjectRoot = (from: string = process.cwd()): string => {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'template.yaml'))) return dir;
    if (dirname(dir) === dir) throw new Error(`No template.yaml found in ${from} or any parent directory`);
  }
};

export const resolveConfig = (options: LocalStackOptions, env: NodeJS.ProcessEnv = process.env): LocalStackConfig => {
  const projectRoot = options.projectRoot ?? findProjectRoot();
  const timeScale = options.timeScale ?? numberEnv('LOCAL_TIME_SCALE', 1, env);
  if (!(timeScale > 0)) throw new Error(`LOCAL_TIME_SCALE must be greater than 0, got ${timeScale}`);
  const port = options.port ?? numberEnv('PORT', 3000, env);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be an integer from 0 to 65535, got ${port}`);
  return {
    port,
    dataDir: resolve(options.dataDir ?? (env.LOCAL_DATA_DIR || join(projectRoot, '.local'))),
    timeScale,
    quiet: options.quiet ?? false,
    apiKey: (options.apiKey ?? env.LOCAL_API_KEY) || undefined,
    faults: (options.faults ?? env.LOCAL_FAULTS) || undefined,
    faultSeed: options.faultSeed ?? numberEnv('LOCAL_FAULTS_SEED', 1, env),
    projectRoot,
    parameterOverrides: options.parameterOverrides ?? {},
  };
};

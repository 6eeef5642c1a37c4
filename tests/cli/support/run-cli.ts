/** Runs the `orders` CLI in-process and captures what it writes. */
import { runCli, type CliEnvironment } from '../../../src/cli/main';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export const cli = async (argv: readonly string[], options: Partial<CliEnvironment> = {}): Promise<CliResult> => {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: {},
    ...options,
  });
  return { code, stdout, stderr };
};

/** `--json` output, parsed. */
export const cliJson = async <T>(argv: readonly string[], options: Partial<CliEnvironment> = {}): Promise<T> => {
  const result = await cli([...argv, '--json'], options);
  if (result.code !== 0) throw new Error(`orders ${argv.join(' ')} exited ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
};

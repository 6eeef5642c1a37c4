/**
 * `orders console --stack-name S [--region R] [--port P]`: the web console for a deployed stack, read-only, on
 * 127.0.0.1, with its data from AWS through the same source as the other commands. (The local stack serves the
 * console itself, at /console/ on its own port.) Runs until Ctrl-C.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AwsBackend } from '../../console/server/aws-backend';
import { serveConsole } from '../../console/server/console-http';
import { ConsoleServer } from '../../console/server/console-server';
import { findProjectRoot } from '../../local/config';
import { buildLocalModel } from '../../local/emulator/template/build-model';
import { loadTemplate } from '../../local/emulator/template/load-template';
import { UsageError } from '../errors';
import type { CommandContext } from './context';

export const DEFAULT_CONSOLE_PORT = 3100;

const portOf = (text: string | undefined): number => {
  if (text === undefined) return DEFAULT_CONSOLE_PORT;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be an integer from 0 to 65535, got "${text}"`);
  return port;
};

/** dist/console, built with the project's esbuild when it is missing. */
const consoleAssets = (root: string): string => {
  const dir = join(root, 'dist', 'console');
  if (!existsSync(join(dir, 'app.js'))) execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--console'], { cwd: root, stdio: 'ignore' });
  return dir;
};

export const consoleCommand = async (context: CommandContext, values: { port?: string; 'stack-name'?: string; url?: string }): Promise<number> => {
  if (!values['stack-name']) {
    throw new UsageError('orders console is for a deployed stack (--stack-name); the local stack serves its console at http://127.0.0.1:$PORT/console/');
  }
  const port = portOf(values.port);
  const root = findProjectRoot();
  const templatePath = join(root, 'template.yaml');
  const model = buildLocalModel(loadTemplate(templatePath), { templatePath, baseUrl: 'http://127.0.0.1' });
  const consoleServer = new ConsoleServer({
    backend: new AwsBackend({ source: context.source, stateMachines: model.stateMachines, now: context.now }),
    assetsDir: consoleAssets(root),
    now: context.now,
    onError: (error) => context.progress.note(`console: ${error instanceof Error ? error.message : String(error)}`),
  });
  const running = await serveConsole(consoleServer, port);
  context.stdout.write(`Console for ${context.source.description} (read-only): ${running.url}/console/\nCtrl-C to stop.\n`);
  await new Promise<void>((resolve) => {
    if (context.signal.aborted) return resolve();
    context.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await running.close();
  return 0;
};

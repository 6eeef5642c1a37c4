/**
 * `npm start`: the local stack on http://127.0.0.1:${PORT:-3000}. Prints the URL, the API key and a curl to
 * try; `--quiet` keeps the functions' logs off the console (`orders logs` still reads them). Ctrl-C stops
 * cleanly (pollers drained, running executions marked ABORTED, database closed); a busy port ends with a clear
 * message and exit code 1, like every error at start-up.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { findProjectRoot } from './config';
import { buildLocalModel } from './emulator/template/build-model';
import { loadTemplate } from './emulator/template/load-template';
import type { LocalModel } from './emulator/template/local-model';
import type { LocalStack } from './stack';

const USAGE = `Usage: npm start [-- --quiet]
Environment: PORT (3000), LOCAL_TIME_SCALE (1), LOCAL_DATA_DIR (.local), LOCAL_API_KEY, LOCAL_FAULTS, LOCAL_FAULTS_SEED`;

/**
 * The handlers' Logger and Metrics read POWERTOOLS_* once, when their module loads: give them the template's
 * Globals environment (variables every function shares) before the stack is imported. The user's own
 * environment wins. `--quiet` does not silence them: their lines still go to the functions' logs
 * (`GET /_local/logs`, `orders logs`), only not to the console.
 */
const applySharedEnvironment = (model: LocalModel): void => {
  const [first, ...rest] = model.functions.map((f) => f.environment);
  for (const [key, value] of Object.entries(first ?? {})) {
    if (rest.every((env) => env[key] === value)) process.env[key] ??= value;
  }
};

/** The curl lines for the POST route with a request model, its body from the sample event the tests load too. */
const tryIt = (root: string, { services: { model }, url, apiKey }: LocalStack): string[] => {
  const routes = model.apis.flatMap((a) => a.routes);
  const create = routes.find((r) => r.method === 'POST' && r.requestModel && r.functionLogicalId);
  const entry = model.functions.find((f) => f.logicalId === create?.functionLogicalId)?.entry;
  const event = join(root, 'events', `${entry}.json`);
  if (!create || !entry || !existsSync(event)) return [];
  const body = JSON.stringify(JSON.parse((JSON.parse(readFileSync(event, 'utf8')) as { body: string }).body));
  const byId = routes.find((r) => r.method === 'GET' && r.path.includes('{'));
  return [
    '',
    'Try it:',
    `  curl -s -X ${create.method} ${url}${create.path} -H 'content-type: application/json' -H 'x-api-key: ${apiKey}' \\`,
    `    -d '${body}'`,
    ...(byId ? [`  curl -s ${url}${byId.path} -H 'x-api-key: ${apiKey}'    # with the id from the answer`] : []),
  ];
};

const banner = (root: string, stack: LocalStack): string => {
  const { url, dataDir } = stack;
  const shown = relative(process.cwd(), dataDir);
  return [
    `\nLocal stack ready: ${url}   (LOCAL_TIME_SCALE=${stack.services.timeScale}, data in ${shown && !shown.startsWith('..') ? shown : dataDir})`,
    `API key: ${stack.apiKey}   (header x-api-key)`,
    `Routes: ${stack.services.model.apis.flatMap((a) => a.routes.map((r) => `${r.method} ${r.path}`)).join(', ')}`,
    `Console: ${url}/console/`,
    `Local endpoints: ${url}/_local/health  /_local/executions  /_local/queues  /_local/inventory  /_local/notifications  /_local/payments  /_local/logs`,
    ...tryIt(root, stack),
    '\nCtrl-C to stop.\n',
  ].join('\n');
};

const main = async (): Promise<void> => {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const unknown = args.filter((a) => a !== '--quiet');
  if (unknown.length > 0) throw new Error(`Unknown argument ${unknown.join(' ')}\n${USAGE}`);
  const root = findProjectRoot();
  const templatePath = join(root, 'template.yaml');
  applySharedEnvironment(buildLocalModel(loadTemplate(templatePath), { templatePath, baseUrl: 'http://127.0.0.1' }));
  const { startLocalStack } = await import('./stack');
  const stack = await startLocalStack({ quiet: args.includes('--quiet'), projectRoot: root });
  process.stdout.write(banner(root, stack));
  let signals = 0;
  const shutdown = (signal: string): void => {
    if (++signals > 1) {
      process.stderr.write('Forced exit.\n');
      process.exit(130);
    }
    process.stdout.write(`\n${signal}: stopping (draining pollers, closing the database)... press Ctrl-C again to force.\n`);
    stack.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Stop failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
};

// A busy port (PortInUseError) or a template the local stack refuses ends here: its message and exit code 1.
main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

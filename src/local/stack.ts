/**
 * Starts the whole application locally in this process: the template's API, functions, state machine, queues
 * and topics, over an embedded SQLite store. Used by `npm start` (src/local/main.ts) and by tests and tools
 * in-process.
 *
 * Restarts: orders, inventory, queue messages, notifications, execution histories and function logs are in
 * SQLite and survive. Executions that were RUNNING when the process stopped cannot be resumed (the
 * interpreter's state is in memory): a clean stop marks them ABORTED with the reason; after a crash, the next
 * start does, with an `ExecutionAborted` event that says so. The next start then compensates their orders and
 * marks them FAILED (orders/recovery.ts). Task tokens do not survive either: a late callback for one is
 * refused (InvalidToken), so the payment consumer charges nothing and refunds what it charged.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { installEnvOverlay } from './emulator/lambda/invoke-store';
import { FaultInjector } from './emulator/faults';
import { createDevApi } from './dev-api/routes';
import { ConsoleServer } from '../console/server/console-server';
import { LocalBackend } from '../console/server/local-backend';
import { CONSOLE_PREFIX, closeHttpServer, startHttpServer, type RequestHandler, type RequestScreen } from './emulator/http/server';
import { createLog } from './emulator/log';
import { installLogCapture } from './emulator/logs/capture';
import { resolveConfig, type LocalStackOptions } from './config';
import { buildServices, type LocalServices } from './services';
import { recoverAbortedOrders, type RecoveredOrder } from './orders/recovery';
import { PRIVATE_FILE_MODE, type LocalDatabase } from './emulator/store/database';
import { openOrderDatabase } from './orders/schema';
import { readCatalogue, seedInventory } from './orders/seed-inventory';
import { buildLocalModel } from './emulator/template/build-model';
import { loadTemplate } from './emulator/template/load-template';

export type { LocalStackOptions } from './config';

export interface LocalStack {
  url: string;
  apiKey: string;
  port: number;
  dataDir: string;
  /** The running services, for in-process tools and tests that need more than HTTP. */
  services: LocalServices;
  /** Orders whose execution an earlier stop or crash cut short, compensated and marked FAILED at this start. */
  recovered: RecoveredOrder[];
  stop(): Promise<void>;
}

const CATALOGUE = join('data', 'catalogue.json');
const ABORTED_BY_STOP = 'The local stack was stopped while this execution was running; local executions are not resumed after a restart.';
const ABORTED_BY_CRASH =
  'The local stack process ended (without a clean stop) while this execution was running; it was marked ABORTED at the next start. Local executions are not resumed after a restart.';

const apiKeyFor = (dataDir: string, configured: string | undefined): string => {
  if (configured) return configured;
  const file = join(dataDir, 'api-key');
  if (!existsSync(file)) writeFileSync(file, `${randomBytes(20).toString('hex')}\n`, { mode: PRIVATE_FILE_MODE });
  chmodSync(file, PRIVATE_FILE_MODE);
  return readFileSync(file, 'utf8').trim();
};

export const startLocalStack = async (options: LocalStackOptions = {}): Promise<LocalStack> => {
  const config = resolveConfig(options);
  const log = createLog(config.quiet);
  let handler: RequestHandler | undefined;
  let screen: RequestScreen | undefined;
  const { server, port } = await startHttpServer(config.port, () => handler, log, () => screen);
  const url = `http://127.0.0.1:${port}`;
  const removeEnvOverlay = installEnvOverlay();
  const removeLogCapture = installLogCapture();
  let db: LocalDatabase | undefined;
  let services: LocalServices | undefined;
  let consoleServer: ConsoleServer | undefined;
  // Both the stop and a failed start: releases whatever was set up, in the order that lets work in flight end.
  const shutdown = async (): Promise<void> => {
    consoleServer?.close();
    await closeHttpServer(server);
    if (services) {
      await Promise.all(services.pollers.map((p) => p.stop()));
      await Promise.all(services.runners.map((r) => r.stop(ABORTED_BY_STOP)));
      await services.lambda.drain();
      services.executions.close();
      services.logs.close();
    }
    db?.close();
    removeEnvOverlay();
    removeLogCapture();
  };
  try {
    const templatePath = join(config.projectRoot, 'template.yaml');
    const model = buildLocalModel(loadTemplate(templatePath), { templatePath, baseUrl: url, parameterOverrides: config.parameterOverrides });
    db = openOrderDatabase(config.dataDir);
    const seeded = seedInventory(db, readCatalogue(join(config.projectRoot, CATALOGUE)));
    const apiKey = apiKeyFor(config.dataDir, config.apiKey);
    const faults = new FaultInjector(config.faults, config.faultSeed);
    const running = buildServices({ model, db, baseUrl: url, apiKey, timeScale: config.timeScale, log, faults });
    services = running;
    const aborted = running.executions.abortRunning(ABORTED_BY_CRASH);
    if (seeded > 0) log.info(`Seeded ${seeded} products from ${CATALOGUE}`);
    if (aborted.length > 0) log.warn(`Marked ${aborted.length} execution(s) ABORTED: they were running when the local stack last stopped`);
    // Before the pollers and the API: a stale payment message then finds its order FAILED.
    const recovered = await recoverAbortedOrders({ ...running, log });
    for (const poller of running.pollers) poller.start();
    const devApi = createDevApi(running, { eventsDir: join(config.projectRoot, 'events') });
    // The /_local API and the console are the stack's own pages, not routes of the emulated REST API: no API key.
    screen = (head) =>
      head.url.pathname.startsWith(CONSOLE_PREFIX) || ConsoleServer.owns(head.url.pathname) ? undefined : running.api.screen(head);
    const consoleApp = new ConsoleServer({
      backend: new LocalBackend({ services: running, devApi, url, apiKey }),
      assetsDir: join(config.projectRoot, 'dist', 'console'),
      onError: (error) => log.warn(`Console error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
    });
    consoleServer = consoleApp;
    handler = (req) => {
      if (req.url.pathname.startsWith(CONSOLE_PREFIX)) return devApi(req);
      return ConsoleServer.owns(req.url.pathname) ? consoleApp.handle(req) : running.api.handle(req);
    };
    let stopping: Promise<void> | undefined;
    return { url, apiKey, port, dataDir: config.dataDir, services: running, recovered, stop: () => (stopping ??= shutdown()) };
  } catch (error) {
    await shutdown();
    throw error;
  }
};

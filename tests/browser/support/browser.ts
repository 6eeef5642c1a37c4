/**
 * The system Chromium for the console's browser tests (its Playwright build cannot be downloaded here). Without it
 * the tests are skipped with the reason in their name, except under CI=true, where a missing browser fails them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { findProjectRoot } from '../../../src/local/config';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const ROOT = findProjectRoot();
const available = existsSync(CHROMIUM);
const required = process.env.CI === 'true';
export const SKIP_REASON = `SKIPPED: no Chromium at ${CHROMIUM} (install it with: apt-get install -y chromium)`;

/** `describe`, or `describe.skip` with the reason when there is no browser and CI does not require one. */
export const describeInBrowser = (name: string, body: () => void): void => {
  if (available || required) {
    describe(name, body);
    return;
  }
  console.warn(`${name}: ${SKIP_REASON}`);
  describe.skip(`${name} — ${SKIP_REASON}`, body);
};

/** Builds dist/console with the project's esbuild, as `npm start` does. */
export const buildConsole = (): void => {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--console'], { cwd: ROOT, stdio: 'pipe' });
};

export interface Browser {
  context: BrowserContext;
  /** Errors the console's pages printed or threw, with the page they happened on. */
  errors: string[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export const launchBrowser = async (): Promise<Browser> => {
  if (!available) throw new Error(`CI=true and no Chromium at ${CHROMIUM}: the console's browser tests cannot run (apt-get install -y chromium)`);
  const userDataDir = mkdtempSync(join(tmpdir(), 'console-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1400, height: 1000 } });
  const errors: string[] = [];
  return {
    context,
    errors,
    newPage: async () => {
      const page = await context.newPage();
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
      return page;
    },
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
};

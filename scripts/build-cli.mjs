/**
 * Bundles the `orders` CLI (src/cli/main.ts) into dist/cli/orders.mjs with esbuild. bin/orders.mjs calls this on
 * demand when the bundle is missing or older than the sources, so `npx orders` needs no separate build step;
 * `npm run build:cli` does it ahead of time. Dependencies stay external: the CLI runs inside the project, next to
 * its node_modules.
 */
import { mkdir, readdir, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { nodeToolOptions } from './node-tool-options.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE = path.join(ROOT, 'dist', 'cli', 'orders.mjs');
const ENTRY = path.join(ROOT, 'src', 'cli', 'main.ts');
/** What the bundle is made of: a change in any of these makes it stale. */
const INPUTS = [path.join(ROOT, 'src'), path.join(ROOT, 'package.json')];

const newestMtime = async (target) => {
  const info = await stat(target).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(target, { withFileTypes: true });
  const times = await Promise.all(entries.map((entry) => newestMtime(path.join(target, entry.name))));
  return Math.max(info.mtimeMs, ...times);
};

export const isStale = async () => {
  const bundle = await stat(BUNDLE).catch(() => undefined);
  if (!bundle) return true;
  const inputs = await Promise.all(INPUTS.map(newestMtime));
  return Math.max(...inputs) > bundle.mtimeMs;
};

export const buildCli = async () => {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch (error) {
    throw new Error(`The orders CLI is not built (${path.relative(ROOT, BUNDLE)}) and esbuild is not installed: run \`npm install\` first`, { cause: error });
  }
  await mkdir(path.dirname(BUNDLE), { recursive: true });
  // Build to a private file and rename: two `orders` started at once never import a half-written bundle.
  const temporary = `${BUNDLE}.${process.pid}.tmp`;
  await esbuild.build({
    entryPoints: [ENTRY],
    outfile: temporary,
    ...nodeToolOptions,
    sourcemap: 'inline',
  });
  await rename(temporary, BUNDLE);
  return BUNDLE;
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const bundle = await buildCli();
  console.log(`Built ${path.relative(ROOT, bundle)}`);
}

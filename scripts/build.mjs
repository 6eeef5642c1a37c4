#!/usr/bin/env node
/**
 * esbuild builds of the project. Each profile is one entry of PROFILES (entry points, output, esbuild options);
 * add a profile there and it becomes `node scripts/build.mjs --<name>`.
 *
 *   node scripts/build.mjs --local     dist/local/server.mjs: the local stack (`npm start`), and
 *                                      dist/local/latency-bench.mjs: POST → COMPLETED timing
 *   node scripts/build.mjs --console   dist/console/app.js + app.css: the web console's browser bundle, served
 *                                      by the local stack and `orders console` under /console/
 *
 * With no flag, every profile is built.
 */
import './require-project-node.cjs';
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeToolOptions } from './node-tool-options.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Gives the ESM bundle a real `require` for the CommonJS code bundled into it. */
const requireBanner = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/**
 * patches/ fixes a bug of aws-local-stepfunctions (States.JsonToString) when `npm ci` runs patch-package; an install
 * with --ignore-scripts skips it, and the local stack would then write invalid JSON causes without a word.
 */
const requirePatchedLibraries = () => {
  const library = readFileSync(join(root, 'node_modules/aws-local-stepfunctions/build/main.node.esm.js'), 'utf8');
  if (library.includes('patch: States.JsonToString')) return;
  console.error('node_modules/aws-local-stepfunctions is not patched: run `npm ci` (with its install scripts) or `npx patch-package`.');
  process.exit(1);
};

const PROFILES = {
  local: {
    description: 'the local stack, run from this checkout (dependencies stay in node_modules)',
    preflight: requirePatchedLibraries,
    clean: 'dist/local',
    options: {
      entryPoints: { server: 'src/local/main.ts', 'latency-bench': 'src/local/latency-bench.ts' },
      outdir: 'dist/local',
      outExtension: { '.js': '.mjs' },
      ...nodeToolOptions,
      sourcemap: true,
      banner: { js: requireBanner },
    },
  },
  console: {
    description: 'the web console, one browser bundle (no CDN)',
    clean: 'dist/console',
    options: {
      entryPoints: { app: 'src/console/app/main.ts' },
      outdir: 'dist/console',
      bundle: true,
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      minify: true,
      sourcemap: 'linked',
      legalComments: 'none',
      logLevel: 'warning',
    },
  },
};

const requested = process.argv.slice(2).filter((a) => a.startsWith('--')).map((a) => a.slice(2));
const unknown = requested.filter((name) => !(name in PROFILES));
if (unknown.length > 0) {
  console.error(`Unknown build profile ${unknown.join(', ')}; known: ${Object.keys(PROFILES).join(', ')}`);
  process.exit(2);
}

for (const name of requested.length > 0 ? requested : Object.keys(PROFILES)) {
  const profile = PROFILES[name];
  const started = performance.now();
  profile.preflight?.();
  if (profile.clean) rmSync(join(root, profile.clean), { recursive: true, force: true });
  await build({ absWorkingDir: root, ...profile.options });
  console.error(`built ${name} (${profile.description}) in ${Math.round(performance.now() - started)} ms`);
}

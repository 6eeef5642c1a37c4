#!/usr/bin/env node
/**
 * Runs a TypeScript entry point of scripts/ or bench/ on the project's Node: `node scripts/run-ts.mjs <file.ts> [args]`.
 *
 * Node 24 strips types but cannot resolve the extensionless imports the project uses between TS files, so esbuild
 * bundles the entry (our modules inlined, packages left to Node) into node_modules/.cache and Node imports that.
 * Same toolchain as the Lambda bundles, no extra dependency, and source maps point stack traces at the .ts lines.
 */
import './require-project-node.cjs';
import { build } from 'esbuild';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { nodeToolOptions } from './node-tool-options.mjs';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs <file.ts> [args…]');
  process.exit(2);
}

const cacheDir = path.resolve('node_modules/.cache/run-ts');
// One file per process, so a build and a benchmark can run side by side without overwriting each other.
const outfile = path.join(cacheDir, `${path.basename(entry, '.ts')}-${process.pid}.mjs`);
mkdirSync(cacheDir, { recursive: true });
await build({
  entryPoints: [entry],
  outfile,
  ...nodeToolOptions,
  sourcemap: 'inline',
});

process.setSourceMapsEnabled(true);
process.argv = [process.argv[0], path.resolve(entry), ...args];
try {
  await import(pathToFileURL(outfile).href);
} finally {
  rmSync(outfile, { force: true });
}

#!/usr/bin/env node
// The `orders` CLI. Its code is TypeScript under src/cli; this file (re)builds the bundle when it is missing or
// older than the sources, then runs it, so `npx orders …` works straight after `npm install`.
import '../scripts/require-project-node.cjs';
import { pathToFileURL } from 'node:url';
import { BUNDLE, buildCli, isStale } from '../scripts/build-cli.mjs';

try {
  if (await isStale()) await buildCli();
} catch (error) {
  process.stderr.write(`orders: cannot build the CLI: ${error.message}\n`);
  process.exit(1);
}
const { main } = await import(pathToFileURL(BUNDLE).href);
await main();

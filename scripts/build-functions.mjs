#!/usr/bin/env node
/**
 * `npm run build -- --profile <standard|arm-min>`: bundles every function of template.yaml with a profile of
 * build-profiles.json into .aws-sam/<profile>/ (see scripts/build/). The logic is TypeScript, run through run-ts.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const runTs = fileURLToPath(new URL('./run-ts.mjs', import.meta.url));
const cli = fileURLToPath(new URL('./build/cli.ts', import.meta.url));
const { status } = spawnSync(process.execPath, [runTs, cli, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(status ?? 1);

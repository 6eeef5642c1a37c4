/**
 * `npm run bench:imports [-- --runs 15]`: what each SDK client, Middy middleware and Powertools utility adds to a
 * cold start, per build profile. Writes bench/results/import-costs.{json,md}.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { importCostsMarkdown, measureImportCosts } from './lib/import-costs';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' }, profiles: { type: 'string', default: 'standard,arm-min' }, out: { type: 'string', default: 'bench/results' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got ${values.runs}`);
const profiles = (values.profiles ?? '').split(',').filter(Boolean);

const costs = await measureImportCosts({
  root: process.cwd(),
  runs,
  profiles,
  progress: (done, total, label) => {
    if (process.stderr.isTTY) process.stderr.write(`\r[${done}/${total}] ${label}`.padEnd(100).slice(0, 100));
    else if (done % 50 === 0) console.error(`[${done}/${total}] ${label}`);
  },
});
if (process.stderr.isTTY) process.stderr.write('\n');
const outDir = path.resolve(values.out ?? 'bench/results');
mkdirSync(outDir, { recursive: true });
const md = importCostsMarkdown(costs, runs, profiles);
writeFileSync(path.join(outDir, 'import-costs.json'), `${JSON.stringify({ generatedAt: new Date().toISOString(), node: process.version, runs, costs }, null, 2)}\n`);
writeFileSync(path.join(outDir, 'import-costs.md'), md);
console.log(md);

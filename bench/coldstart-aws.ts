/**
 * `npm run bench:coldstart:aws -- [--cell standard/x86_64=sam-order-workflow …] [--memory 1024] [--runs 20]
 *   [--region eu-west-1] [--functions CreateOrderFunction,…] [--event empty|sample] [--concurrency 4]`
 *
 * Forced cold starts of every function in the 2 × 2 grid bundle × architecture (one deployed stack per cell, see
 * docs/cold-starts.md), all at one memory size, Init Duration p50/p90 per function and cell. Needs AWS credentials
 * allowed to read the stacks and to update and invoke the functions. Writes bench/results/coldstart-aws.{json,md}.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { loadTemplate } from '../src/local/emulator/template/load-template';
import { templateFunctions } from '../scripts/build/template-functions';
import { cellName, DEFAULT_GRID, gridMarkdown, measureGrid, parseCell } from './lib/aws-grid';

const { values } = parseArgs({
  options: {
    cell: { type: 'string', multiple: true },
    memory: { type: 'string', default: '1024' },
    runs: { type: 'string', default: '20' },
    region: { type: 'string' },
    functions: { type: 'string', default: '' },
    event: { type: 'string', default: 'empty' },
    concurrency: { type: 'string', default: '4' },
    out: { type: 'string', default: 'bench/results' },
  },
});
const positive = (name: string, value: string | undefined): number => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new Error(`--${name} must be a positive integer, got ${value}`);
  return number;
};
const runs = positive('runs', values.runs);
const memoryMb = positive('memory', values.memory);
const cells = values.cell?.length ? values.cell.map(parseCell) : DEFAULT_GRID;
const root = process.cwd();
const entryNames = new Map(templateFunctions(loadTemplate(path.join(root, 'template.yaml')), root).map((fn) => [fn.logicalId, fn.name]));
const payloadFor = (logicalId: string): string => {
  const file = path.join(root, 'events', `${entryNames.get(logicalId) ?? logicalId}.json`);
  return values.event === 'sample' && existsSync(file) ? readFileSync(file, 'utf8') : '{}';
};

const config = values.region ? { region: values.region } : {};
const clients = { cloudFormation: new CloudFormationClient(config), lambda: new LambdaClient(config), logs: new CloudWatchLogsClient(config) };
console.error(`${cells.length} cells (${cells.map(cellName).join(', ')}), ${runs} cold starts per function at ${memoryMb} MB`);
const results = await measureGrid(clients, cells, {
  runs,
  memoryMb,
  only: (values.functions ?? '').split(',').filter(Boolean),
  concurrency: positive('concurrency', values.concurrency),
  payloadFor,
  onRun: (cell, fn, run, report) => console.error(`  ${cellName(cell)} ${fn.logicalId} ${run}/${runs}: ${report?.initDurationMs === undefined ? 'no Init Duration' : `init ${report.initDurationMs} ms`}`),
});

const markdown = gridMarkdown(results, runs);
const outDir = path.resolve(values.out ?? 'bench/results');
mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, 'coldstart-aws.json'), `${JSON.stringify({ generatedAt: new Date().toISOString(), runs, memoryMb, results }, null, 2)}\n`);
writeFileSync(path.join(outDir, 'coldstart-aws.md'), markdown);
console.log(markdown);

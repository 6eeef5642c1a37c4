/**
 * `npm run bench:coldstart:aws -- [--stack standard=sam-order-workflow] [--stack arm-min=sam-order-workflow-arm-min]
 *   [--runs 20] [--region eu-west-1] [--functions CreateOrderFunction,…] [--event empty|sample] [--concurrency 4]`
 *
 * Forced cold starts of every function of each deployed stack (one stack per build profile), Init Duration p50/p90
 * per function and profile. Needs AWS credentials allowed to read the stacks and to update and invoke the
 * functions. Writes bench/results/coldstart-aws.{json,md}.
 */
import { readFileSync, mkdirSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { ratio } from '../src/shared/stats';
import { loadTemplate } from '../src/local/emulator/template/load-template';
import { templateFunctions } from '../scripts/build/template-functions';
import { mapWithConcurrency, measureFunction, stackFunctions, summarizeColdStarts, type InitSummary } from './lib/aws-coldstart';

const DEFAULT_STACKS = ['standard=sam-order-workflow', 'arm-min=sam-order-workflow-arm-min'];

const { values } = parseArgs({
  options: {
    stack: { type: 'string', multiple: true },
    runs: { type: 'string', default: '20' },
    region: { type: 'string' },
    functions: { type: 'string', default: '' },
    event: { type: 'string', default: 'empty' },
    concurrency: { type: 'string', default: '4' },
    out: { type: 'string', default: 'bench/results' },
  },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got ${values.runs}`);
const stacks = (values.stack?.length ? values.stack : DEFAULT_STACKS).map((spec) => {
  const [profile, stackName] = spec.split('=');
  if (!profile || !stackName) throw new Error(`--stack takes profile=stack-name, got ${spec}`);
  return { profile, stackName };
});
const only = (values.functions ?? '').split(',').filter(Boolean);
const root = process.cwd();
const entryNames = new Map(templateFunctions(loadTemplate(path.join(root, 'template.yaml')), root).map((fn) => [fn.logicalId, fn.name]));
const payloadFor = (logicalId: string): string => {
  const file = path.join(root, 'events', `${entryNames.get(logicalId) ?? logicalId}.json`);
  return values.event === 'sample' && existsSync(file) ? readFileSync(file, 'utf8') : '{}';
};

const config = values.region ? { region: values.region } : {};
const clients = { cloudFormation: new CloudFormationClient(config), lambda: new LambdaClient(config), logs: new CloudWatchLogsClient(config) };
const results: Record<string, InitSummary[]> = {};
for (const { profile, stackName } of stacks) {
  const functions = (await stackFunctions(clients.cloudFormation, stackName)).filter((fn) => only.length === 0 || only.includes(fn.logicalId));
  console.error(`${profile}: ${functions.length} functions in ${stackName}, ${runs} cold starts each`);
  const measured = await mapWithConcurrency(functions, Number(values.concurrency) || 1, (fn) =>
    measureFunction(clients, fn, {
      runs,
      payload: payloadFor(fn.logicalId),
      onRun: (f, run, report) => console.error(`  ${profile} ${f.logicalId} ${run}/${runs}: ${report?.initDurationMs === undefined ? 'no Init Duration' : `init ${report.initDurationMs} ms`}`),
    }),
  );
  results[profile] = measured.map(summarizeColdStarts);
}

const logicalIds = [...new Set(Object.values(results).flatMap((list) => list.map((s) => s.logicalId)))].sort();
const profiles = stacks.map((s) => s.profile);
const cell = (s: InitSummary | undefined): string => (s?.initMsP50 === undefined ? '–' : `${s.initMsP50.toFixed(0)} / ${s.initMsP90?.toFixed(0)}`);
const lines = [
  `| Function | ${profiles.map((p) => `${p} init p50 / p90 ms`).join(' | ')} | arm-min ÷ standard |`,
  `| --- | ${profiles.map(() => '---:').join(' | ')} | ---: |`,
  ...logicalIds.map((id) => {
    const byProfile = Object.fromEntries(profiles.map((p) => [p, results[p]?.find((s) => s.logicalId === id)]));
    const r = ratio(byProfile['arm-min']?.initMsP50, byProfile.standard?.initMsP50);
    return `| ${id} | ${profiles.map((p) => cell(byProfile[p])).join(' | ')} | ${r === undefined ? '–' : `${r.toFixed(2)}×`} |`;
  }),
];
const markdown = [`# Init Duration on AWS (\`npm run bench:coldstart:aws\`), ${runs} forced cold starts per function`, '', ...lines, ''].join('\n');
const outDir = path.resolve(values.out ?? 'bench/results');
mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, 'coldstart-aws.json'), `${JSON.stringify({ generatedAt: new Date().toISOString(), runs, stacks, results }, null, 2)}\n`);
writeFileSync(path.join(outDir, 'coldstart-aws.md'), markdown);
console.log(markdown);

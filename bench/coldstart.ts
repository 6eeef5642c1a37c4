/**
 * `npm run bench:coldstart [-- --runs 20 --profiles standard,arm-min --functions CreateOrderFunction,notify]`
 * Measures every function of template.yaml in every build profile in fresh Node processes and writes
 * bench/results/coldstart.{json,md,svg}. `--render-only` rewrites the Markdown and the chart from the JSON.
 * See bench/README-coldstarts.md.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { markdown, svgChart, targetLines, textTable } from './lib/render';
import { checkTargets, functionRatios, withPredictions, type ColdStartReport } from './lib/report';
import { runBenchmark } from './lib/run-benchmark';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '20' },
    profiles: { type: 'string', default: 'standard,arm-min' },
    functions: { type: 'string', default: '' },
    out: { type: 'string', default: 'bench/results' },
    'render-only': { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got ${values.runs}`);
const list = (value: string | undefined): string[] => (value ?? '').split(',').map((item) => item.trim()).filter(Boolean);

const outDir = path.resolve(values.out ?? 'bench/results');
const interactive = process.stderr.isTTY;
let lastPercent = -1;
const started = Date.now();

/** A saved report with its derived figures (ratios, targets, predictions) computed again by the current code. */
const rerender = (saved: ColdStartReport): ColdStartReport => {
  const functions = saved.functions.map((fn) => ({ ...fn, ratios: functionRatios(fn.profiles) }));
  return withPredictions({ ...saved, functions, targets: checkTargets(functions) });
};

const measure = (): Promise<ColdStartReport> => runBenchmark({
  root: process.cwd(),
  runs,
  profiles: list(values.profiles),
  only: list(values.functions),
  log: (line) => console.error(line),
  progress: (done, total, label) => {
    const percent = Math.floor((done / total) * 100);
    const eta = done ? Math.round(((Date.now() - started) / done) * (total - done) / 1000) : 0;
    const line = `[${String(percent).padStart(3)}%] ${done}/${total} cold starts, ~${eta}s left · ${label}`;
    if (interactive) process.stderr.write(`\r${line.padEnd(110).slice(0, 110)}`);
    else if (percent % 10 === 0 && percent !== lastPercent) console.error(line);
    lastPercent = percent;
  },
});

const report = values['render-only'] ? rerender(JSON.parse(readFileSync(path.join(outDir, 'coldstart.json'), 'utf8')) as ColdStartReport) : await measure();
if (interactive && !values['render-only']) process.stderr.write('\n');
mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, 'coldstart.json'), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(path.join(outDir, 'coldstart.md'), markdown(report));
writeFileSync(path.join(outDir, 'coldstart.svg'), svgChart(report));

console.log(textTable(report));
console.log('');
for (const note of report.notes) console.log(`· ${note}`);
console.log('');
for (const line of targetLines(report)) console.log(line);
const connected = report.functions.filter((fn) => Object.values(fn.profiles).some((m) => m.initConnections > 0));
if (connected.length) console.log(`✗ network calls during init: ${connected.map((fn) => fn.logicalId).join(', ')}`);
else console.log('✓ no function opened a connection during init');
console.log(`\nwrote ${path.relative(process.cwd(), outDir)}/coldstart.{json,md,svg}`);

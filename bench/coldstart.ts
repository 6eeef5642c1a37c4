/**
 * `npm run bench:coldstart [-- --runs 15 --functions CreateOrderFunction,notify --ablation CreateOrderFunction,NotifyFunction
 *   --no-ablation --no-compile-cache --no-error-path --render-only]`
 * Measures every function of template.yaml with both build profiles, their SDK floors, the ablation variants and a
 * compile-cache variant in fresh Node processes, in interleaved rounds, and writes bench/results/coldstart.{json,md,svg}.
 * `--render-only` recomputes the ratios and rewrites the Markdown and the chart from the JSON. See docs/cold-starts.md.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { consoleReport, markdown, svgChart } from './lib/render';
import { recomputeRatios, type ColdStartReport } from './lib/report';
import { runBenchmark } from './lib/run-benchmark';

/** The ablation's default subset: the heaviest API function (two clients) and a task function with another client. */
const DEFAULT_ABLATION = 'CreateOrderFunction,NotifyFunction';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '15' },
    functions: { type: 'string', default: '' },
    ablation: { type: 'string', default: DEFAULT_ABLATION },
    'no-ablation': { type: 'boolean', default: false },
    'no-compile-cache': { type: 'boolean', default: false },
    'no-error-path': { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench/results' },
    'render-only': { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 2) throw new Error(`--runs must be an integer ≥ 2 (an interval needs rounds), got ${values.runs}`);
const list = (value: string | undefined): string[] => (value ?? '').split(',').map((item) => item.trim()).filter(Boolean);

const outDir = path.resolve(values.out ?? 'bench/results');
const interactive = process.stderr.isTTY;
let lastPercent = -1;
const started = Date.now();

const measure = (): Promise<ColdStartReport> => {
  const only = list(values.functions);
  // The ablation runs on its subset only when the run includes those functions.
  const ablation = values['no-ablation'] ? [] : list(values.ablation).filter((id) => only.length === 0 || only.includes(id));
  return runBenchmark({
    root: process.cwd(),
    runs,
    only,
    ablation,
    compileCache: !values['no-compile-cache'],
    errorPath: !values['no-error-path'],
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
};

const report = values['render-only'] ? recomputeRatios(JSON.parse(readFileSync(path.join(outDir, 'coldstart.json'), 'utf8')) as ColdStartReport) : await measure();
if (interactive && !values['render-only']) process.stderr.write('\n');
mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, 'coldstart.json'), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(path.join(outDir, 'coldstart.md'), markdown(report));
writeFileSync(path.join(outDir, 'coldstart.svg'), svgChart(report));

console.log(consoleReport(report));
const connected = report.functions.filter((fn) => Object.values(fn.profiles).some((m) => m.initConnections > 0));
if (connected.length) console.log(`✗ network calls during init: ${connected.map((fn) => fn.logicalId).join(', ')}`);
else console.log('✓ no function opened a connection during init');
console.log(`\nwrote ${path.relative(process.cwd(), outDir)}/coldstart.{json,md,svg}`);

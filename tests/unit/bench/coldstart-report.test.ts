import type { BundleSize } from '../../../scripts/build/bundle-size';
import type { BuildProfile } from '../../../scripts/build/profiles';
import type { ColdStartSample } from '../../../bench/lib/child';
import type { FunctionSetup, Target } from '../../../bench/lib/report';
import { consoleReport, markdown, svgChart, targetLines } from '../../../bench/lib/render';
import { assembleReport, measure, recomputeRatios, type ColdStartReport } from '../../../bench/lib/report';

const size = (kb: number): BundleSize => ({ bytes: kb * 1024, gzipBytes: kb * 300, initBytes: kb * 1024, initGzipBytes: kb * 300, mapBytes: 0, files: 1 });
const samples = (importMs: number[], extra: Partial<ColdStartSample> = {}): ColdStartSample[] =>
  importMs.map((ms, i) => ({ importMs: ms, importCpuMs: ms * 0.9, firstInvokeMs: 10 + i, readyMs: ms + 30, maxRssKb: 60_000 + i, initConnections: 0, outcome: 'HTTP 200', ...extra }));
const target = (key: string, importMs: number[], kb = 100, extra: Partial<ColdStartSample> = {}): Target => ({
  key,
  label: key,
  group: key.split('|')[1] ?? key,
  handlerFile: `/x/${key}.mjs`,
  eventFile: '/x/event.json',
  env: {},
  size: size(kb),
  samples: samples(importMs, extra),
});
const profile = (name: string, architecture: 'x86_64' | 'arm64'): BuildProfile => ({ name, architecture, description: '', nodeOptions: '', buildProperties: {} });
const setup = (logicalId: string): FunctionSetup => ({ logicalId, name: logicalId, event: 'events/x.json', usage: { exports: {}, clientPackages: ['@aws-sdk/client-dynamodb'] }, clientInit: 'eager' });

/** A machine that slows down in rounds 2 and 4: both targets of a round see it, so their ratio stays put. */
const noisy = (base: number): number[] => [base, base * 3, base, base * 2.5, base, base * 1.1];

const report = (): ColdStartReport =>
  assembleReport({
    runs: 6,
    environment: { node: 'v24.0.0', platform: 'linux', arch: 'x64', cpu: 'Test CPU', cpus: 2 },
    profiles: [profile('standard', 'x86_64'), profile('arm-min', 'arm64')],
    functions: [setup('GoodFunction'), setup('SlowFunction')],
    variants: [],
    ablationFunctions: [],
    targets: [
      target('empty|standard', [2, 2, 2, 2, 2, 2]),
      target('empty|arm-min', [1, 1, 1, 1, 1, 1]),
      target('fn|GoodFunction|standard', noisy(100), 1400),
      target('error|GoodFunction|standard', noisy(100), 1400, { firstInvokeMs: 120, outcome: 'HTTP 500' }),
      target('floor|GoodFunction|standard', noisy(95)),
      target('fn|GoodFunction|arm-min', noisy(40), 340),
      target('floor|GoodFunction|arm-min', noisy(38)),
      target('cache|GoodFunction', noisy(28), 340),
      target('fn|SlowFunction|standard', noisy(100)),
      target('floor|SlowFunction|standard', noisy(90)),
      target('fn|SlowFunction|arm-min', noisy(80)),
      target('floor|SlowFunction|arm-min', noisy(50)),
    ],
  });

describe('measure', () => {
  it('summarises samples into p50/p90/min, RSS, outcomes and the worst number of init connections, keeping the rounds in order', () => {
    // Act
    const m = measure(size(100), [...samples([10, 40, 30, 20]), ...samples([50], { initConnections: 1, outcome: 'threw Error' })]);

    // Assert
    expect(m).toMatchObject({ bytes: 102400, importMsP50: 30, importMsP90: 46, importMsMin: 10, importCpuMsP50: 27, initConnections: 1, outcomes: { 'HTTP 200': 4, 'threw Error': 1 } });
    expect(m.samples.importMs).toEqual([10, 40, 30, 20, 50]);
  });

  it('keeps only the size figures of what it is given (a built function also carries its metafile)', () => {
    // Arrange
    const built = { ...size(10), metafile: { inputs: {}, outputs: {} }, handlerFile: '/x/index.mjs' };

    // Act
    const m = measure(built, samples([1]));

    // Assert
    expect(m).not.toHaveProperty('metafile');
    expect(m).not.toHaveProperty('handlerFile');
  });
});

describe('assembleReport', () => {
  it('pairs ratios by round, so rounds slowed down for every target leave the ratio and its interval exact', () => {
    // Act
    const { functions } = report();
    const good = functions.find((fn) => fn.logicalId === 'GoodFunction');

    // Assert
    expect(good?.armMinOverStandard.wall).toMatchObject({ median: 0.4, low: 0.4, high: 0.4, rounds: 6 });
    expect(good?.profiles['arm-min']?.overFloor.wall?.median).toBeCloseTo(40 / 38, 6);
    expect(good?.compileCache?.overArmMin.cpu?.median).toBeCloseTo(0.7, 6);
    expect(good?.profiles.standard?.errorPath?.outcomes).toEqual({ 'HTTP 500': 6 });
    expect(good?.profiles['arm-min']?.errorPath).toBeUndefined();
  });

  it('decides the targets on the intervals: a function over the limit fails, one under it passes', () => {
    // Act
    const checks = report().targets;

    // Assert
    const verdicts = (fn: string) => Object.fromEntries(checks.filter((c) => c.function === fn).map((c) => [c.target, c.verdict]));
    expect(verdicts('GoodFunction')).toEqual({
      'import arm-min ÷ standard ≤ 0.5 (wall)': 'pass',
      'import arm-min ÷ standard ≤ 0.5 (CPU)': 'pass',
      'import arm-min ÷ SDK floor ≤ 1.15 (wall)': 'pass',
      'import arm-min ÷ SDK floor ≤ 1.15 (CPU)': 'pass',
    });
    expect(verdicts('SlowFunction')['import arm-min ÷ standard ≤ 0.5 (wall)']).toBe('fail');
    expect(verdicts('SlowFunction')['import arm-min ÷ SDK floor ≤ 1.15 (wall)']).toBe('fail');
  });

  it('recomputes the same ratios from a saved report', () => {
    // Arrange
    const saved = JSON.parse(JSON.stringify(report())) as ColdStartReport;

    // Act / Assert
    expect(recomputeRatios(saved).functions).toEqual(saved.functions);
    expect(recomputeRatios(saved).targets).toEqual(saved.targets);
  });
});

describe('rendering', () => {
  it('prints intervals, both first-invoke paths, the targets and a chart from one report', () => {
    // Arrange
    const r = report();

    // Act
    const text = consoleReport(r);
    const md = markdown(r);
    const svg = svgChart(r);

    // Assert
    expect(text).toMatch(/^Good\s+DynamoDB\s+at init\s+105\.0\s+42\.0\s+0\.40 \[0\.40–0\.40\]/m);
    expect(md).toContain('| Good | 12.5 | 12.5 | 1.00 [1.00–1.00] | HTTP 200 | 120.0 | – | – |');
    expect(targetLines(r)).toContain("✗ import arm-min ÷ standard ≤ 0.5 (wall): 1/2 pass on the 95 % interval's upper end (not passed: Slow 0.80 [0.80–0.80] fail)");
    expect(svg.startsWith('<svg')).toBe(true);
    // Wall and CPU markers: two functions × two ratios, plus the one compile-cache ratio.
    expect(svg.match(/<circle /g)).toHaveLength((2 + 2 + 1) * 2);
    expect(svg.match(/<circle [^>]*fill="#e15759"/g)).toHaveLength(2);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
  });
});

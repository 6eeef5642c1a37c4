import type { BundleSize } from '../../../scripts/build/bundle-size';
import type { ColdStartSample } from '../../../bench/lib/child';
import { markdown, predictionRows, svgChart, targetLines, textTable } from '../../../bench/lib/render';
import { checkTargets, functionRatios, measure, withPredictions, type ColdStartReport, type FunctionReport, type ProfileMeasure } from '../../../bench/lib/report';

const size = (kb: number, initKb = kb): BundleSize => ({ bytes: kb * 1024, gzipBytes: kb * 300, initBytes: initKb * 1024, initGzipBytes: initKb * 300, mapBytes: 0, files: 1 });
const samples = (importMs: number[], extra: Partial<ColdStartSample> = {}): ColdStartSample[] =>
  importMs.map((ms, i) => ({ importMs: ms, importCpuMs: ms * 0.9, firstInvokeMs: 10 + i, readyMs: ms + 30, maxRssKb: 60_000 + i, initConnections: 0, outcome: 'HTTP 500', ...extra }));
const profile = (importMs: number[], floorMs: number[], kb: number, initKb = kb): ProfileMeasure => ({ ...measure(size(kb, initKb), samples(importMs)), floor: measure(size(kb - 40), samples(floorMs)) });

const fn = (logicalId: string, profiles: Record<string, ProfileMeasure>, sdkClients = ['@aws-sdk/client-dynamodb']): FunctionReport => ({
  logicalId,
  name: logicalId,
  event: 'events/x.json',
  sdkClients,
  profiles,
  ratios: functionRatios(profiles),
});

describe('measure', () => {
  it('summarises samples into p50/p90/min, RSS, outcomes and the worst number of init connections', () => {
    // Act
    const m = measure(size(100), [...samples([10, 20, 30, 40]), ...samples([50], { initConnections: 1, outcome: 'threw Error' })]);

    // Assert
    expect(m).toMatchObject({ bytes: 102400, importMsP50: 30, importMsP90: 46, importMsMin: 10, importCpuMsP50: 27, initConnections: 1, outcomes: { 'HTTP 500': 4, 'threw Error': 1 } });
    expect(m.samples.importMs).toEqual([10, 20, 30, 40, 50]);
  });

  it('keeps only the size figures of what it is given (a built function also carries its metafile)', () => {
    // Arrange
    const built = { ...size(10), metafile: { inputs: {}, outputs: {} }, handlerFile: '/x/index.mjs' };

    // Act
    const m = measure(built, samples([1]));

    // Assert
    expect(m).not.toHaveProperty('metafile');
    expect(m).not.toHaveProperty('handlerFile');
    expect(m.bytes).toBe(10 * 1024);
  });
});

describe('ratios and targets', () => {
  const good = fn('Good', { standard: profile([100, 100, 100], [95, 95, 95], 1400), 'arm-min': profile([50, 50, 50], [45, 45, 45], 340, 250) });
  const slow = fn('Slow', { standard: profile([100, 100, 100], [90, 90, 90], 1500), 'arm-min': profile([80, 80, 80], [60, 60, 60], 460, 320) }, ['@aws-sdk/client-dynamodb', '@aws-sdk/client-sfn']);

  it('computes arm-min ÷ standard and function ÷ SDK floor per profile', () => {
    // Assert
    expect(good.ratios).toMatchObject({ importArmMinOverStandard: 0.5, importOverFloor: { standard: 1.053, 'arm-min': 1.111 } });
  });

  it('checks every target per function, the heaviest bundle against 450 KB and the others against 350 KB', () => {
    // Act
    const checks = checkTargets([good, slow]);

    // Assert
    const of = (name: string) => Object.fromEntries(checks.filter((c) => c.function === name).map((c) => [c.target, c.pass]));
    expect(of('Good')).toEqual({
      'import arm-min / standard ≤ 0.7': true,
      'import arm-min / SDK floor ≤ 1.15': true,
      'arm-min bundle (all files) ≤ 350 KB': true,
      'arm-min bundle (loaded at init) ≤ 350 KB': true,
    });
    expect(of('Slow')).toEqual({
      'import arm-min / standard ≤ 0.7': false,
      'import arm-min / SDK floor ≤ 1.15': false,
      'arm-min bundle (all files) ≤ 450 KB': false,
      'arm-min bundle (loaded at init) ≤ 450 KB': true,
    });
  });

  it('renders the table, the targets and a chart from one report', () => {
    // Arrange
    const report: ColdStartReport = {
      generatedAt: '2026-01-01T00:00:00.000Z',
      environment: { node: 'v24.0.0', platform: 'linux', arch: 'x64', cpu: 'Test CPU', cpus: 2 },
      runs: 3,
      profiles: [
        { name: 'standard', architecture: 'x86_64', nodeOptions: '--enable-source-maps' },
        { name: 'arm-min', architecture: 'arm64', nodeOptions: '' },
      ],
      notes: ['arm64 is not emulated here.'],
      empty: { standard: measure(size(0.2), samples([2, 2, 2])), 'arm-min': measure(size(0.1), samples([1, 1, 1])) },
      functions: [good, slow],
      targets: checkTargets([good, slow]),
    };

    // Act
    const text = textTable(report);
    const md = markdown(report);
    const svg = svgChart(report);

    // Assert
    expect(text.split('\n')).toHaveLength(2 + 2 + 4);
    expect(text).toMatch(/^Good\s+arm-min\s+340\.0\s+99\.6\s+250\.0\s+50\.0\s+50\.0\s+50\.0\s+45\.0\s+11\.0\s+11\.8\s+58\.6\s+45\.0\s+1\.11×\s+0\.50×$/m);
    expect(md).toContain('| Good | arm-min | 340.0 | 99.6 | 250.0 | 50.0 | 50.0 | 50.0 | 45.0 | 11.0 | 11.8 | 58.6 | 45.0 | 1.11× | 0.50× |');
    expect(md).toContain('- arm64 is not emulated here.');
    expect(targetLines(report)).toContain('✗ import arm-min / standard ≤ 0.7: 1/2 (missed by Slow 0.8)');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<rect [^>]*fill="#f28e2b"/g)).toHaveLength(3 + 1);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
  });

  it("predicts Lambda's Init Duration as lambda-perf's hello-world floor for the architecture plus the import measured", () => {
    // Arrange
    const report = {
      profiles: [
        { name: 'standard', architecture: 'x86_64', nodeOptions: '' },
        { name: 'arm-min', architecture: 'arm64', nodeOptions: '' },
      ],
      functions: [good],
    } as unknown as ColdStartReport;

    // Act
    const predicted = withPredictions(report);

    // Assert
    expect(predicted.functions[0]?.profiles.standard?.predictedInitMs).toBe(133 + 100);
    expect(predicted.functions[0]?.profiles['arm-min']?.predictedInitMs).toBe(120 + 50);
    expect(predictionRows(predicted)).toContain('| Good | 233 ms | 170 ms |');
  });
});

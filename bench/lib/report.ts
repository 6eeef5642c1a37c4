/**
 * Turns cold-start samples into the benchmark's report: per function and profile the bundle sizes and p50/p90/min
 * of import and first-invocation times (success and error path), the same for the baselines (empty handler, SDK
 * floor), the ablation variants and the compile cache; every ratio as a paired median with a 95 % bootstrap
 * interval; and the targets, decided on those intervals.
 */
import type { BuildProfile } from '../../scripts/build/profiles';
import type { BundleSize } from '../../scripts/build/bundle-size';
import { summarize } from '../../src/shared/stats';
import type { AblationVariant } from './ablation';
import type { ColdStartSample } from './child';
import { pairedRatio, verdictOf, type RatioInterval, type Verdict } from './paired';
import type { ColdStartTarget } from './interleave';
import type { ClientInit, SdkUsage } from './sdk-floor';

/**
 * One bundle to cold-start, keyed by what it is: a function (success or error path), its SDK floor, the empty
 * handler, an ablation variant or a compile-cache run.
 */
export interface Target extends ColdStartTarget {
  key: string;
  size: BundleSize;
}

/** One function of the template, as the benchmark sets it up. */
export interface FunctionSetup {
  logicalId: string;
  name: string;
  event: string | undefined;
  usage: SdkUsage;
  clientInit: ClientInit;
}

export const STANDARD = 'standard';
export const ARM_MIN = 'arm-min';
export const KB = 1024;

export interface Measure extends BundleSize {
  importMsP50: number;
  importMsP90: number;
  importMsMin: number;
  /** CPU time (user + system) of the import, p50: steadier than wall time on a busy machine. */
  importCpuMsP50: number;
  firstInvokeMsP50: number;
  firstInvokeMsP90: number;
  firstInvokeMsMin: number;
  /** Node start-up plus import: from process start to the handler being ready. */
  readyMsP50: number;
  maxRssKbP50: number;
  maxRssKbMax: number;
  /** Most TCP connections any run opened while importing the handler (must be 0). */
  initConnections: number;
  /** How the first invocations ended (`HTTP 201: 20`, `returned: 20`, `threw …`). */
  outcomes: Record<string, number>;
  /** Per round, in round order: what the paired ratios are computed from. */
  samples: { importMs: number[]; importCpuMs: number[]; firstInvokeMs: number[]; maxRssKb: number[] };
}

/** A paired ratio in wall time and in CPU time of the import. */
export interface ImportRatio {
  wall?: RatioInterval;
  cpu?: RatioInterval;
}

export interface ProfileMeasure extends Measure {
  floor: Measure;
  /** The same bundle, first invocation against the stand-in that answers every call with an error. */
  errorPath?: Measure;
  /** Function ÷ its SDK floor, per round. */
  overFloor: ImportRatio;
}

export interface FunctionReport {
  logicalId: string;
  name: string;
  /** The sample event of the first invocation. */
  event: string;
  sdkClients: string[];
  /** When the function builds its SDK clients; its floor does the same. */
  clientInit: 'eager' | 'lazy';
  profiles: Record<string, ProfileMeasure>;
  /** arm-min ÷ standard, per round. */
  armMinOverStandard: ImportRatio & { firstInvoke?: RatioInterval };
  /** arm-min with a compile cache, and its ratio to arm-min without. */
  compileCache?: Measure & { overArmMin: ImportRatio };
}

export interface AblationRow {
  function: string;
  variant: string;
  base: string;
  choice: string;
  direction: 'add' | 'remove';
  measure: Measure;
  /** Variant ÷ base profile, per round. */
  overBase: ImportRatio;
}

export interface TargetCheck {
  target: string;
  function: string;
  /** The figure decided on: the interval for ratios, the value itself (low = high) for sizes. */
  median: number;
  low: number;
  high: number;
  limit: number;
  verdict: Verdict;
}

export interface ColdStartReport {
  generatedAt: string;
  environment: { node: string; platform: string; arch: string; cpu: string; cpus: number };
  runs: number;
  profiles: { name: string; architecture: string; nodeOptions: string }[];
  empty: Record<string, Measure>;
  functions: FunctionReport[];
  ablation: AblationRow[];
  targets: TargetCheck[];
}

const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

export const measure = (size: BundleSize, samples: readonly ColdStartSample[]): Measure => {
  const importMs = summarize(samples.map((sample) => sample.importMs));
  const firstInvokeMs = summarize(samples.map((sample) => sample.firstInvokeMs));
  const rss = summarize(samples.map((sample) => sample.maxRssKb));
  const outcomes: Record<string, number> = {};
  for (const sample of samples) outcomes[sample.outcome] = (outcomes[sample.outcome] ?? 0) + 1;
  const { bytes, gzipBytes, initBytes, initGzipBytes, mapBytes, files } = size;
  return {
    bytes,
    gzipBytes,
    initBytes,
    initGzipBytes,
    mapBytes,
    files,
    importMsP50: round(importMs.p50),
    importMsP90: round(importMs.p90),
    importMsMin: round(importMs.min),
    importCpuMsP50: round(summarize(samples.map((sample) => sample.importCpuMs)).p50),
    firstInvokeMsP50: round(firstInvokeMs.p50),
    firstInvokeMsP90: round(firstInvokeMs.p90),
    firstInvokeMsMin: round(firstInvokeMs.min),
    readyMsP50: round(summarize(samples.map((sample) => sample.readyMs)).p50),
    maxRssKbP50: Math.round(rss.p50),
    maxRssKbMax: rss.max,
    initConnections: Math.max(...samples.map((sample) => sample.initConnections)),
    outcomes,
    samples: {
      importMs: samples.map((sample) => round(sample.importMs, 3)),
      importCpuMs: samples.map((sample) => round(sample.importCpuMs, 3)),
      firstInvokeMs: samples.map((sample) => round(sample.firstInvokeMs, 3)),
      maxRssKb: samples.map((sample) => sample.maxRssKb),
    },
  };
};

/** `a ÷ b` round by round, in wall and CPU time of the import. */
export const importRatio = (a: Measure, b: Measure): ImportRatio => ({
  wall: pairedRatio(a.samples.importMs, b.samples.importMs),
  cpu: pairedRatio(a.samples.importCpuMs, b.samples.importCpuMs),
});

export const ARM_MIN_OVER_STANDARD_LIMIT = 0.5;
export const ARM_MIN_OVER_FLOOR_LIMIT = 1.15;

/**
 * The targets, decided on the upper end of each 95 % interval: arm-min ÷ standard ≤ 0.5 and arm-min ÷ its
 * SDK floor ≤ 1.15, in wall time (the headline) and CPU time (less disturbed by other work on the machine).
 */
export const checkTargets = (functions: FunctionReport[]): TargetCheck[] =>
  functions.flatMap((fn): TargetCheck[] => {
    const checks: TargetCheck[] = [];
    const check = (target: string, interval: RatioInterval | undefined, limit: number): void => {
      if (interval) checks.push({ target, function: fn.logicalId, median: interval.median, low: interval.low, high: interval.high, limit, verdict: verdictOf(interval, limit) });
    };
    check(`import arm-min ÷ standard ≤ ${ARM_MIN_OVER_STANDARD_LIMIT} (wall)`, fn.armMinOverStandard.wall, ARM_MIN_OVER_STANDARD_LIMIT);
    check(`import arm-min ÷ standard ≤ ${ARM_MIN_OVER_STANDARD_LIMIT} (CPU)`, fn.armMinOverStandard.cpu, ARM_MIN_OVER_STANDARD_LIMIT);
    check(`import arm-min ÷ SDK floor ≤ ${ARM_MIN_OVER_FLOOR_LIMIT} (wall)`, fn.profiles[ARM_MIN]?.overFloor.wall, ARM_MIN_OVER_FLOOR_LIMIT);
    check(`import arm-min ÷ SDK floor ≤ ${ARM_MIN_OVER_FLOOR_LIMIT} (CPU)`, fn.profiles[ARM_MIN]?.overFloor.cpu, ARM_MIN_OVER_FLOOR_LIMIT);
    return checks;
  });

export interface AssembleInput {
  runs: number;
  environment: ColdStartReport['environment'];
  profiles: BuildProfile[];
  functions: FunctionSetup[];
  variants: AblationVariant[];
  ablationFunctions: string[];
  targets: Target[];
}

/** The report from measured targets (keys as run-benchmark.ts names them). */
export const assembleReport = (input: AssembleInput): ColdStartReport => {
  const byKey = new Map(input.targets.map((t) => [t.key, t]));
  const measured = (key: string): Measure | undefined => {
    const target = byKey.get(key);
    return target ? measure(target.size, target.samples) : undefined;
  };
  const required = (key: string): Measure => {
    const found = measured(key);
    if (!found) throw new Error(`no target ${key}`);
    return found;
  };
  const functions = input.functions.map((fn): FunctionReport => {
    const profiles: Record<string, ProfileMeasure> = Object.fromEntries(
      input.profiles.map((p) => {
        const own = required(`fn|${fn.logicalId}|${p.name}`);
        const floor = required(`floor|${fn.logicalId}|${p.name}`);
        const errorPath = measured(`error|${fn.logicalId}|${p.name}`);
        return [p.name, { ...own, floor, ...(errorPath ? { errorPath } : {}), overFloor: importRatio(own, floor) }];
      }),
    );
    const standard = profiles[STANDARD] as ProfileMeasure;
    const armMin = profiles[ARM_MIN] as ProfileMeasure;
    const cached = measured(`cache|${fn.logicalId}`);
    return {
      logicalId: fn.logicalId,
      name: fn.name,
      event: fn.event ?? '(none: {})',
      sdkClients: fn.usage.clientPackages,
      clientInit: fn.clientInit,
      profiles,
      armMinOverStandard: { ...importRatio(armMin, standard), firstInvoke: pairedRatio(armMin.samples.firstInvokeMs, standard.samples.firstInvokeMs) },
      ...(cached ? { compileCache: { ...cached, overArmMin: importRatio(cached, armMin) } } : {}),
    };
  });
  const ablation = input.ablationFunctions.flatMap((logicalId) =>
    input.variants.map((variant): AblationRow => {
      const variantMeasure = required(`variant|${logicalId}|${variant.name}`);
      const base = required(`fn|${logicalId}|${variant.base}`);
      return { function: logicalId, variant: variant.name, base: variant.base, choice: variant.choice, direction: variant.direction, measure: variantMeasure, overBase: importRatio(variantMeasure, base) };
    }),
  );
  return {
    generatedAt: new Date().toISOString(),
    environment: input.environment,
    runs: input.runs,
    profiles: input.profiles.map((p) => ({ name: p.name, architecture: p.architecture, nodeOptions: p.nodeOptions })),
    empty: Object.fromEntries(input.profiles.map((p) => [p.name, required(`empty|${p.name}`)])),
    functions,
    ablation,
    targets: checkTargets(functions),
  };
};

/** Recomputes every ratio and target of a saved report from its samples (for `--render-only`). */
export const recomputeRatios = (report: ColdStartReport): ColdStartReport => {
  const functions = report.functions.map((fn): FunctionReport => {
    const profiles = Object.fromEntries(Object.entries(fn.profiles).map(([name, m]) => [name, { ...m, overFloor: importRatio(m, m.floor) }]));
    const standard = profiles[STANDARD] as ProfileMeasure;
    const armMin = profiles[ARM_MIN] as ProfileMeasure;
    return {
      ...fn,
      profiles,
      armMinOverStandard: { ...importRatio(armMin, standard), firstInvoke: pairedRatio(armMin.samples.firstInvokeMs, standard.samples.firstInvokeMs) },
      ...(fn.compileCache ? { compileCache: { ...fn.compileCache, overArmMin: importRatio(fn.compileCache, armMin) } } : {}),
    };
  });
  const ablation = report.ablation.map((row) => {
    const base = functions.find((fn) => fn.logicalId === row.function)?.profiles[row.base];
    return base ? { ...row, overBase: importRatio(row.measure, base) } : row;
  });
  return { ...report, functions, ablation, targets: checkTargets(functions) };
};

/**
 * Turns cold-start samples into the benchmark's report: per function and profile the bundle sizes and p50/p90/min
 * of import and first-invocation times, the same for the baselines (empty handler, SDK floor), the ratios the issue
 * asks for, and the targets checked against them.
 */
import type { BundleSize } from '../../scripts/build/bundle-size';
import { ratio, summarize } from '../../src/shared/stats';
import type { ColdStartSample } from './child';

/**
 * Init Duration of a hello-world Node.js 24 zip function on Lambda (the daily lambda-perf benchmark,
 * https://maxday.github.io/lambda-perf/): the platform's share of a cold start, before any module of ours loads.
 */
export const LAMBDA_PERF_FLOOR_MS: Record<string, number> = { x86_64: 133, arm64: 120 };

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
  /** How the first invocations ended (`HTTP 500: 20`): against the stand-in endpoint success is not expected. */
  outcomes: Record<string, number>;
  samples: { importMs: number[]; importCpuMs: number[]; firstInvokeMs: number[]; maxRssKb: number[] };
}

export interface ProfileMeasure extends Measure {
  floor: Measure;
  /** lambda-perf floor for the profile's architecture + import p50 measured here: a rough Init Duration on Lambda. */
  predictedInitMs?: number;
}

export interface FunctionReport {
  logicalId: string;
  name: string;
  /** The sample event of the first invocation. */
  event: string;
  sdkClients: string[];
  profiles: Record<string, ProfileMeasure>;
  ratios: {
    /** arm-min import p50 / standard import p50. */
    importArmMinOverStandard?: number;
    /** The same on CPU time. */
    importCpuArmMinOverStandard?: number;
    firstInvokeArmMinOverStandard?: number;
    bytesArmMinOverStandard?: number;
    /** Function import p50 / its SDK floor's, per profile. */
    importOverFloor: Record<string, number | undefined>;
    importCpuOverFloor: Record<string, number | undefined>;
  };
}

export interface TargetCheck {
  target: string;
  function: string;
  value: number;
  limit: number;
  pass: boolean;
}

export interface ColdStartReport {
  generatedAt: string;
  environment: { node: string; platform: string; arch: string; cpu: string; cpus: number };
  runs: number;
  profiles: { name: string; architecture: string; nodeOptions: string }[];
  notes: string[];
  empty: Record<string, Measure>;
  functions: FunctionReport[];
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
      importMs: samples.map((sample) => round(sample.importMs)),
      importCpuMs: samples.map((sample) => round(sample.importCpuMs)),
      firstInvokeMs: samples.map((sample) => round(sample.firstInvokeMs)),
      maxRssKb: samples.map((sample) => sample.maxRssKb),
    },
  };
};

const maybeRound = (value: number | undefined): number | undefined => (value === undefined ? undefined : round(value, 3));

export const functionRatios = (profiles: Record<string, ProfileMeasure>): FunctionReport['ratios'] => {
  const standard = profiles[STANDARD];
  const armMin = profiles[ARM_MIN];
  return {
    importArmMinOverStandard: maybeRound(ratio(armMin?.importMsP50, standard?.importMsP50)),
    importCpuArmMinOverStandard: maybeRound(ratio(armMin?.importCpuMsP50, standard?.importCpuMsP50)),
    firstInvokeArmMinOverStandard: maybeRound(ratio(armMin?.firstInvokeMsP50, standard?.firstInvokeMsP50)),
    bytesArmMinOverStandard: maybeRound(ratio(armMin?.bytes, standard?.bytes)),
    importOverFloor: Object.fromEntries(Object.entries(profiles).map(([name, m]) => [name, maybeRound(ratio(m.importMsP50, m.floor.importMsP50))])),
    importCpuOverFloor: Object.fromEntries(Object.entries(profiles).map(([name, m]) => [name, maybeRound(ratio(m.importCpuMsP50, m.floor.importCpuMsP50))])),
  };
};

/** The targets: arm-min import ≤ 0.7× standard, ≤ 1.15× its SDK floor, bundles ≤ 350 KB (≤ 450 KB heaviest). */
export const checkTargets = (functions: FunctionReport[]): TargetCheck[] => {
  const withArmMin = functions.filter((fn) => fn.profiles[ARM_MIN]);
  const heaviest = Math.max(...withArmMin.map((fn) => fn.profiles[ARM_MIN]?.bytes ?? 0));
  return withArmMin.flatMap((fn): TargetCheck[] => {
    const armMin = fn.profiles[ARM_MIN] as ProfileMeasure;
    const checks: TargetCheck[] = [];
    const check = (target: string, value: number | undefined, limit: number): void => {
      if (value !== undefined) checks.push({ target, function: fn.logicalId, value, limit, pass: value <= limit });
    };
    check('import arm-min / standard ≤ 0.7', fn.ratios.importArmMinOverStandard, 0.7);
    check('import arm-min / SDK floor ≤ 1.15', fn.ratios.importOverFloor[ARM_MIN], 1.15);
    const limitKb = fn.sdkClients.length <= 2 && armMin.bytes < heaviest ? 350 : 450;
    check(`arm-min bundle (all files) ≤ ${limitKb} KB`, round(armMin.bytes / KB, 1), limitKb);
    check(`arm-min bundle (loaded at init) ≤ ${limitKb} KB`, round(armMin.initBytes / KB, 1), limitKb);
    return checks;
  });
};

/** Adds the predicted Lambda Init Duration to every function and profile of a report. */
export const withPredictions = (report: ColdStartReport): ColdStartReport => {
  const architectures = new Map(report.profiles.map((p) => [p.name, p.architecture]));
  const predict = (profile: string, m: ProfileMeasure): ProfileMeasure => {
    const floor = LAMBDA_PERF_FLOOR_MS[architectures.get(profile) ?? ''];
    return floor === undefined ? m : { ...m, predictedInitMs: Math.round(floor + m.importMsP50) };
  };
  return {
    ...report,
    functions: report.functions.map((fn) => ({
      ...fn,
      profiles: Object.fromEntries(Object.entries(fn.profiles).map(([profile, m]) => [profile, predict(profile, m)])),
    })),
  };
};

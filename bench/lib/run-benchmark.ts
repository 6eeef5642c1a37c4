/**
 * `npm run bench:coldstart`: builds every function with every profile (the same code as `npm run build`), builds the
 * baselines (an empty handler and each function's SDK floor) with the same profiles, then runs each of them N times
 * in fresh Node processes, interleaved (see interleave.ts).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadTemplate, type Template } from '../../src/local/emulator/template/load-template';
import { bundleEntry, buildFunctions, type BuiltFunction } from '../../scripts/build/build-functions';
import type { BundleSize } from '../../scripts/build/bundle-size';
import { loadProfiles, profileNamed, type BuildProfile } from '../../scripts/build/profiles';
import { writeValidators } from '../../scripts/build/schema-validators';
import { startAwsStub, CUSTOM_RESOURCE_PATH } from './aws-stub';
import { coldStartEnv, templateVariables } from './function-env';
import { measureInterleaved, type ColdStartTarget, type Progress } from './interleave';
import { checkTargets, functionRatios, measure, withPredictions, type ColdStartReport, type FunctionReport, type ProfileMeasure } from './report';
import { analyseSdkUsage, EMPTY_HANDLER_SOURCE, floorSource, type SdkUsage } from './sdk-floor';

export interface BenchmarkOptions {
  root: string;
  runs: number;
  profiles: string[];
  /** Logical ids or entry names; all functions when empty. */
  only: string[];
  log: (line: string) => void;
  progress: Progress;
}

interface Target extends ColdStartTarget {
  key: string;
  profile: BuildProfile;
  size: BundleSize;
}

export const NOTES = [
  'This machine is x86_64: "arm-min" is measured with its bundle (minified, SDK ES modules tree-shaken, no source maps, lazy chunks), not on a Graviton CPU. Architecture changes Lambda\'s platform init (~120 ms arm64 vs ~133 ms x86_64 for a Node 24 hello world, per lambda-perf), which is added in the README, not measured here.',
  'Import = `await import(handler)` in a fresh process that, like Lambda\'s runtime interface client, has node:http loaded already. First invoke = the first call with the function\'s sample event from events/ (`event` in the JSON) until it answers.',
  'Every AWS call goes to a local stand-in (AWS_ENDPOINT_URL) that answers at once with a client error, with AWS_MAX_ATTEMPTS=1: first-invoke time is the path to the first answer (credentials, signing, one HTTP round trip on loopback), not a successful call.',
  'SDK floor = an entry importing only the SDK clients and commands the function\'s bundle holds, building the clients at init, bundled with the same profile. Init KB = files Node loads at import (entry + static chunks); Bundle KB = all files shipped.',
];

/** events/<name>.json, else the first events/<name>-*.json (record-outcome has one per outcome); undefined if none. */
export const sampleEventFile = (root: string, name: string): string | undefined => {
  const dir = path.join(root, 'events');
  const exact = `${name}.json`;
  const files = existsSync(dir) ? readdirSync(dir).sort() : [];
  const file = files.includes(exact) ? exact : files.find((candidate) => candidate.startsWith(`${name}-`) && candidate.endsWith('.json'));
  return file ? path.join('events', file) : undefined;
};

const prepareEvent = (root: string, outDir: string, source: string | undefined, name: string, stubUrl: string): string => {
  const event = source ? (JSON.parse(readFileSync(path.join(root, source), 'utf8')) as Record<string, unknown>) : {};
  // A custom resource answers CloudFormation on a pre-signed S3 URL; the stand-in takes that PUT instead.
  if (typeof event.ResponseURL === 'string') event.ResponseURL = `${stubUrl}${CUSTOM_RESOURCE_PATH}`;
  const file = path.join(outDir, 'events', `${name}.json`);
  writeFileSync(file, JSON.stringify(event));
  return file;
};

const selectFunctions = <T extends { logicalId: string; name: string }>(all: T[], only: string[]): T[] => {
  if (only.length === 0) return all;
  const unknown = only.filter((id) => !all.some((fn) => fn.logicalId === id || fn.name === id));
  if (unknown.length) throw new Error(`Unknown function(s) ${unknown.join(', ')}; the template has ${all.map((fn) => fn.logicalId).join(', ')}`);
  return all.filter((fn) => only.includes(fn.logicalId) || only.includes(fn.name));
};

interface FunctionSetup {
  logicalId: string;
  name: string;
  event: string | undefined;
  usage: SdkUsage;
}

interface Workspace {
  root: string;
  benchDir: string;
  template: Template;
  stubUrl: string;
  emptyEntry: string;
  emptyEvent: string;
}

const prepareWorkspace = (root: string, stubUrl: string): Workspace => {
  const benchDir = path.join(root, '.aws-sam', 'bench');
  mkdirSync(path.join(benchDir, 'entries'), { recursive: true });
  mkdirSync(path.join(benchDir, 'events'), { recursive: true });
  const emptyEntry = path.join(benchDir, 'entries', 'empty.ts');
  writeFileSync(emptyEntry, EMPTY_HANDLER_SOURCE);
  const emptyEvent = path.join(benchDir, 'events', 'empty.json');
  writeFileSync(emptyEvent, '{}');
  return { root, benchDir, template: loadTemplate(path.join(root, 'template.yaml')), stubUrl, emptyEntry, emptyEvent };
};

/** The SDK usage, floor entry and sample event of a function: the same for every profile. */
const setUpFunction = async (ws: Workspace, fn: BuiltFunction): Promise<FunctionSetup> => {
  const usage = await analyseSdkUsage(fn.entryPoint, ws.root);
  writeFileSync(path.join(ws.benchDir, 'entries', `${fn.logicalId}-floor.ts`), floorSource(fn.logicalId, usage));
  return { logicalId: fn.logicalId, name: fn.name, event: sampleEventFile(ws.root, fn.name), usage };
};

/** The empty handler, then each function and its SDK floor, built with one profile. */
const profileTargets = async (ws: Workspace, profile: BuildProfile, functions: BuiltFunction[], setups: Map<string, FunctionSetup>): Promise<Target[]> => {
  const envFor = (functionName: string, handlerFile: string, variables: Record<string, string> = {}) =>
    coldStartEnv({ functionName, endpoint: ws.stubUrl, variables, nodeOptions: profile.nodeOptions, taskRoot: path.dirname(handlerFile) });
  const target = (key: string, label: string, built: BundleSize & { handlerFile: string }, eventFile: string, env: Record<string, string>): Target => ({
    key: `${key}|${profile.name}`,
    label: `${label} ${profile.name}`,
    profile,
    handlerFile: built.handlerFile,
    eventFile,
    env,
    size: built,
    samples: [],
  });
  const empty = await bundleEntry(profile, { name: 'index', file: ws.emptyEntry }, path.join(ws.benchDir, profile.name, 'Empty'), ws.root);
  const targets = [target('empty', '(empty)', empty, ws.emptyEvent, envFor('Empty', empty.handlerFile))];
  for (const fn of functions) {
    const setup = setups.get(fn.logicalId) as FunctionSetup;
    const floorEntry = path.join(ws.benchDir, 'entries', `${fn.logicalId}-floor.ts`);
    const floor = await bundleEntry(profile, { name: 'index', file: floorEntry }, path.join(ws.benchDir, profile.name, `${fn.logicalId}Floor`), ws.root);
    const variables = templateVariables(ws.template, fn.logicalId);
    const eventFile = prepareEvent(ws.root, ws.benchDir, setup.event, fn.name, ws.stubUrl);
    targets.push(target(`fn|${fn.logicalId}`, fn.logicalId, fn, eventFile, envFor(fn.logicalId, fn.handlerFile, variables)));
    targets.push(target(`floor|${fn.logicalId}`, `${fn.logicalId} floor`, floor, ws.emptyEvent, envFor(`${fn.logicalId}Floor`, floor.handlerFile, variables)));
  }
  return targets;
};

const assembleReport = (options: BenchmarkOptions, profiles: BuildProfile[], setups: FunctionSetup[], targets: Target[]): ColdStartReport => {
  const byKey = new Map(targets.map((t) => [t.key, t]));
  const measured = (key: string) => {
    const target = byKey.get(key);
    if (!target) throw new Error(`no target ${key}`);
    return measure(target.size, target.samples);
  };
  const functions: FunctionReport[] = setups.map((fn) => {
    const perProfile: Record<string, ProfileMeasure> = Object.fromEntries(
      profiles.map((p) => [p.name, { ...measured(`fn|${fn.logicalId}|${p.name}`), floor: measured(`floor|${fn.logicalId}|${p.name}`) }]),
    );
    return { logicalId: fn.logicalId, name: fn.name, event: fn.event ?? '(none: {})', sdkClients: fn.usage.clientPackages, profiles: perProfile, ratios: functionRatios(perProfile) };
  });
  return withPredictions({
    generatedAt: new Date().toISOString(),
    environment: { node: process.version, platform: process.platform, arch: process.arch, cpu: os.cpus()[0]?.model ?? 'unknown CPU', cpus: os.cpus().length },
    runs: options.runs,
    profiles: profiles.map((p) => ({ name: p.name, architecture: p.architecture, nodeOptions: p.nodeOptions })),
    notes: NOTES,
    empty: Object.fromEntries(profiles.map((p) => [p.name, measured(`empty|${p.name}`)])),
    functions,
    targets: checkTargets(functions),
  });
};

export const runBenchmark = async (options: BenchmarkOptions): Promise<ColdStartReport> => {
  const { root, log } = options;
  const allProfiles = loadProfiles(root);
  const profiles = options.profiles.map((name) => profileNamed(allProfiles, name));
  for (const file of writeValidators(root)) log(`regenerated ${file}`);
  const stub = await startAwsStub();
  try {
    const ws = prepareWorkspace(root, stub.url);
    const setups = new Map<string, FunctionSetup>();
    const targets: Target[] = [];
    for (const profile of profiles) {
      log(`building ${profile.name} …`);
      const functions = selectFunctions((await buildFunctions({ root, profile: profile.name })).functions, options.only);
      for (const fn of functions) if (!setups.has(fn.logicalId)) setups.set(fn.logicalId, await setUpFunction(ws, fn));
      targets.push(...(await profileTargets(ws, profile, functions, setups)));
    }
    await measureInterleaved(targets, options.runs, path.join(root, 'bench', 'coldstart-child.mjs'), options.progress);
    return assembleReport(options, profiles, [...setups.values()], targets);
  } finally {
    await stub.close();
  }
};

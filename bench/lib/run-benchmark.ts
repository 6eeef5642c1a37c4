/**
 * `npm run bench:coldstart`: builds every function with both profiles (the same code as `npm run build`), the
 * baselines (an empty handler and each function's SDK floor) with the same profiles, the ablation variants and the
 * compile-cache variant, then runs all of them N times in fresh Node processes, interleaved in rounds (see
 * interleave.ts), so that every ratio can be taken within a round.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadTemplate, type Template } from '../../src/local/emulator/template/load-template';
import { bundleEntry, buildFunctions, type BuiltFunction } from '../../scripts/build/build-functions';
import type { BundleSize } from '../../scripts/build/bundle-size';
import { loadProfiles, profileNamed, type BuildProfile } from '../../scripts/build/profiles';
import { writeValidators } from '../../scripts/build/schema-validators';
import { templateFunctions, type TemplateFunction } from '../../scripts/build/template-functions';
import { ablationVariants, type AblationVariant } from './ablation';
import { startAwsStub, CUSTOM_RESOURCE_PATH, type AwsStub } from './aws-stub';
import { runColdStart } from './child';
import { compileCacheEnv } from './compile-cache';
import { coldStartEnv, templateVariables } from './function-env';
import { measureInterleaved, type ColdStartTarget, type Progress } from './interleave';
import { assembleReport, ARM_MIN, STANDARD, type ColdStartReport, type FunctionSetup, type Target } from './report';
import { analyseSdkUsage, clientInitOfFile, EMPTY_HANDLER_SOURCE, floorSource, type ClientInit, type SdkUsage } from './sdk-floor';
import { sampleWorld } from './stand-in-answers';

export interface BenchmarkOptions {
  root: string;
  runs: number;
  /** Logical ids or entry names; all functions when empty. */
  only: string[];
  /** Functions the ablation runs on (logical ids or entry names); none = no ablation. */
  ablation: string[];
  /** Measure arm-min with a V8 compile cache as well. */
  compileCache: boolean;
  /** Measure the first invocation against the error-answering stand-in as well. */
  errorPath: boolean;
  log: (line: string) => void;
  progress: Progress;
}

/** events/<name>.json, else the first events/<name>-*.json (record-outcome has one per outcome); undefined if none. */
export const sampleEventFile = (root: string, name: string): string | undefined => {
  const dir = path.join(root, 'events');
  const exact = `${name}.json`;
  const files = existsSync(dir) ? readdirSync(dir).sort() : [];
  const file = files.includes(exact) ? exact : files.find((candidate) => candidate.startsWith(`${name}-`) && candidate.endsWith('.json'));
  return file ? path.join('events', file) : undefined;
};

export const selectFunctions = <T extends { logicalId: string; name: string }>(all: T[], only: string[]): T[] => {
  if (only.length === 0) return all;
  const unknown = only.filter((id) => !all.some((fn) => fn.logicalId === id || fn.name === id));
  if (unknown.length) throw new Error(`Unknown function(s) ${unknown.join(', ')}; the template has ${all.map((fn) => fn.logicalId).join(', ')}`);
  return all.filter((fn) => only.includes(fn.logicalId) || only.includes(fn.name));
};

interface Workspace {
  root: string;
  benchDir: string;
  template: Template;
  success: AwsStub;
  error: AwsStub;
  emptyEntry: string;
  emptyEvent: string;
}

const prepareWorkspace = (root: string, success: AwsStub, error: AwsStub): Workspace => {
  const benchDir = path.join(root, '.aws-sam', 'bench');
  rmSync(benchDir, { recursive: true, force: true });
  mkdirSync(path.join(benchDir, 'entries'), { recursive: true });
  mkdirSync(path.join(benchDir, 'events'), { recursive: true });
  const emptyEntry = path.join(benchDir, 'entries', 'empty.ts');
  writeFileSync(emptyEntry, EMPTY_HANDLER_SOURCE);
  const emptyEvent = path.join(benchDir, 'events', 'empty.json');
  writeFileSync(emptyEvent, '{}');
  return { root, benchDir, template: loadTemplate(path.join(root, 'template.yaml')), success, error, emptyEntry, emptyEvent };
};

/** The function's sample event, its CloudFormation ResponseURL (if any) pointed at the stand-in. */
const prepareEvent = (ws: Workspace, setup: FunctionSetup, stub: AwsStub): string => {
  const event = setup.event ? (JSON.parse(readFileSync(path.join(ws.root, setup.event), 'utf8')) as Record<string, unknown>) : {};
  if (typeof event.ResponseURL === 'string') event.ResponseURL = `${stub.url}${CUSTOM_RESOURCE_PATH}`;
  const file = path.join(ws.benchDir, 'events', `${setup.name}-${stub.mode}.json`);
  writeFileSync(file, JSON.stringify(event));
  return file;
};

/** The SDK usage, client construction, floor entry and sample event of a function: the same for every profile. */
const setUpFunction = async (ws: Workspace, fn: BuiltFunction): Promise<FunctionSetup> => {
  const usage = await analyseSdkUsage(fn.entryPoint, ws.root);
  const clientInit = clientInitOfFile(fn.entryPoint);
  writeFileSync(path.join(ws.benchDir, 'entries', `${fn.logicalId}-floor.ts`), floorSource(fn.logicalId, usage, clientInit));
  return { logicalId: fn.logicalId, name: fn.name, event: sampleEventFile(ws.root, fn.name), usage, clientInit };
};

const targetOf = (ws: Workspace, key: string, profile: BuildProfile, built: BundleSize & { handlerFile: string }, functionName: string, eventFile: string, variables: Record<string, string>, stub: AwsStub = ws.success): Target => ({
  key,
  label: key.replace(/\|/g, ' '),
  // Everything measured for one function runs back to back within a round (interleave.ts).
  group: key.startsWith('empty|') ? 'empty' : (key.split('|')[1] as string),
  handlerFile: built.handlerFile,
  eventFile,
  env: coldStartEnv({ functionName, endpoint: stub.url, variables, nodeOptions: profile.nodeOptions, taskRoot: path.dirname(built.handlerFile) }),
  size: built,
  samples: [],
});

/** The empty handler, then each function (both stand-in paths) and its SDK floor, built with one profile. */
const profileTargets = async (ws: Workspace, profile: BuildProfile, functions: BuiltFunction[], setups: Map<string, FunctionSetup>, errorPath: boolean): Promise<Target[]> => {
  const empty = await bundleEntry(profile, { name: 'index', file: ws.emptyEntry }, path.join(ws.benchDir, profile.name, 'Empty'), ws.root);
  const targets = [targetOf(ws, `empty|${profile.name}`, profile, empty, 'Empty', ws.emptyEvent, {})];
  for (const fn of functions) {
    const setup = setups.get(fn.logicalId) as FunctionSetup;
    const floorEntry = path.join(ws.benchDir, 'entries', `${fn.logicalId}-floor.ts`);
    const floor = await bundleEntry(profile, { name: 'index', file: floorEntry }, path.join(ws.benchDir, profile.name, `${fn.logicalId}Floor`), ws.root);
    const variables = templateVariables(ws.template, fn.logicalId);
    targets.push(targetOf(ws, `fn|${fn.logicalId}|${profile.name}`, profile, fn, fn.logicalId, prepareEvent(ws, setup, ws.success), variables));
    if (errorPath) targets.push(targetOf(ws, `error|${fn.logicalId}|${profile.name}`, profile, fn, fn.logicalId, prepareEvent(ws, setup, ws.error), variables, ws.error));
    targets.push(targetOf(ws, `floor|${fn.logicalId}|${profile.name}`, profile, floor, `${fn.logicalId}Floor`, ws.emptyEvent, variables));
  }
  return targets;
};

/** Each ablation variant of each chosen function, built from its TypeScript entry the way the profiles build it. */
const ablationTargets = async (ws: Workspace, variants: AblationVariant[], functions: TemplateFunction[], setups: Map<string, FunctionSetup>): Promise<Target[]> => {
  const targets: Target[] = [];
  for (const fn of functions) {
    const setup = setups.get(fn.logicalId) as FunctionSetup;
    for (const variant of variants) {
      const built = await bundleEntry(variant.profile, { name: fn.name, file: fn.entryPoint }, path.join(ws.benchDir, 'ablation', variant.name, fn.logicalId), fn.codeDir);
      targets.push(targetOf(ws, `variant|${fn.logicalId}|${variant.name}`, variant.profile, built, fn.logicalId, prepareEvent(ws, setup, ws.success), templateVariables(ws.template, fn.logicalId)));
    }
  }
  return targets;
};

/**
 * arm-min with a portable V8 compile cache in a directory of its own. One unmeasured cold start writes the cache,
 * as a deployment step would; every measured one then reads it.
 */
const compileCacheTargets = async (ws: Workspace, armMinTargets: Target[], childScript: string): Promise<Target[]> => {
  const targets: Target[] = [];
  for (const target of armMinTargets) {
    const logicalId = target.key.split('|')[1] as string;
    const directory = path.join(ws.benchDir, 'compile-cache', logicalId);
    const cached: Target = { ...target, key: `cache|${logicalId}`, label: `cache ${logicalId}`, env: { ...target.env, ...compileCacheEnv(directory) }, samples: [] };
    await runColdStart({ childScript, handlerFile: cached.handlerFile, eventFile: cached.eventFile, env: cached.env });
    targets.push(cached);
  }
  return targets;
};

export const runBenchmark = async (options: BenchmarkOptions): Promise<ColdStartReport> => {
  const { root, log } = options;
  const profiles = loadProfiles(root);
  const standard = profileNamed(profiles, STANDARD);
  const armMin = profileNamed(profiles, ARM_MIN);
  for (const file of writeValidators(root)) log(`regenerated ${file}`);
  const world = sampleWorld((JSON.parse(JSON.parse(readFileSync(path.join(root, 'events', 'create-order.json'), 'utf8')).body as string)) as Record<string, unknown>);
  const success = await startAwsStub('success', world);
  const error = await startAwsStub('error', world);
  const childScript = path.join(root, 'bench', 'coldstart-child.mjs');
  try {
    const ws = prepareWorkspace(root, success, error);
    const setups = new Map<string, FunctionSetup>();
    const targets: Target[] = [];
    for (const profile of [standard, armMin]) {
      log(`building ${profile.name} …`);
      const functions = selectFunctions((await buildFunctions({ root, profile: profile.name })).functions, options.only);
      for (const fn of functions) if (!setups.has(fn.logicalId)) setups.set(fn.logicalId, await setUpFunction(ws, fn));
      targets.push(...(await profileTargets(ws, profile, functions, setups, options.errorPath)));
    }
    const variants = ablationVariants(standard, armMin);
    const ablationFunctions = options.ablation.length ? selectFunctions(templateFunctions(ws.template, root), options.ablation).filter((fn) => setups.has(fn.logicalId)) : [];
    if (ablationFunctions.length) log(`building ${variants.length} ablation variants of ${ablationFunctions.map((fn) => fn.logicalId).join(', ')} …`);
    targets.push(...(await ablationTargets(ws, variants, ablationFunctions, setups)));
    if (options.compileCache) {
      log('writing compile caches …');
      targets.push(...(await compileCacheTargets(ws, targets.filter((t) => t.key.startsWith('fn|') && t.key.endsWith(`|${ARM_MIN}`)), childScript)));
    }
    await measureInterleaved(targets, options.runs, childScript, options.progress);
    return assembleReport({
      runs: options.runs,
      environment: { node: process.version, platform: process.platform, arch: process.arch, cpu: os.cpus()[0]?.model ?? 'unknown CPU', cpus: os.cpus().length },
      profiles: [standard, armMin],
      functions: [...setups.values()],
      variants: ablationFunctions.length ? variants : [],
      ablationFunctions: ablationFunctions.map((fn) => fn.logicalId),
      targets,
    });
  } finally {
    await success.close();
    await error.close();
  }
};

/**
 * The build profiles of build-profiles.json and their translation into esbuild options.
 *
 * A profile's `buildProperties` are spelled the way SAM's esbuild Metadata spells them (`Minify`, `MainFields`,
 * `OutExtension`, …), so one object serves `sam build` (the template's Metadata equals the `standard` profile) and
 * our own build (which hands the same values to esbuild's API here).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BuildOptions } from 'esbuild';

export const PROFILES_FILE = 'build-profiles.json';
export const DEFAULT_PROFILE = 'standard';

export type Architecture = 'x86_64' | 'arm64';
export type SamBuildPropertyValue = string | boolean | string[];
export type SamBuildProperties = Record<string, SamBuildPropertyValue>;

export interface BuildProfile {
  name: string;
  description: string;
  architecture: Architecture;
  /** NODE_OPTIONS the deployed functions run with ('' = none). */
  nodeOptions: string;
  /** SAM esbuild BuildProperties, without EntryPoints (those are per function, from the template). */
  buildProperties: SamBuildProperties;
}

interface ProfilesFile {
  profiles: Record<string, Omit<BuildProfile, 'name'>>;
}

/** Every profile of build-profiles.json under `root`, by name. */
export const loadProfiles = (root: string): Record<string, BuildProfile> => {
  const file = JSON.parse(readFileSync(path.join(root, PROFILES_FILE), 'utf8')) as ProfilesFile;
  return Object.fromEntries(Object.entries(file.profiles).map(([name, profile]) => [name, { name, ...profile }]));
};

export const profileNamed = (profiles: Record<string, BuildProfile>, name: string): BuildProfile => {
  const profile = profiles[name];
  if (!profile) throw new Error(`Unknown build profile "${name}"; ${PROFILES_FILE} defines ${Object.keys(profiles).join(', ')}`);
  return profile;
};

/** `[".js=.mjs"]` → `{ ".js": ".mjs" }`, the shape of SAM's list properties such as OutExtension, Banner and Loader. */
const keyValues = (list: SamBuildPropertyValue): Record<string, string> =>
  Object.fromEntries(
    asList(list).map((item) => {
      const at = item.indexOf('=');
      if (at < 1) throw new Error(`Expected "key=value", got "${item}"`);
      return [item.slice(0, at), item.slice(at + 1)];
    }),
  );

const asList = (value: SamBuildPropertyValue): string[] => {
  if (!Array.isArray(value)) throw new Error(`Expected a list, got ${JSON.stringify(value)}`);
  return value;
};

const asBoolean = (value: SamBuildPropertyValue): boolean => {
  if (typeof value !== 'boolean') throw new Error(`Expected true or false, got ${JSON.stringify(value)}`);
  return value;
};

const asString = (value: SamBuildPropertyValue): string => {
  if (typeof value !== 'string') throw new Error(`Expected a string, got ${JSON.stringify(value)}`);
  return value;
};

/** SAM property → esbuild option. SAM passes each one as `--kebab-case`; these are the same flags in API form. */
const TRANSLATIONS: Record<string, (value: SamBuildPropertyValue) => BuildOptions> = {
  Format: (value) => ({ format: asString(value) as BuildOptions['format'] }),
  Target: (value) => ({ target: asString(value) }),
  Minify: (value) => ({ minify: asBoolean(value) }),
  Sourcemap: (value) => ({ sourcemap: asBoolean(value) }),
  Splitting: (value) => ({ splitting: asBoolean(value) }),
  MainFields: (value) => ({ mainFields: asString(value).split(',') }),
  OutExtension: (value) => ({ outExtension: keyValues(value) }),
  Banner: (value) => ({ banner: keyValues(value) }),
  Footer: (value) => ({ footer: keyValues(value) }),
  Loader: (value) => ({ loader: keyValues(value) as BuildOptions['loader'] }),
  Define: (value) => ({ define: keyValues(value) }),
  External: (value) => ({ external: asList(value) }),
};

/**
 * esbuild options for BuildProperties, the way AWS Lambda Builders turns them into flags: it always adds `--bundle
 * --platform=node` and, when the property is absent, `--target=es2020`, `--format=cjs` and `--minify`. An unknown
 * property fails, so a profile cannot say something that only one of the two builds would honour.
 */
export const toEsbuildOptions = (properties: SamBuildProperties): BuildOptions => {
  const options: BuildOptions = { bundle: true, platform: 'node', target: 'es2020', format: 'cjs', minify: true };
  for (const [key, value] of Object.entries(properties)) {
    if (key === 'EntryPoints') continue;
    const translate = TRANSLATIONS[key];
    if (!translate) throw new Error(`Build property ${key} is not supported by scripts/build (known: ${Object.keys(TRANSLATIONS).join(', ')})`);
    Object.assign(options, translate(value));
  }
  return options;
};

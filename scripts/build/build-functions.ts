/**
 * Bundles every esbuild function of template.yaml with one build profile into `.aws-sam/<profile>/`, laid out like
 * `sam build` output: `<LogicalId>/<entry>.mjs` (+ chunks, + source maps), `template.yaml` pointing at them, and
 * esbuild's metafiles in `metafiles/<LogicalId>.json` (outside the function directories, so they are not deployed).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { stringify } from 'yaml';
import { loadTemplate } from '../../src/local/emulator/template/load-template';
import { builtTemplate } from './built-template';
import { bundleSize, type BundleSize } from './bundle-size';
import { loadProfiles, profileNamed, toEsbuildOptions, type BuildProfile } from './profiles';
import { templateFunctions, type TemplateFunction } from './template-functions';

export interface BuildRequest {
  root: string;
  profile: string;
  /** Default `template.yaml` under root. */
  templatePath?: string;
  /** Default `.aws-sam/<profile>` under root. */
  outDir?: string;
}

export interface BuiltFunction extends BundleSize {
  logicalId: string;
  name: string;
  /** The TypeScript entry it was built from. */
  entryPoint: string;
  /** Absolute path of the handler module (`.../CreateOrderFunction/create-order.mjs`). */
  handlerFile: string;
  metafile: Metafile;
}

export interface BuildResult {
  profile: BuildProfile;
  outDir: string;
  templateFile: string;
  functions: BuiltFunction[];
}

/**
 * Bundles one entry into `dir` with a profile; shared with the benchmark's baselines. `workingDir` is esbuild's
 * working directory: for a function, its CodeUri, as under `sam build`, so that the standard profile's output is
 * byte for byte what `sam build` produces (esbuild writes module paths relative to it into the bundle).
 */
export const bundleEntry = async (
  profile: BuildProfile,
  entry: { name: string; file: string },
  dir: string,
  workingDir: string,
): Promise<{ handlerFile: string; metafile: Metafile } & BundleSize> => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const options = toEsbuildOptions(profile.buildProperties);
  const entryPoints = { [entry.name]: entry.file };
  const result = await build({ ...options, entryPoints, outdir: dir, absWorkingDir: workingDir, metafile: true, logLevel: 'warning' });
  const extension = options.outExtension?.['.js'] ?? '.js';
  const handlerFile = path.join(dir, `${entry.name}${extension}`);
  return { handlerFile, metafile: result.metafile, ...bundleSize(result.metafile, path.relative(workingDir, handlerFile), workingDir) };
};

const buildFunction = async (profile: BuildProfile, fn: TemplateFunction, outDir: string): Promise<BuiltFunction> => {
  const built = await bundleEntry(profile, { name: fn.name, file: fn.entryPoint }, path.join(outDir, fn.logicalId), fn.codeDir);
  writeFileSync(path.join(outDir, 'metafiles', `${fn.logicalId}.json`), JSON.stringify(built.metafile));
  return { logicalId: fn.logicalId, name: fn.name, entryPoint: fn.entryPoint, ...built };
};

export const buildFunctions = async (request: BuildRequest): Promise<BuildResult> => {
  const { root } = request;
  const profile = profileNamed(loadProfiles(root), request.profile);
  const templatePath = request.templatePath ?? path.join(root, 'template.yaml');
  const outDir = request.outDir ?? path.join(root, '.aws-sam', profile.name);
  const template = loadTemplate(templatePath);
  const functions = templateFunctions(template, path.dirname(templatePath));
  if (functions.length === 0) throw new Error(`${templatePath} has no function with Metadata BuildMethod esbuild`);

  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(path.join(outDir, 'metafiles'), { recursive: true });
  const built = await Promise.all(functions.map((fn) => buildFunction(profile, fn, outDir)));
  const templateFile = path.join(outDir, 'template.yaml');
  const output = builtTemplate(template, { profile, functions, templateDir: path.dirname(templatePath), outDir });
  const header = `# Built by \`npm run build -- --profile ${profile.name}\` from ${path.relative(outDir, templatePath)}; deploy with sam deploy --template-file.\n`;
  writeFileSync(templateFile, header + stringify(output, { version: '1.1', lineWidth: 0, aliasDuplicateObjects: false }));
  return { profile, outDir, templateFile, functions: built };
};

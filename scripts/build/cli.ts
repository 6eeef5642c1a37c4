/**
 * `npm run build -- --profile <name>` (default standard): refreshes the precompiled request validators, then
 * bundles every function of template.yaml with that profile into .aws-sam/<name>/ and prints the bundle sizes.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildFunctions } from './build-functions';
import { DEFAULT_PROFILE } from './profiles';
import { writeValidators } from './schema-validators';

const { values } = parseArgs({
  options: { profile: { type: 'string', default: DEFAULT_PROFILE }, template: { type: 'string' }, 'out-dir': { type: 'string' } },
});
const root = process.cwd();
for (const file of writeValidators(root)) console.log(`regenerated ${file}`);
const result = await buildFunctions({
  root,
  profile: values.profile ?? DEFAULT_PROFILE,
  ...(values.template ? { templatePath: path.resolve(values.template) } : {}),
  ...(values['out-dir'] ? { outDir: path.resolve(values['out-dir']) } : {}),
}).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
console.log(`profile ${result.profile.name} (${result.profile.architecture}) → ${path.relative(root, result.outDir)}/`);
console.table(
  Object.fromEntries(
    result.functions.map((fn) => [fn.logicalId, { bundle: kb(fn.bytes), gzip: kb(fn.gzipBytes), 'loaded at init': kb(fn.initBytes), files: fn.files }]),
  ),
);
console.log(`template: ${path.relative(root, result.templateFile)}`);

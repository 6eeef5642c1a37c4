/**
 * The template of a profile's build, laid out like `sam build` output: each function's CodeUri is its own directory
 * of bundled code, the profile's architecture and NODE_OPTIONS are applied, and every other relative path is
 * re-based so that `sam deploy --template-file .aws-sam/<profile>/template.yaml` packages the same files.
 */
import path from 'node:path';
import type { Template, TemplateResource } from '../../src/local/emulator/template/load-template';
import type { BuildProfile } from './profiles';
import { SERVERLESS_FUNCTION, type TemplateFunction } from './template-functions';

type Props = Record<string, unknown>;

export const SOURCE_MAPS_FLAG = '--enable-source-maps';

/** Properties holding a local path that `sam package` uploads, by resource type. */
const LOCAL_PATH_PROPERTIES: Record<string, string[]> = {
  'AWS::Serverless::Function': ['CodeUri'],
  'AWS::Serverless::StateMachine': ['DefinitionUri'],
  'AWS::Serverless::Api': ['DefinitionUri'],
  'AWS::Serverless::HttpApi': ['DefinitionUri'],
  'AWS::Serverless::LayerVersion': ['ContentUri'],
  'AWS::Serverless::Application': ['Location'],
};

const isLocalPath = (value: unknown): value is string => typeof value === 'string' && !/^[a-z0-9]+:\/\//i.test(value) && !path.isAbsolute(value);

const record = (holder: Props, key: string): Props => {
  const value = holder[key];
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Props;
  const created: Props = {};
  holder[key] = created;
  return created;
};

/** NODE_OPTIONS with `--enable-source-maps` added or removed; undefined when nothing is left. */
export const withSourceMapsFlag = (nodeOptions: unknown, enabled: boolean): string | undefined => {
  const flags = (typeof nodeOptions === 'string' ? nodeOptions.split(/\s+/) : []).filter((flag) => flag && flag !== SOURCE_MAPS_FLAG);
  if (enabled) flags.push(SOURCE_MAPS_FLAG);
  return flags.length ? flags.join(' ') : undefined;
};

const applyNodeOptions = (properties: Props, enabled: boolean): void => {
  const environment = properties.Environment as Props | undefined;
  const variables = environment?.Variables as Props | undefined;
  if (!variables || !('NODE_OPTIONS' in variables)) return;
  const value = withSourceMapsFlag(variables.NODE_OPTIONS, enabled);
  if (value === undefined) delete variables.NODE_OPTIONS;
  else variables.NODE_OPTIONS = value;
};

/** The profile's architecture: through the `Architecture` parameter when the template has one, else literally. */
const applyArchitecture = (template: Template, globals: Props, architecture: BuildProfile['architecture']): void => {
  const parameter = template.Parameters?.Architecture;
  const globalValue = JSON.stringify(globals.Architectures ?? null);
  if (parameter && globalValue.includes('"Ref":"Architecture"')) parameter.Default = architecture;
  else globals.Architectures = [architecture];
};

export interface BuiltTemplateOptions {
  profile: BuildProfile;
  functions: TemplateFunction[];
  /** Directory of the source template. */
  templateDir: string;
  /** Directory the built template is written to (`.aws-sam/<profile>`). */
  outDir: string;
}

export const builtTemplate = (source: Template, options: BuiltTemplateOptions): Template => {
  const template = structuredClone(source);
  const { profile, outDir, templateDir } = options;
  const sourceMaps = profile.nodeOptions.split(/\s+/).includes(SOURCE_MAPS_FLAG);
  const rebase = (value: string): string => path.relative(outDir, path.resolve(templateDir, value)) || '.';
  const globals = record(record(template as unknown as Props, 'Globals'), 'Function');
  if (isLocalPath(globals.CodeUri)) globals.CodeUri = rebase(globals.CodeUri);
  applyArchitecture(template, globals, profile.architecture);
  applyNodeOptions(globals, sourceMaps);

  const built = new Map(options.functions.map((fn) => [fn.logicalId, fn]));
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    if (!resource.Properties) continue;
    const properties = resource.Properties;
    const fn = built.get(logicalId);
    if (fn) {
      properties.CodeUri = logicalId;
      properties.Handler = `${fn.name}${fn.handler.slice(fn.handler.lastIndexOf('.'))}`;
      dropBuildMetadata(resource);
    } else {
      for (const key of LOCAL_PATH_PROPERTIES[resource.Type] ?? []) if (isLocalPath(properties[key])) properties[key] = rebase(properties[key]);
    }
    if (resource.Type === SERVERLESS_FUNCTION) applyNodeOptions(properties, sourceMaps);
  }
  return template;
};

/** The code is built already; SAM must not see a BuildMethod and think otherwise. */
const dropBuildMetadata = (resource: TemplateResource): void => {
  if (!resource.Metadata) return;
  delete resource.Metadata.BuildMethod;
  delete resource.Metadata.BuildProperties;
  if (Object.keys(resource.Metadata).length === 0) delete resource.Metadata;
};

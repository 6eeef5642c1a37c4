/**
 * The functions `sam build` would bundle with esbuild, read from the template: logical id, entry file, handler and
 * the Metadata BuildProperties, resolving CodeUri through Globals exactly as SAM does.
 */
import path from 'node:path';
import type { Template } from '../../src/local/emulator/template/load-template';
import type { SamBuildProperties } from './profiles';

export const SERVERLESS_FUNCTION = 'AWS::Serverless::Function';

export interface TemplateFunction {
  logicalId: string;
  /** Entry file name without extension (`create-order`): the handler module and the name of the built file. */
  name: string;
  /** Absolute path of the TypeScript entry. */
  entryPoint: string;
  /** Absolute path of the CodeUri directory: esbuild's working directory under `sam build`. */
  codeDir: string;
  /** `create-order.handler`. */
  handler: string;
  /** The template's Metadata BuildProperties, EntryPoints included. */
  buildProperties: SamBuildProperties;
}

type Props = Record<string, unknown>;
const asRecord = (value: unknown): Props => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Props) : {});

/** Every esbuild-built function of the template, in template order. */
export const templateFunctions = (template: Template, templateDir: string): TemplateFunction[] => {
  const globals = asRecord(template.Globals?.Function);
  return Object.entries(template.Resources)
    .filter(([, resource]) => resource.Type === SERVERLESS_FUNCTION && asRecord(resource.Metadata).BuildMethod === 'esbuild')
    .map(([logicalId, resource]) => {
      const properties = asRecord(resource.Properties);
      const buildProperties = asRecord(asRecord(resource.Metadata).BuildProperties) as SamBuildProperties;
      const codeUri = properties.CodeUri ?? globals.CodeUri ?? '.';
      const handler = properties.Handler ?? globals.Handler;
      if (typeof codeUri !== 'string') throw new Error(`${logicalId}: CodeUri must be a local path for an esbuild build`);
      if (typeof handler !== 'string') throw new Error(`${logicalId}: no Handler`);
      const entries = buildProperties.EntryPoints;
      // Without EntryPoints SAM bundles the handler's file, as here.
      const entry = Array.isArray(entries) && entries[0] ? entries[0] : handler.slice(0, handler.lastIndexOf('.'));
      const codeDir = path.resolve(templateDir, codeUri);
      const entryPoint = path.resolve(codeDir, path.extname(entry) ? entry : `${entry}.ts`);
      return { logicalId, name: path.basename(entryPoint, path.extname(entryPoint)), entryPoint, codeDir, handler, buildProperties };
    });
};

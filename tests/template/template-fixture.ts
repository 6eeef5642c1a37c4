/**
 * template.yaml and the files it points at, loaded once for the template tests, plus small accessors that keep the
 * tests readable. Intrinsic functions appear in their JSON form ({ Ref }, { 'Fn::GetAtt' }, { 'Fn::Sub' }).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTemplate, type TemplateResource } from '../../src/local/emulator/template/load-template';

export const ROOT = join(__dirname, '..', '..');
/** TEMPLATE_UNDER_TEST lets a mutated copy be checked without touching the real template. */
export const TEMPLATE_PATH = process.env.TEMPLATE_UNDER_TEST ?? join(ROOT, 'template.yaml');
export const ASL_PATH = join(ROOT, 'statemachine', 'order.asl.json');

export const template = loadTemplate(TEMPLATE_PATH);
export const aslText = readFileSync(ASL_PATH, 'utf8');

export type Props = Record<string, unknown>;

export const asRecord = (value: unknown): Props =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Props) : {};
export const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export const resource = (logicalId: string): TemplateResource => {
  const found = template.Resources[logicalId];
  if (!found) throw new Error(`template.yaml has no resource ${logicalId}`);
  return found;
};
export const propsOf = (logicalId: string): Props => asRecord(resource(logicalId).Properties);

export const resourcesOfType = (type: string): [string, TemplateResource][] =>
  Object.entries(template.Resources).filter(([, r]) => r.Type === type);
export const idsOfType = (type: string): string[] => resourcesOfType(type).map(([id]) => id);

export const functionIds = (): string[] => idsOfType('AWS::Serverless::Function');
export const globalFunction = (): Props => asRecord(template.Globals?.Function);

/** `{ Ref: X }` → X, `{ 'Fn::GetAtt': [X, A] }` → X; anything else → undefined. */
export const referencedResource = (value: unknown): string | undefined => {
  const record = asRecord(value);
  if (typeof record.Ref === 'string') return record.Ref;
  const getAtt = record['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  return undefined;
};

export const isRef = (value: unknown, target: string): boolean => asRecord(value).Ref === target;
export const isGetAtt = (value: unknown, target: string, attribute: string): boolean => {
  const getAtt = asRecord(value)['Fn::GetAtt'];
  return Array.isArray(getAtt) && getAtt[0] === target && getAtt[1] === attribute;
};

/** The text of a `!Sub` in its one-argument form, or undefined. */
export const subText = (value: unknown): string | undefined => {
  const sub = asRecord(value)['Fn::Sub'];
  return typeof sub === 'string' ? sub : undefined;
};

/** Every `${Name}` or `${Name.Attribute}` in a !Sub string. */
export const subVariables = (text: string): string[] => [...text.matchAll(/\$\{([^}!][^}]*)\}/g)].map((m) => m[1] ?? '');

export const PSEUDO_PARAMETERS = ['AWS::AccountId', 'AWS::NotificationARNs', 'AWS::NoValue', 'AWS::Partition', 'AWS::Region', 'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix'];

/** True when a !Sub variable names a parameter, pseudo parameter, resource, or an attribute of a resource. */
export const isKnownSubVariable = (variable: string): boolean => {
  if (PSEUDO_PARAMETERS.includes(variable)) return true;
  if (template.Parameters?.[variable]) return true;
  const [logicalId] = variable.split('.');
  return logicalId !== undefined && template.Resources[logicalId] !== undefined;
};

/** The state machine definition, parsed. */
export const asl = (): Props => JSON.parse(aslText) as Props;

/** Every state of the definition, including those inside Parallel branches, with its name. */
export const allStates = (definition: Props = asl()): [string, Props][] =>
  Object.entries(asRecord(definition.States)).flatMap(([name, value]) => {
    const state = asRecord(value);
    const nested = asArray(state.Branches).flatMap((branch) => allStates(asRecord(branch)));
    return [[name, state] as [string, Props], ...nested];
  });

const VENV_PYTHON = join(ROOT, '.venv', 'bin', 'python');

/** True when the project's .venv (SAM CLI, hence samtranslator) is installed: `bash scripts/python-env.sh`. */
export const samTranslatorAvailable = (): boolean =>
  existsSync(VENV_PYTHON) && spawnSync(VENV_PYTHON, ['-c', 'import samtranslator'], { stdio: 'ignore' }).status === 0;

/** template.yaml after SAM's transform, as CloudFormation would deploy it (see sam-translate.py). */
export const transformedTemplate = (): { Resources: Record<string, { Type: string; Properties?: Props }> } => {
  const run = spawnSync(VENV_PYTHON, [join(__dirname, 'sam-translate.py'), TEMPLATE_PATH], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`SAM transform failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as { Resources: Record<string, { Type: string; Properties?: Props }> };
};

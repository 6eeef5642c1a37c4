/**
 * Reads a CloudFormation/SAM template written in YAML with the short-form intrinsic tags (`!Ref`, `!Sub`, …),
 * turning each tag into its standard JSON form (`{ Ref: … }`, `{ "Fn::Sub": … }`) so the rest of the local stack
 * sees exactly what CloudFormation would.
 */
import { readFileSync } from 'node:fs';
import { parse, type Tags, type YAMLMap, type YAMLSeq } from 'yaml';

export interface Template {
  Globals?: Record<string, Record<string, unknown>>;
  Parameters?: Record<string, { Type?: string; Default?: unknown; AllowedValues?: unknown[] }>;
  Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  Conditions?: Record<string, unknown>;
  Resources: Record<string, TemplateResource>;
  Outputs?: Record<string, unknown>;
}

export interface TemplateResource {
  Type: string;
  Condition?: string;
  Properties?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
  DependsOn?: string | string[];
}

/** An untyped mapping of the template (Properties, an event, a policy…), read defensively. */
export type Props = Record<string, unknown>;
export const isRecord = (value: unknown): value is Props => typeof value === 'object' && value !== null && !Array.isArray(value);
export const asRecord = (value: unknown): Props => (isRecord(value) ? value : {});

/** The short-form tags; each is `Fn::<tag>` except `!Ref` and `!Condition`, which keep their names. */
const TAGS = 'Ref Condition GetAtt Sub If Equals Not And Or Join Select Split FindInMap GetAZs Base64 ImportValue Cidr Length ToJsonString Transform';
const functionName = (tag: string): string => (tag === 'Ref' || tag === 'Condition' ? tag : `Fn::${tag}`);

/** `!GetAtt A.B` is shorthand for `["A", "B"]`; the attribute itself may contain dots. */
const scalarValue = (tag: string, value: string): unknown => {
  if (tag !== 'GetAtt') return value;
  const dot = value.indexOf('.');
  return dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
};

const cloudFormationTags: Tags = TAGS.split(' ').flatMap((name) => [
  { tag: `!${name}`, resolve: (value: string) => ({ [functionName(name)]: scalarValue(name, value) }) },
  ...(['seq', 'map'] as const).map((collection) => ({
    tag: `!${name}`,
    collection,
    resolve: (node: YAMLMap.Parsed | YAMLSeq.Parsed) => ({ [functionName(name)]: node.toJSON() }),
  })),
]);

/** Parses template text; exported for tests that build templates inline. */
export const parseTemplate = (text: string): Template => {
  const parsed = parse(text, { customTags: cloudFormationTags, maxAliasCount: -1 }) as Template | null;
  if (typeof parsed?.Resources !== 'object') throw new Error('The template has no Resources section');
  return parsed;
};

/** Loads `template.yaml` (or any CloudFormation YAML/JSON file) with its intrinsic tags in standard form. */
export const loadTemplate = (path: string): Template => parseTemplate(readFileSync(path, 'utf8'));

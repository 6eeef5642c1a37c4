/**
 * Reads a CloudFormation/SAM template written in YAML with the short-form intrinsic tags (`!Ref`, `!Sub`, …),
 * turning each tag into its standard JSON form (`{ Ref: … }`, `{ "Fn::Sub": … }`) so the rest of the local stack
 * sees exactly what CloudFormation would.
 */
import { readFileSync } from 'node:fs';
import { parse, type Tags, type YAMLMap, type YAMLSeq } from 'yaml';

export type TemplateValue = unknown;

export interface Template {
  AWSTemplateFormatVersion?: string;
  Transform?: string | string[];
  Globals?: Record<string, Record<string, unknown>>;
  Parameters?: Record<string, { Type?: string; Default?: unknown; AllowedValues?: unknown[] }>;
  Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  Conditions?: Record<string, TemplateValue>;
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

/** Tag name → CloudFormation function name. `!Ref` and `!Condition` are not `Fn::` functions. */
const FUNCTION_TAGS: Record<string, string> = {
  Ref: 'Ref',
  Condition: 'Condition',
  GetAtt: 'Fn::GetAtt',
  Sub: 'Fn::Sub',
  If: 'Fn::If',
  Equals: 'Fn::Equals',
  Not: 'Fn::Not',
  And: 'Fn::And',
  Or: 'Fn::Or',
  Join: 'Fn::Join',
  Select: 'Fn::Select',
  Split: 'Fn::Split',
  FindInMap: 'Fn::FindInMap',
  GetAZs: 'Fn::GetAZs',
  Base64: 'Fn::Base64',
  ImportValue: 'Fn::ImportValue',
  Cidr: 'Fn::Cidr',
  Length: 'Fn::Length',
  ToJsonString: 'Fn::ToJsonString',
  Transform: 'Fn::Transform',
};

/** `!GetAtt A.B` is shorthand for `["A", "B"]`; the attribute itself may contain dots. */
const scalarValue = (name: string, value: string): unknown => {
  if (name !== 'GetAtt') return value;
  const dot = value.indexOf('.');
  return dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
};

const cloudFormationTags: Tags = Object.entries(FUNCTION_TAGS).flatMap(([name, fn]) => [
  { tag: `!${name}`, resolve: (value: string) => ({ [fn]: scalarValue(name, value) }) },
  { tag: `!${name}`, collection: 'seq' as const, resolve: (seq: YAMLSeq.Parsed | YAMLMap.Parsed) => ({ [fn]: seq.toJSON() }) },
  { tag: `!${name}`, collection: 'map' as const, resolve: (map: YAMLMap.Parsed | YAMLSeq.Parsed) => ({ [fn]: map.toJSON() }) },
]);

/** Parses template text; exported for tests that build templates inline. */
export const parseTemplate = (text: string): Template => {
  const parsed = parse(text, { customTags: cloudFormationTags, maxAliasCount: -1 }) as Template | null;
  if (!parsed || typeof parsed !== 'object' || typeof parsed.Resources !== 'object') {
    throw new Error('The template has no Resources section');
  }
  return parsed;
};

/** Loads `template.yaml` (or any CloudFormation YAML/JSON file) with its intrinsic tags in standard form. */
export const loadTemplate = (path: string): Template => parseTemplate(readFileSync(path, 'utf8'));

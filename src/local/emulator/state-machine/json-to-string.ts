/**
 * The one workaround for aws-local-stepfunctions' intrinsic functions (the library evaluates all the others):
 * version 3.0.0 strips every backslash from an intrinsic's string result, so `States.JsonToString` of a value
 * holding quotes (a Lambda error's Cause) comes out as invalid JSON. A Parameters field
 * `"key.$": "States.JsonToString(<argument>)"` is handed to the library as `"key.$": "<argument>"`, which it
 * evaluates correctly, and the value is stringified here before the state's task (or Pass) sees it.
 * tests/workflow/local-intrinsics.test.ts asserts the library's raw behaviour: when that test fails, the
 * library is fixed — delete this file and its uses in definition.ts and runner.ts.
 */
const CALL = /^\s*States\.JsonToString\((.*)\)\s*$/s;

type Json = unknown;
const isRecord = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface JsonToStringFields {
  /** The payload template as the library gets it. */
  template: Json;
  /** Where (key paths in the evaluated payload) a value must be stringified. */
  fields: string[][];
}

/** Finds the `States.JsonToString` fields of a payload template; throws where the workaround cannot apply. */
export const splitJsonToString = (template: Json, where: string, path: string[] = []): JsonToStringFields => {
  if (Array.isArray(template)) {
    if (JSON.stringify(template).includes('States.JsonToString')) throw new Error(`${where}: States.JsonToString inside an array is not supported locally`);
    return { template, fields: [] };
  }
  if (!isRecord(template)) return { template, fields: [] };
  const fields: string[][] = [];
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(template)) {
    const argument = key.endsWith('.$') && typeof value === 'string' ? CALL.exec(value)?.[1]?.trim() : undefined;
    if (argument !== undefined && !argument.includes('States.JsonToString') && /^(\$|States\.)/.test(argument)) {
      fields.push([...path, key.slice(0, -2)]);
      out[key] = argument;
    } else if (typeof value === 'string' && value.includes('States.JsonToString')) {
      // The library would strip the escapes of this result too (nested call, or a literal argument it cannot take alone).
      throw new Error(`${where}: ${value} is not supported locally (aws-local-stepfunctions strips its escapes); use it as a whole field value on a path or function`);
    } else {
      const inner = splitJsonToString(value, where, [...path, key]);
      fields.push(...inner.fields);
      out[key] = inner.template;
    }
  }
  return { template: out, fields };
};

/** The payload the library evaluated, with each field of `fields` turned into its JSON text. */
export const stringifyFields = (payload: Json, fields: readonly string[][]): Json => {
  if (fields.length === 0 || !isRecord(payload)) return payload;
  const copy = structuredClone(payload);
  for (const field of fields) {
    const holder = field.slice(0, -1).reduce<Json>((v, k) => (isRecord(v) ? v[k] : undefined), copy);
    const key = field[field.length - 1]!;
    if (isRecord(holder) && key in holder) holder[key] = JSON.stringify(holder[key]);
  }
  return copy;
};

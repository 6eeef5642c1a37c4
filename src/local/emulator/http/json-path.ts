/** JSONPath for `$input.path` / `$input.json` of mapping templates, on jsonpath-plus (Jayway JsonPath's syntax). */
import { JSONPath } from 'jsonpath-plus';

/** Wildcards, deep scans, filters, unions and slices select a list; any other path selects one value. */
const INDEFINITE = /\*|\.\.|\?\(|,|:/;

/** The value at `path` in `json`; a path that selects nothing (or does not parse) gives undefined. */
export const queryPath = (path: string, json: unknown): unknown => {
  if (json === null || typeof json !== 'object') return path.trim() === '$' ? json : undefined;
  try {
    const matches = JSONPath({ path, json, wrap: true }) as unknown[];
    return INDEFINITE.test(path) ? matches : matches[0];
  } catch {
    return undefined;
  }
};

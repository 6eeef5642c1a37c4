/**
 * SNS subscription filter policies (attribute- or body-scoped): exact strings and numbers, `prefix`,
 * `suffix`, `equals-ignore-case`, `anything-but`, `numeric` ranges, `exists`, and `$or`. A policy matches
 * when every key matches (AND); a key matches when any of its conditions does (OR).
 */
type Condition = unknown;
type Policy = Record<string, unknown>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const NUMERIC_OPERATORS: Record<string, (a: number, b: number) => boolean> = {
  '=': (a, b) => a === b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

const numericMatch = (value: unknown, spec: unknown[]): boolean => {
  const n = typeof value === 'number' ? value : Number(value);
  if (Number.isNaN(n)) return false;
  for (let i = 0; i + 1 < spec.length; i += 2) {
    const compare = NUMERIC_OPERATORS[String(spec[i])];
    if (!compare || !compare(n, Number(spec[i + 1]))) return false;
  }
  return true;
};

const conditionMatches = (condition: Condition, value: unknown, present: boolean): boolean => {
  if (!isRecord(condition)) return present && (condition === value || (typeof condition === 'number' && Number(value) === condition));
  if ('exists' in condition) return condition.exists === present;
  if (!present) return false;
  if ('prefix' in condition) return typeof value === 'string' && value.startsWith(String(condition.prefix));
  if ('suffix' in condition) return typeof value === 'string' && value.endsWith(String(condition.suffix));
  if ('equals-ignore-case' in condition) return String(value).toLowerCase() === String(condition['equals-ignore-case']).toLowerCase();
  if ('numeric' in condition) return numericMatch(value, condition.numeric as unknown[]);
  if ('anything-but' in condition) {
    const but = condition['anything-but'];
    if (isRecord(but)) return !conditionMatches(but, value, present);
    return !(Array.isArray(but) ? but : [but]).some((b) => b === value);
  }
  return false;
};

const keyMatches = (conditions: unknown, value: unknown, present: boolean): boolean => {
  const list = Array.isArray(conditions) ? conditions : [conditions];
  // An attribute holding an array of strings matches when any element does.
  const values = Array.isArray(value) ? value : [value];
  return list.some((c) => values.some((v) => conditionMatches(c, v, present)));
};

/** `attributes` are the message attributes' values (`String.Array` ones parsed), or the parsed body. */
export const matchesFilterPolicy = (policy: Policy, attributes: Record<string, unknown>): boolean => {
  const alternatives = policy.$or;
  if (Array.isArray(alternatives)) {
    const rest = Object.fromEntries(Object.entries(policy).filter(([k]) => k !== '$or'));
    return matchesFilterPolicy(rest, attributes) && alternatives.some((alt) => isRecord(alt) && matchesFilterPolicy(alt, attributes));
  }
  return Object.entries(policy).every(([key, conditions]) => {
    if (isRecord(conditions) && !('exists' in conditions) && !Object.keys(conditions).some(isOperator)) {
      const nested = attributes[key];
      return isRecord(nested) && matchesFilterPolicy(conditions, nested);
    }
    return keyMatches(conditions, attributes[key], key in attributes);
  });
};

const isOperator = (key: string): boolean =>
  ['prefix', 'suffix', 'equals-ignore-case', 'numeric', 'anything-but', 'exists'].includes(key);

/**
 * Values of command-line options (`orders`, `npm run load`, `npm run chaos`): node:util parseArgs reads them as
 * strings, these turn them into numbers with one wording for every tool.
 */

/** An option's value is not what it must be; the tools print it with their usage and exit 2. */
export class OptionValueError extends Error {
  override name = 'OptionValueError';
}

/** `--name` as an integer of at least `min`; `fallback` when the option is absent. */
export const integerOption = (name: string, raw: string | undefined, fallback: number, min = 1): number => {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(value) || value < min) throw new OptionValueError(`--${name} must be an integer >= ${min}, got "${raw}"`);
  return value;
};

/** `--name` as a number above zero; `fallback` when the option is absent. */
export const positiveNumberOption = (name: string, raw: string | undefined, fallback: number): number => {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value <= 0) throw new OptionValueError(`--${name} must be a number > 0, got "${raw}"`);
  return value;
};

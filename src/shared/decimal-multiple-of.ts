/**
 * `multipleOf` as API Gateway's model validation reads it: in decimal arithmetic on the number as written, so
 * `19.99` is a multiple of `0.01` and `19.994` or `0.30000000000000004` (what `0.1 + 0.2` serialises to) are not.
 * Ajv divides binary floats instead (19.99 / 0.01 = 1998.9999999999998) and would reject 19.99, or, with
 * `multipleOfPrecision`, accept 0.30000000000000004 where API Gateway answers 400.
 *
 * For a divisor that is a power of ten (0.01, 1, 100…), the check is exact: JavaScript prints a number with the
 * fewest digits that read back as the same double, which for a JSON number with at most 17 significant digits is
 * the text the client sent. Other divisors keep a tolerant float check (no schema here uses one).
 *
 * Used by every Ajv that validates our schemas: the precompiled Middy validator (scripts/build/schema-validators.ts),
 * the local API Gateway's model validation and the tests' oracle. No relative imports: Node's type stripping loads
 * this file from the build scripts.
 */
import { _, str, type CodeKeywordDefinition, type KeywordCxt } from 'ajv';

/** 0.01 → 2, 1 → 0, 100 → -2; undefined when `divisor` is not a power of ten. */
const powerOfTenPlaces = (divisor: number): number | undefined => {
  if (!(divisor > 0)) return undefined;
  const places = -Math.log10(divisor);
  const rounded = Math.round(places);
  return Math.abs(places - rounded) < 1e-9 && Number(`1e${-rounded}`) === divisor ? rounded : undefined;
};

export const decimalMultipleOf: CodeKeywordDefinition = {
  keyword: 'multipleOf',
  type: 'number',
  schemaType: 'number',
  error: {
    message: ({ schemaCode }) => str`must be multiple of ${schemaCode}`,
    params: ({ schemaCode }) => _`{multipleOf: ${schemaCode}}`,
  },
  code(cxt: KeywordCxt) {
    const { data, schema } = cxt;
    const places = powerOfTenPlaces(schema as number);
    if (places === undefined) {
      cxt.fail(_`Math.abs(Math.round(${data} / ${schema}) - ${data} / ${schema}) > 1e-9`);
    } else if (places <= 0) {
      cxt.fail(_`!Number.isInteger(${data} / ${schema})`);
    } else {
      // Not an integer: then its shortest decimal form has at most `places` digits after the point.
      const decimals = `^-?\\d*\\.\\d{1,${places}}$`;
      cxt.fail(_`!Number.isInteger(${data}) && !new RegExp(${decimals}).test(String(${data}))`);
    }
  },
};

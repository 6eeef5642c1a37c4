/**
 * The committed, precompiled request validator (src/schemas/*.validator.js) is what the create-order handler runs.
 * These tests keep it honest: it must be exactly what the JSON Schema generates today, and it must judge every body
 * exactly as Middy's own transpileSchema (Ajv compiling the schema at init) would, errors included.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { transpileSchema } from '@middy/validator/transpile';
import { AJV_OPTIONS, eventSchemaOf, generatedFiles, VALIDATORS } from '../../../scripts/build/schema-validators';
import validateCreateOrderEvent from '../../../src/schemas/create-order-request.validator';
import requestSchema from '../../../src/schemas/create-order-request.json';
import { bodyOf, events } from '../../support/events';

const ROOT = path.resolve(__dirname, '../../..');

describe('generated validators', () => {
  it.each(VALIDATORS.flatMap((spec) => generatedFiles(ROOT, spec)).map((file) => [path.relative(ROOT, file.path), file] as const))(
    '%s is fresh (run `npm run build` after changing the schema)',
    (_name, file) => {
      // Assert
      expect(readFileSync(file.path, 'utf8')).toBe(file.contents);
    },
  );

  it('needs no import at run time (no Ajv in the bundle)', () => {
    // Arrange
    const code = readFileSync(path.join(ROOT, 'src/schemas/create-order-request.validator.js'), 'utf8');

    // Assert
    expect(code).not.toMatch(/\bimport\b|require\(/);
  });
});

describe('create-order validator vs Middy transpileSchema', () => {
  // `multipleOf` is the one deliberate difference: ours divides in decimal as API Gateway does (19.99 is a multiple
  // of 0.01), Middy's Ajv in binary floats (it is not). The reference therefore judges everything else, and the
  // decimal rule has its own test below.
  const withoutMultipleOf = (schema: unknown): Record<string, unknown> =>
    JSON.parse(JSON.stringify(schema), (key: string, value: unknown) => (key === 'multipleOf' ? undefined : value)) as Record<string, unknown>;
  // Middy types transpileSchema's result as `Ajv`; it is Ajv's compiled validate function.
  const reference = transpileSchema(eventSchemaOf(withoutMultipleOf(requestSchema), 'body'), { ...AJV_OPTIONS }) as unknown as typeof validateCreateOrderEvent;
  const judge = (validate: typeof validateCreateOrderEvent, body: unknown) => {
    const valid = validate({ body });
    const errors = valid ? [] : (validate.errors ?? []).filter((e) => e.keyword !== 'multipleOf');
    return { valid: errors.length === 0, errors: errors.length ? errors : null };
  };

  it('takes amounts in whole cents, decided in decimal: 19.99 passes, 19.994 and 0.1 + 0.2 do not', () => {
    const withAmount = (amount: number) => ({ ...sample(), amount });
    const multipleOfErrors = (amount: number) =>
      validateCreateOrderEvent({ body: withAmount(amount) }) ? [] : (validateCreateOrderEvent.errors ?? []).map((e) => `${e.instancePath} ${e.keyword}`);

    expect(multipleOfErrors(19.99)).toEqual([]);
    expect(multipleOfErrors(19.994)).toEqual(['/body/amount multipleOf']);
    expect(multipleOfErrors(0.1 + 0.2)).toEqual(['/body/amount multipleOf']);
  });
  const sample = () => bodyOf(events.createOrder()) as unknown as Record<string, unknown>;

  it('accepts the sample order', () => {
    // Act / Assert
    expect(judge(validateCreateOrderEvent, sample())).toEqual({ valid: true, errors: null });
  });

  it('does not coerce: a quantity sent as a string stays an error, as in API Gateway', () => {
    // Arrange
    const body = sample();
    (body.items as Record<string, unknown>[])[0]!.quantity = '3';

    // Act
    const result = judge(validateCreateOrderEvent, body);

    // Assert
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual([expect.objectContaining({ instancePath: '/body/items/0/quantity', keyword: 'type', message: 'must be integer' })]);
    expect(result).toEqual(judge(reference, body));
  });

  it('reports every violation, like the reference (allErrors)', () => {
    // Arrange
    const body = { ...sample(), currency: 'usd', extra: 1, payment: { method: 'cash' } } as Record<string, unknown>;
    delete body.customerId;

    // Act
    const result = judge(validateCreateOrderEvent, body);

    // Assert
    expect(result.errors?.map((e) => e.keyword).sort()).toEqual(['additionalProperties', 'enum', 'pattern', 'required', 'required']);
    expect(result).toEqual(judge(reference, body));
  });

  it('judges arbitrary bodies exactly as the reference, errors included', () => {
    // Arrange: mutate the sample's fields into anything JSON can hold, and sometimes send something else entirely.
    const anyJson = fc.jsonValue({ maxDepth: 2 });
    const mutated = fc
      .record({ drop: fc.subarray(Object.keys(sample())), set: fc.dictionary(fc.constantFrom(...Object.keys(requestSchema.properties), 'extra'), anyJson) })
      .map(({ drop, set }) => {
        const body = { ...sample(), ...set };
        for (const key of drop) delete body[key];
        return body;
      });

    // Act / Assert
    fc.assert(
      fc.property(fc.oneof(mutated, anyJson), (body) => {
        expect(judge(validateCreateOrderEvent, body)).toEqual(judge(reference, body));
      }),
      { numRuns: 300 },
    );
  });
});

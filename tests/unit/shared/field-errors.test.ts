import type { ErrorObject } from 'ajv';
import { toFieldError } from '../../../src/shared/field-errors';

const ajvError = (error: Partial<ErrorObject>): ErrorObject => ({ instancePath: '', schemaPath: '#', keyword: 'type', params: {}, ...error }) as ErrorObject;

describe('toFieldError', () => {
  it.each<[string, Partial<ErrorObject>, { field: string; message: string }]>([
    ['a nested type error', { instancePath: '/body/items/0/quantity', message: 'must be integer' }, { field: 'items[0].quantity', message: 'must be integer' }],
    ['a missing property', { instancePath: '/body/payment', keyword: 'required', params: { missingProperty: 'token' } }, { field: 'payment.token', message: 'is required' }],
    ['a missing top-level property', { instancePath: '/body', keyword: 'required', params: { missingProperty: 'amount' } }, { field: 'amount', message: 'is required' }],
    ['an extra property', { instancePath: '/body/items/12', keyword: 'additionalProperties', params: { additionalProperty: 'discount' } }, { field: 'items[12].discount', message: 'is not allowed' }],
    ['an error on the body itself', { instancePath: '/body', message: 'must be object' }, { field: 'body', message: 'must be object' }],
    ['an error without a message', { instancePath: '/body/amount', message: undefined }, { field: 'amount', message: 'is invalid' }],
  ])('names the field of %s', (_, error, expected) => {
    expect(toFieldError(ajvError(error), '/body')).toEqual(expected);
  });

  it('reads a path from the root when the body was validated on its own (the local API Gateway)', () => {
    expect(toFieldError(ajvError({ instancePath: '/items/0/quantity', message: 'must be integer' }))).toEqual({ field: 'items[0].quantity', message: 'must be integer' });
    expect(toFieldError(ajvError({ instancePath: '', keyword: 'required', params: { missingProperty: 'amount' } }))).toEqual({ field: 'amount', message: 'is required' });
  });

  it('decodes JSON Pointer escapes in property names', () => {
    expect(toFieldError(ajvError({ instancePath: '/a~1b/c~0d', message: 'must be string' }))).toEqual({ field: 'a/b.c~d', message: 'must be string' });
  });
});

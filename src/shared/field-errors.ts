/**
 * Field-level messages for a rejected request body, `{ field: 'items[0].quantity', message: 'must be integer' }`:
 * the shape both the API's 4xx answers (Middy) and the local API Gateway's request validation report.
 */
import type { ErrorObject } from 'ajv';

export interface FieldError {
  field: string;
  message: string;
}

/**
 * An Ajv error as a field error: `/items/0/quantity` → `items[0].quantity`, a missing or extra property named
 * as the field. `root` is the path of the body inside what was validated (Middy validates `{ body }`: '/body').
 */
export const toFieldError = (error: ErrorObject, root = ''): FieldError => {
  const path = root && error.instancePath.startsWith(root) ? error.instancePath.slice(root.length) : error.instancePath;
  const segments = path
    .split('/')
    .filter(Boolean)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  const params = error.params as { missingProperty?: unknown; additionalProperty?: unknown };
  const missing = error.keyword === 'required' ? params.missingProperty : undefined;
  const extra = error.keyword === 'additionalProperties' ? params.additionalProperty : undefined;
  const leaf = missing ?? extra;
  if (leaf !== undefined) segments.push(String(leaf));
  const field = segments.reduce((acc, seg) => (/^\d+$/.test(seg) ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), '') || 'body';
  const message = missing !== undefined ? 'is required' : extra !== undefined ? 'is not allowed' : (error.message ?? 'is invalid');
  return { field, message };
};

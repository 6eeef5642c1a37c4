/** Values and errors shared by the VTL parser and evaluator. */
export type VtlValue = unknown;
export type VtlScope = Record<string, VtlValue>;

export class VtlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VtlError';
  }
}

/**
 * The requests and responses the stack's one HTTP server passes around (the REST API, the /_local endpoints and the
 * console all answer with these), and the helpers that read and write them.
 */

/** The parts of a request known before its body is read. */
export interface RequestHead {
  method: string;
  url: URL;
  /** Node's rawHeaders: name, value, name, value… (original case). */
  rawHeaders: string[];
  sourceIp: string;
}

/** A request with its body; above the size limit the body is dropped and `tooLarge` says so. */
export interface ApiRequest extends RequestHead {
  body: Buffer;
  tooLarge: boolean;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body: string | Buffer;
}

/** A JSON answer of the stack itself (indented: people read these with curl). */
export const jsonResponse = (status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): ApiResponse => ({
  status,
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body, null, 2),
});

/** The values of header `name` (lower case) in Node's rawHeaders, in order. */
export const headerValues = (raw: readonly string[], name: string): string[] =>
  raw.flatMap((value, i) => (i % 2 === 1 && raw[i - 1]?.toLowerCase() === name ? [value] : []));

export const headerValue = (raw: readonly string[], name: string): string | undefined => headerValues(raw, name)[0];

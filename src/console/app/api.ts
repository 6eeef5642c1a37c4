/** Requests from the page: the console's read API, and (local mode) the stack's own endpoints for actions. */

export class RequestFailed extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'RequestFailed';
  }
}

const messageOf = (status: number, text: string): string => {
  try {
    const body = JSON.parse(text) as { message?: unknown; errors?: unknown };
    const details = Array.isArray(body.errors) ? ` (${body.errors.map((e) => (typeof e === 'object' && e !== null ? JSON.stringify(e) : String(e))).join('; ')})` : '';
    if (typeof body.message === 'string') return `${body.message}${details}`;
  } catch {
    // not JSON
  }
  return `HTTP ${status}${text ? `: ${text.slice(0, 300)}` : ''}`;
};

export const request = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
  const response = await fetch(path, { ...init, headers: { accept: 'application/json', ...(init.body !== undefined && { 'content-type': 'application/json' }), ...init.headers } });
  const text = await response.text();
  if (!response.ok) throw new RequestFailed(response.status, messageOf(response.status, text));
  return (text ? JSON.parse(text) : undefined) as T;
};

export const getJson = <T>(path: string, signal?: AbortSignal): Promise<T> => request<T>(path, signal ? { signal } : {});

export const postJson = <T>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<T> =>
  request<T>(path, { method: 'POST', body: JSON.stringify(body), headers });

export const query = (params: Record<string, string | number | undefined>): string => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
};

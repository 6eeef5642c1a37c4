/**
 * The load tool's HTTP calls, on node:http(s) with keep-alive agents: cheaper per request than fetch, which
 * matters locally, where the client shares one process (and its CPU) with the stack it measures.
 */
import http from 'node:http';
import https from 'node:https';

export interface TimedResponse {
  statusCode: number;
  body: unknown;
  /** Epoch ms when the request was sent. */
  startedAt: number;
  latencyMs: number;
  /** Network failure (no HTTP answer): statusCode is 0. */
  error?: string;
}

const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

export const request = (method: 'GET' | 'POST', url: URL, headers: Record<string, string>, body?: unknown): Promise<TimedResponse> => {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const startedAt = Date.now();
  const started = performance.now();
  const secure = url.protocol === 'https:';
  return new Promise((resolve) => {
    const req = (secure ? https : http).request(
      url,
      {
        method,
        agent: secure ? agents.https : agents.http,
        headers: { ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) }), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ statusCode: res.statusCode ?? 0, body: parseJson(Buffer.concat(chunks).toString('utf8')), startedAt, latencyMs: performance.now() - started }),
        );
      },
    );
    req.on('error', (error) => resolve({ statusCode: 0, body: undefined, startedAt, latencyMs: performance.now() - started, error: error.message }));
    req.end(payload);
  });
};

export const postJson = (url: URL, body: unknown, headers: Record<string, string>): Promise<TimedResponse> => request('POST', url, headers, body);

/** Lets the process exit: idle keep-alive sockets would otherwise hold it open. */
export const closeConnections = (): void => {
  agents.http.destroy();
  agents.https.destroy();
};

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/**
 * The node:http server on 127.0.0.1: `/_local/*` goes to the console, everything else to the REST API
 * emulation. Bodies are read up to API Gateway's 10 MB limit (the rest is drained, and the request answered 413).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalLog } from '../log';
import type { ApiRequest, ApiResponse } from './rest-api';

export const MAX_BODY_BYTES = 10 * 1024 * 1024;
export const CONSOLE_PREFIX = '/_local/';

export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`Port ${port} is already in use on 127.0.0.1 (is the local stack already running?). Stop the other process or pick another port: PORT=${port + 1} npm start`);
    this.name = 'PortInUseError';
  }
}

/** What the server hands on: the request as the REST API emulation reads it. */
export type IncomingRequest = ApiRequest;

export type RequestHandler = (req: IncomingRequest) => Promise<ApiResponse>;

const readBody = (req: IncomingMessage): Promise<{ body: Buffer; tooLarge: boolean }> =>
  new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    let tooLarge = declared > MAX_BODY_BYTES;
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => resolve({ body: tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks), tooLarge }));
    req.on('error', reject);
  });

/** The request target as a URL; `//x` is a path here, not a protocol-relative URL (which would have no host). */
const requestUrl = (target = '/'): URL | null => URL.parse(target.startsWith('/') ? `http://127.0.0.1${target}` : target);

const send = (res: ServerResponse, response: ApiResponse): void => {
  res.statusCode = response.status;
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  res.end(response.body);
};

export const startHttpServer = async (port: number, handler: () => RequestHandler | undefined, log: LocalLog): Promise<{ server: Server; port: number }> => {
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const { body, tooLarge } = await readBody(req);
        const handle = handler();
        if (!handle) return send(res, { status: 503, headers: { 'Content-Type': 'application/json' }, body: '{"message":"Starting"}' });
        const url = requestUrl(req.url);
        if (!url) return send(res, { status: 400, headers: { 'Content-Type': 'application/json' }, body: '{"message":"Malformed request target"}' });
        const response = await handle({
          method: (req.method ?? 'GET').toUpperCase(),
          url,
          rawHeaders: req.rawHeaders,
          body,
          tooLarge,
          sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        });
        send(res, response);
      } catch (error) {
        log.warn(`Local stack error on ${req.method} ${req.url}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        if (!res.headersSent) send(res, { status: 500, headers: { 'Content-Type': 'application/json' }, body: '{"message":"Local stack error (see its console)"}' });
      }
    })();
  });
  // Keep-alive sockets would hold stop() for their idle timeout.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? new PortInUseError(port) : error));
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
};

export const closeHttpServer = (server: Server): Promise<void> =>
  new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });

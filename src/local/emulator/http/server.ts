/**
 * The node:http server on 127.0.0.1: `/_local/*` goes to the console, everything else to the REST API
 * emulation. Before a body is read, the request's head is checked: its Host and Origin (request-guard.ts), then
 * whatever the `screen` refuses from the head alone (a missing API key), so a caller without the key cannot make
 * the stack read 10 MB. Bodies are read up to API Gateway's 10 MB limit (the rest is drained, and the request
 * answered 413).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalLog } from '../log';
import { jsonResponse, type ApiRequest, type ApiResponse, type RequestHead } from './messages';
import { guardRequest } from './request-guard';

export const MAX_BODY_BYTES = 10 * 1024 * 1024;
export const CONSOLE_PREFIX = '/_local/';

export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`Port ${port} is already in use on 127.0.0.1 (is the local stack already running?). Stop the other process or pick another port: PORT=${port + 1} npm start`);
    this.name = 'PortInUseError';
  }
}

/** Serves a request, read as the REST API emulation reads it. */
export type RequestHandler = (req: ApiRequest) => Promise<ApiResponse>;

/** Answers a request from its head alone, before its body is read, or undefined to read the body and go on. */
export type RequestScreen = (head: RequestHead) => ApiResponse | undefined;

/** Up to MAX_BODY_BYTES of the body; a larger one is drained, not kept, and flagged. */
const readBody = async (req: IncomingMessage): Promise<{ body: Buffer; tooLarge: boolean }> => {
  let tooLarge = Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    tooLarge ||= size > MAX_BODY_BYTES;
    if (!tooLarge) chunks.push(chunk);
  }
  return { body: tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks), tooLarge };
};

/** The request target as a URL; `//x` is a path here, not a protocol-relative URL (which would have no host). */
const requestUrl = (target = '/'): URL | null => URL.parse(target.startsWith('/') ? `http://127.0.0.1${target}` : target);

/** A refused request's body is not read (`close`): the connection closes after the answer so the client stops sending it. */
const send = (res: ServerResponse, response: ApiResponse, close = false): void => {
  if (close) res.setHeader('Connection', 'close');
  // setHeader, not writeHead's object: two spellings of one name (a handler's `content-type` over the default
  // `Content-Type`) must end as one header, the last value winning.
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  res.writeHead(response.status).end(response.body);
};

export const startHttpServer = async (
  port: number,
  handler: () => RequestHandler | undefined,
  log: LocalLog,
  screen: () => RequestScreen | undefined = () => undefined,
): Promise<{ server: Server; port: number }> => {
  let boundPort = port;
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const url = requestUrl(req.url);
        if (!url) return send(res, jsonResponse(400, { message: 'Malformed request target' }), true);
        const head: RequestHead = {
          method: (req.method ?? 'GET').toUpperCase(),
          url,
          rawHeaders: req.rawHeaders,
          sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        };
        const refused = guardRequest(head, boundPort) ?? screen()?.(head);
        if (refused) return send(res, refused, true);
        const { body, tooLarge } = await readBody(req);
        const handle = handler();
        if (!handle) return send(res, jsonResponse(503, { message: 'Starting' }));
        send(res, await handle({ ...head, body, tooLarge }));
      } catch (error) {
        log.warn(`Local stack error on ${req.method} ${req.url}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        if (!res.headersSent) send(res, jsonResponse(500, { message: 'Local stack error (see its console)' }));
      }
    })();
  });
  // Keep-alive sockets would hold stop() for their idle timeout.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? new PortInUseError(port) : error));
    server.listen(port, '127.0.0.1', () => resolve());
  });
  boundPort = (server.address() as AddressInfo).port;
  return { server, port: boundPort };
};

export const closeHttpServer = (server: Server): Promise<void> =>
  new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });

/**
 * The console on its own node:http server on 127.0.0.1 (`orders console --stack-name`): read-only (GET and HEAD
 * only), and only for loopback Host names, so a page on another site cannot read it through a DNS-rebound name.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConsoleServer } from './console-server';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

const isLoopbackHost = (host: string | undefined, port: number): boolean => {
  if (!host) return false;
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host.toLowerCase());
  return match !== null && LOOPBACK_HOSTS.has(match[1] ?? '') && (match[2] === undefined || Number(match[2]) === port);
};

export interface RunningConsole {
  url: string;
  port: number;
  close(): Promise<void>;
}

export const serveConsole = async (consoleServer: ConsoleServer, port: number): Promise<RunningConsole> => {
  let actualPort = port;
  const server: Server = createServer((req, res) => {
    const answer = (status: number, message: string): void => {
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify({ message }));
    };
    if (!isLoopbackHost(req.headers.host, actualPort)) return answer(403, 'The console answers only to 127.0.0.1, localhost and [::1]');
    const method = (req.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') return answer(405, 'This console is read-only');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${actualPort}`);
    if (url.pathname === '/') {
      res.writeHead(302, { Location: '/console/' }).end();
      return;
    }
    if (!ConsoleServer.owns(url.pathname)) return answer(404, `${url.pathname} not found`);
    consoleServer.handle({ method, url }).then(
      (response) => {
        res.writeHead(response.status, response.headers).end(method === 'HEAD' ? undefined : response.body);
      },
      () => answer(500, 'Console error'),
    );
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  actualPort = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    close: () =>
      new Promise<void>((resolve) => {
        consoleServer.close();
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
};

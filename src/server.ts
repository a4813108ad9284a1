/**
 * The one HTTP server SafeStep listens on (PORT): each chat channel mounts its routes
 * (/slack/events, /api/messages); /healthz answers for load balancers. Nothing else is served.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpRoute } from './core/host';
import type { Logger } from './core/ports';

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

/** Starts the server on `port` (0 picks a free one) at 127.0.0.1 or `host`. */
export function startHttpServer(port: number, routes: HttpRoute[], log: Logger, host?: string): Promise<RunningServer> {
  const server = http.createServer((req, res) => {
    const url = (req.url ?? '').split('?')[0];
    if (req.method === 'GET' && url === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    const route = routes.find((r) => r.path === url && r.method === req.method);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    Promise.resolve(route.handle(req, res)).catch((err: unknown) => {
      log.error('http_route_failed', { path: route.path, code: err instanceof Error ? err.name : 'unknown' });
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const actual = (server.address() as AddressInfo).port;
      resolve({
        port: actual,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

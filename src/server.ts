/**
 * The one HTTP server SafeStep listens on (PORT): each chat channel mounts its routes
 * (/slack/events, /api/messages, /slack/install, …); /healthz (liveness: the process answers)
 * and /readyz (readiness: the database answers) are for load balancers. Nothing else is served.
 * On shutdown the server first drains: every new request gets 503 while requests already being
 * handled finish; only then does it close.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpRoute } from './core/host';
import type { Logger } from './core/ports';

/** Whether this server can do its work now; `reason` is a short code, never a secret. */
export type Readiness = () => { ready: true } | { ready: false; reason: string };

export interface RunningServer {
  port: number;
  /** Refuses new requests with 503 from now on; resolves once no request is being handled (or `withinMs` passed). */
  drain(withinMs: number): Promise<boolean>;
  /** Closes the port and every connection still open. */
  close(): Promise<void>;
}

export interface ServerOptions {
  /** The address to listen on (default: all). */
  host?: string;
  /** What /readyz reports (default: always ready). */
  readiness?: Readiness;
}

/** Starts the server on `port` (0 picks a free one). */
export function startHttpServer(port: number, routes: HttpRoute[], log: Logger, options: ServerOptions = {}): Promise<RunningServer> {
  let draining = false;
  let active = 0;
  let idle: (() => void) | undefined;
  const settled = () => {
    active -= 1;
    if (active === 0) idle?.();
  };
  const server = http.createServer((req, res) => {
    const url = (req.url ?? '').split('?')[0];
    if (draining) {
      res.writeHead(503, { 'content-type': 'application/json', connection: 'close', 'retry-after': '5' }).end(JSON.stringify({ status: 'stopping' }));
      return;
    }
    if (req.method === 'GET' && url === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    if (req.method === 'GET' && url === '/readyz') {
      const state = options.readiness?.() ?? { ready: true };
      res.writeHead(state.ready ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(state.ready ? { status: 'ready' } : { status: 'not_ready', reason: state.reason }));
      return;
    }
    const route = routes.find((r) => r.path === url && r.method === req.method);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    active += 1;
    Promise.resolve()
      .then(() => route.handle(req, res))
      .catch((err: unknown) => {
        log.error('http_route_failed', { path: route.path, code: err instanceof Error ? err.name : 'unknown' });
        if (!res.headersSent) res.writeHead(500).end();
      })
      .finally(settled);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, options.host, () => {
      const actual = (server.address() as AddressInfo).port;
      resolve({
        port: actual,
        drain: (withinMs) => {
          draining = true;
          if (active === 0) return Promise.resolve(true);
          return new Promise<boolean>((done) => {
            const timer = setTimeout(() => done(false), withinMs);
            idle = () => {
              clearTimeout(timer);
              done(true);
            };
          });
        },
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

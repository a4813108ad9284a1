/**
 * /healthz (liveness) and /readyz (readiness) on SafeStep's one HTTP server, over real HTTP on
 * loopback: /readyz is 503 with a short reason while the database does not answer and 200 again
 * once it does; a real SQLite database is ready, and one that could not be opened is not (and the
 * answer names no path or secret). While draining for shutdown, every new request gets 503 and
 * the drain waits for the requests already being handled.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import type { Logger } from '../../src/core/ports';
import { serveChannels } from '../../src/serve';
import { startHttpServer } from '../../src/server';

const ROOT = path.resolve(__dirname, '..', '..');
const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

async function get(port: number, url: string): Promise<{ status: number; body: string }> {
  const res = await fetch(`http://127.0.0.1:${port}${url}`);
  return { status: res.status, body: await res.text() };
}

test('/readyz follows the database: 503 with a reason while it does not answer, 200 when it returns; /healthz stays 200', async () => {
  let up = true;
  const server = await startHttpServer(0, [], quiet, { host: '127.0.0.1', readiness: () => (up ? { ready: true } : { ready: false, reason: 'database_unreachable' }) });
  try {
    expect(await get(server.port, '/readyz')).toEqual({ status: 200, body: JSON.stringify({ status: 'ready' }) });
    up = false;
    expect(await get(server.port, '/readyz')).toEqual({ status: 503, body: JSON.stringify({ status: 'not_ready', reason: 'database_unreachable' }) });
    expect((await get(server.port, '/healthz')).status).toBe(200);
    up = true;
    expect((await get(server.port, '/readyz')).status).toBe(200);
  } finally {
    await server.close();
  }
});

test('draining: new requests get 503 and the drain waits for the request already being handled', async () => {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let started!: () => void;
  const arrived = new Promise<void>((resolve) => (started = resolve));
  const route = {
    method: 'POST' as const,
    path: '/slow',
    handle: async (_req: unknown, res: import('node:http').ServerResponse) => {
      started();
      await held;
      res.writeHead(200).end('done');
    },
  };
  const server = await startHttpServer(0, [route], quiet, { host: '127.0.0.1' });
  try {
    const slow = fetch(`http://127.0.0.1:${server.port}/slow`, { method: 'POST' }).then(async (r) => ({ status: r.status, body: await r.text() }));
    await arrived;
    let drained = false;
    const drain = server.drain(5000).then((finished) => {
      drained = true;
      return finished;
    });
    expect(await get(server.port, '/healthz')).toEqual({ status: 503, body: JSON.stringify({ status: 'stopping' }) });
    expect((await fetch(`http://127.0.0.1:${server.port}/slow`, { method: 'POST' })).status).toBe(503);
    expect(drained).toBe(false);
    release();
    expect(await slow).toEqual({ status: 200, body: 'done' });
    expect(await drain).toBe(true);
  } finally {
    await server.close();
  }
});

test('a drain that outlasts its bound resolves false', async () => {
  const route = { method: 'POST' as const, path: '/stuck', handle: () => new Promise<void>(() => undefined) };
  const server = await startHttpServer(0, [route], quiet, { host: '127.0.0.1' });
  try {
    const stuck = fetch(`http://127.0.0.1:${server.port}/stuck`, { method: 'POST' }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    expect(await server.drain(300)).toBe(false);
    expect(Date.now() - started).toBeLessThan(2000);
    await server.close();
    await stuck;
  } finally {
    await server.close();
  }
});

describe('SafeStep serving', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safestep-ready-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('is ready on its SQLite database', async () => {
    const serving = await serveChannels(loadConfig({ SAFESTEP_SETTING: 'upton-junior', SAFESTEP_DATA_DIR: dir, PORT: '0' }, ROOT), { host: '127.0.0.1', log: quiet });
    try {
      expect(await get(serving.port, '/readyz')).toEqual({ status: 200, body: JSON.stringify({ status: 'ready' }) });
      expect(await get(serving.port, '/healthz')).toEqual({ status: 200, body: 'ok' });
    } finally {
      await serving.stop();
    }
  });

  test('is alive but not ready when its database cannot be opened, and says so without a path', async () => {
    const blocker = path.join(dir, 'not-a-folder');
    fs.writeFileSync(blocker, 'x');
    const serving = await serveChannels(loadConfig({ SAFESTEP_SETTING: 'upton-junior', SAFESTEP_DATA_DIR: path.join(blocker, 'data'), PORT: '0' }, ROOT), { host: '127.0.0.1', log: quiet });
    try {
      expect(serving.app.storeError).toBeDefined();
      const ready = await get(serving.port, '/readyz');
      expect(ready).toEqual({ status: 503, body: JSON.stringify({ status: 'not_ready', reason: 'database_unreachable' }) });
      expect(ready.body).not.toContain(dir);
      expect((await get(serving.port, '/healthz')).status).toBe(200);
    } finally {
      await serving.stop();
    }
  });
});

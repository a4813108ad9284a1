/**
 * The source of the worker thread that owns SafeStep's PostgreSQL connection (see pg-sync.ts).
 * Kept as plain JavaScript text and started with `eval: true`, so the same code runs under ts-jest
 * and from dist/ without a separate build step. It handles one request at a time: the main thread
 * posts a request and blocks until this worker posts the answer and flips the shared flag.
 * A lost connection is dropped and re-made on the next request (so a readiness probe recovers).
 */
export const PG_WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const pg = require(workerData.pgPath);
const { port, signal, url, statementTimeoutMs, lockTimeoutMs, connectTimeoutMs } = workerData;
const flag = new Int32Array(signal);
// int8 (COUNT(*), BIGINT ids) as numbers: SafeStep's ids stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
let client;

async function connection() {
  if (client) return client;
  const c = new pg.Client({
    connectionString: url,
    statement_timeout: statementTimeoutMs,
    lock_timeout: lockTimeoutMs,
    connectionTimeoutMillis: connectTimeoutMs,
    application_name: 'safestep',
  });
  c.on('error', () => { if (client === c) client = undefined; });
  try {
    await c.connect();
  } catch (err) {
    c.end().catch(() => undefined);
    throw err;
  }
  client = c;
  return c;
}

function reply(message) {
  port.postMessage(message);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}

port.on('message', async (req) => {
  try {
    if (req.op === 'end') {
      const c = client;
      client = undefined;
      if (c) await c.end().catch(() => undefined);
      reply({ id: req.id, ok: true, rows: [], rowCount: 0 });
      return;
    }
    const c = await connection();
    if (req.op === 'connect') {
      reply({ id: req.id, ok: true, rows: [], rowCount: 0 });
      return;
    }
    const res = req.params.length > 0 ? await c.query(req.sql, req.params) : await c.query(req.sql);
    const last = Array.isArray(res) ? res[res.length - 1] : res;
    reply({ id: req.id, ok: true, rows: (last && last.rows) || [], rowCount: (last && last.rowCount) || 0 });
  } catch (err) {
    // A broken socket (no SQLSTATE) is dropped so the next request reconnects.
    const code = err && typeof err.code === 'string' ? err.code : undefined;
    if (client && (!code || /^(08|57P)/.test(code) || /^E[A-Z]+$/.test(code))) {
      const c = client;
      client = undefined;
      c.end().catch(() => undefined);
    }
    reply({ id: req.id, ok: false, code, message: err && err.message ? String(err.message) : 'database error' });
  }
});
`;

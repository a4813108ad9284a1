/**
 * A synchronous PostgreSQL connection, so the PostgreSQL stores keep the same synchronous ports
 * (and the same transaction discipline) as the SQLite ones. The `pg` driver runs in a worker
 * thread (pg-worker-source.ts); each call posts the query over a MessagePort and blocks this
 * thread with Atomics.wait on a SharedArrayBuffer until the worker flips it, then takes the answer
 * with receiveMessageOnPort (the technique synckit uses).
 *
 * Trade-off: every store call blocks the event loop for one round trip to the database (well
 * under a millisecond on loopback or a LAN). That keeps the core simple and its transactions
 * honest; the price is that a slow database slows every conversation of this server, bounded by
 * statement_timeout and lock_timeout (a blocked server never hangs for ever).
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { PG_WORKER_SOURCE } from './pg-worker-source';

/** Limits of one connection. */
export interface PgOptions {
  /** Longest a statement may run, ms (default 10 s). */
  statementTimeoutMs?: number;
  /** Longest a statement waits for a lock (row or advisory), ms (default 5 s). */
  lockTimeoutMs?: number;
  /** Longest a connection attempt takes, ms (default 5 s). */
  connectTimeoutMs?: number;
}

/** An error the database (or the driver) reported, with its SQLSTATE or socket code. */
export class PgError extends Error {
  constructor(readonly code: string | undefined, message: string) {
    super(message);
    this.name = 'PgError';
  }
}

interface Reply {
  id: number;
  ok: boolean;
  rows: Record<string, unknown>[];
  rowCount: number;
  code?: string;
  message?: string;
}

type Param = string | number | boolean | null;

/** One dedicated connection, used synchronously. Not shared between threads. */
export class SyncPg {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly flag: Int32Array;
  private readonly waitMs: number;
  private nextId = 1;
  private depth = 0;
  private closed = false;

  /** Starts the worker and connects; throws PgError if the database cannot be reached. */
  constructor(url: string, options: PgOptions = {}) {
    const statementTimeoutMs = options.statementTimeoutMs ?? 10_000;
    const lockTimeoutMs = options.lockTimeoutMs ?? 5_000;
    const connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
    this.waitMs = statementTimeoutMs + connectTimeoutMs + 5_000;
    const signal = new SharedArrayBuffer(4);
    this.flag = new Int32Array(signal);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(PG_WORKER_SOURCE, {
      eval: true,
      workerData: { port: port2, signal, url, statementTimeoutMs, lockTimeoutMs, connectTimeoutMs, pgPath: require.resolve('pg') },
      transferList: [port2],
    });
    this.worker.unref();
    this.port.unref();
    try {
      this.request('connect', '', []);
    } catch (err) {
      this.close();
      throw err;
    }
  }

  /** Rows of a query ($1, $2 … placeholders). */
  query<T = Record<string, unknown>>(sql: string, params: readonly Param[] = []): T[] {
    return this.request('query', sql, params).rows as T[];
  }

  /** The first row, or undefined. */
  one<T = Record<string, unknown>>(sql: string, params: readonly Param[] = []): T | undefined {
    return this.query<T>(sql, params)[0];
  }

  /** Runs a statement; returns how many rows it touched. Without params, several statements may be sent at once. */
  run(sql: string, params: readonly Param[] = []): number {
    return this.request('query', sql, params).rowCount;
  }

  /** True while inside `transaction`. */
  get inTransaction(): boolean {
    return this.depth > 0;
  }

  /** Runs `work` in one transaction (a savepoint when nested): all of its writes commit, or none. */
  transaction<T>(work: () => T): T {
    const savepoint = this.depth > 0 ? `sp_${this.depth}` : undefined;
    this.run(savepoint ? `SAVEPOINT ${savepoint}` : 'BEGIN');
    this.depth += 1;
    let result: T;
    try {
      result = work();
    } catch (err) {
      this.depth -= 1;
      try {
        this.run(savepoint ? `ROLLBACK TO SAVEPOINT ${savepoint}` : 'ROLLBACK');
      } catch {
        // The original error is the one that matters.
      }
      throw err;
    }
    this.depth -= 1;
    this.run(savepoint ? `RELEASE SAVEPOINT ${savepoint}` : 'COMMIT');
    return result;
  }

  /** Closes the connection and stops the worker. Safe to call twice. */
  close(): void {
    if (this.closed) return;
    try {
      this.request('end', '', []);
    } catch {
      // Already gone.
    }
    this.closed = true;
    void this.worker.terminate();
  }

  private request(op: 'connect' | 'query' | 'end', sql: string, params: readonly Param[]): Reply {
    if (this.closed) throw new PgError('CONNECTION_CLOSED', 'the database connection is closed');
    const id = this.nextId++;
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage({ id, op, sql, params });
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      const got = receiveMessageOnPort(this.port);
      if (got) {
        const reply = got.message as Reply;
        if (reply.id !== id) continue; // the late answer to a request that timed out
        if (!reply.ok) throw new PgError(reply.code, reply.message ?? 'database error');
        return reply;
      }
      const left = deadline - Date.now();
      if (left <= 0 || Atomics.wait(this.flag, 0, 0, left) === 'timed-out') {
        throw new PgError('DATABASE_TIMEOUT', 'the database did not answer in time');
      }
      Atomics.store(this.flag, 0, 0);
    }
  }
}

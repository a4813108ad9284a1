/**
 * A throwaway PostgreSQL cluster for tests: initdb into a temp folder, start on a free port with
 * its socket in that folder, a fresh database per test, and `pg_ctl stop -m fast` at the end, even
 * on failure. Uses the Debian package's binaries (`postgresql`, server 15); as root, the server
 * runs as the `postgres` system user (it refuses root). When the binaries are absent the PG suites
 * say so and are skipped, except under CI=true, where absence fails the run.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SyncPg } from '../../src/store/pg-sync';

/** SAFESTEP_PG_BIN, else every Debian server version installed, newest first (15 on Debian 12, 17 on 13). */
function binDirs(): string[] {
  const root = '/usr/lib/postgresql';
  const installed = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)).map((v) => path.join(root, v, 'bin')) : [];
  return [process.env.SAFESTEP_PG_BIN, ...installed].filter((d): d is string => Boolean(d));
}

/** Where initdb and pg_ctl are, or undefined. */
export function postgresBin(): string | undefined {
  return binDirs().find((d) => fs.existsSync(path.join(d, 'pg_ctl')) && fs.existsSync(path.join(d, 'initdb')));
}

/** A running cluster. */
export interface PgCluster {
  port: number;
  dir: string;
  /** A new, empty database on the cluster; its URL. */
  freshDatabase(): string;
  /** Stops the server (fast) keeping its data, as an outage would; `up` starts it again. */
  down(): void;
  up(): void;
  stop(): void;
}

/** True when PostgreSQL tests should run (binaries present); throws under CI when they are absent. */
export function postgresAvailable(): boolean {
  if (postgresBin()) return true;
  if (process.env.CI === 'true') throw new Error('CI=true but PostgreSQL is not installed (apt-get install -y postgresql; see .ci/run)');
  // eslint-disable-next-line no-console
  console.warn('PostgreSQL binaries not found (/usr/lib/postgresql/*/bin): the PostgreSQL store tests are SKIPPED. Install the Debian package "postgresql" to run them.');
  return false;
}


function freePort(): number {
  const script = "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close();})";
  return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

function asPostgres(cmd: string, args: string[]): void {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const [file, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  execFileSync(file, argv, { stdio: 'pipe', timeout: 60_000 });
}

/** Starts a cluster (synchronously; about a second). */
export function startPostgres(): PgCluster {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL binaries not found');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safestep-pg-'));
  fs.chmodSync(dir, 0o755);
  if (typeof process.getuid === 'function' && process.getuid() === 0) execFileSync('chown', ['postgres:postgres', dir]);
  const data = path.join(dir, 'data');
  const port = freePort();
  const pgCtl = path.join(bin, 'pg_ctl');
  let started = false;
  const start = (): void => {
    asPostgres(pgCtl, ['-D', data, '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, '-l', path.join(dir, 'log'), 'start', '-w']);
  };
  const stop = (): void => {
    if (started) {
      try {
        asPostgres(pgCtl, ['-D', data, 'stop', '-m', 'fast', '-w']);
      } catch {
        // Already stopped.
      }
      started = false;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    asPostgres(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
    started = true;
    start();
  } catch (err) {
    stop();
    throw err;
  }
  let n = 0;
  const admin = new SyncPg(`postgres://postgres@127.0.0.1:${port}/postgres`);
  return {
    port,
    dir,
    freshDatabase() {
      n += 1;
      const name = `safestep_t${process.pid}_${n}`;
      admin.run(`CREATE DATABASE ${name}`);
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    down() {
      asPostgres(pgCtl, ['-D', data, 'stop', '-m', 'fast', '-w']);
    },
    up() {
      start();
    },
    stop() {
      admin.close();
      stop();
    },
  };
}

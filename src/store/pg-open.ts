/**
 * Builds the stores on PostgreSQL (SAFESTEP_DATABASE_URL=postgres://…): one synchronous
 * connection per server (pg-sync.ts), migrated on open, sealed like SQLite. Also what several
 * servers on one database need: a conversation lock (a session-level advisory lock keyed on the
 * conversation id, held while the turn loads, advances and saves the session, so the same message
 * reaching two servers is handled in turn), shared event de-duplication and tick claims.
 */
import { StoreError } from '../core/errors';
import { PLAIN_DATA, type DataSeal } from './data-seal';
import { openCipher } from './open-cipher';
import type { StoreOptions, Stores } from './stores';
import { PgAuditStore, PgCaseStore } from './pg-cases';
import { PgChannelRefStore } from './pg-channel-refs';
import { PgDeliveryStore } from './pg-deliveries';
import { pgMigrate, pgSchemaVersion } from './pg-migrations';
import { PgQuizStore } from './pg-quiz';
import { pgHoldsSealedData, pgKeyIdsInUse, pgReseal } from './pg-reseal';
import { PgReportStore } from './pg-reports';
import { PgRetentionStore } from './pg-retention';
import { PgSessionStore } from './pg-sessions';
import { SyncPg, type PgOptions } from './pg-sync';
import { pgSharedWork } from './shared-work';
import { toStoreError } from './store-error';

/** True for a postgres:// or postgresql:// URL. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** Where the database is, safe to show and log: a URL without its user name or password. */
export function describeDatabase(location: string): string {
  if (!isPostgresUrl(location)) return location;
  try {
    const u = new URL(location);
    return `postgres://${u.host}${u.pathname}`;
  } catch {
    return 'the PostgreSQL database (unparseable URL)';
  }
}

/** Opens, migrates and assembles the PostgreSQL stores; store_open_error (or key_error) if it cannot. */
export function openPgStores(url: string, options: StoreOptions & PgOptions = {}): Stores {
  const where = `Could not open the SafeStep database at ${describeDatabase(url)}`;
  let db: SyncPg;
  try {
    db = new SyncPg(url, options);
  } catch (err) {
    throw toStoreError('store_open_error', where, err);
  }
  let seal: DataSeal = PLAIN_DATA;
  try {
    if (options.mustExist && pgSchemaVersion(db) === 0) throw new StoreError('store_open_error', `${where}: it holds no SafeStep data`);
    pgMigrate(db);
    if (options.key) {
      seal = openCipher({ holdsSealedData: () => pgHoldsSealedData(db), keyIdsInUse: () => pgKeyIdsInUse(db), reseal: (c) => void pgReseal(db, c, false) }, options.key, options.log);
    }
  } catch (err) {
    db.close();
    if (err instanceof StoreError) throw new StoreError('store_open_error', err.message.startsWith(where) ? err.message : `${where}: ${err.message}`, { cause: err });
    if (err instanceof Error && 'code' in err && (err as { code: unknown }).code === 'key_error') throw err;
    throw toStoreError('store_open_error', where, err);
  }
  const shared = pgSharedWork(db);
  return {
    sessions: new PgSessionStore(db, seal),
    reports: new PgReportStore(db, seal),
    deliveries: new PgDeliveryStore(db),
    channelRefs: new PgChannelRefStore(db, seal),
    quiz: new PgQuizStore(db),
    cases: new PgCaseStore(db, seal),
    audit: new PgAuditStore(db),
    retention: new PgRetentionStore(db, seal),
    // Like SQLite's IMMEDIATE transactions: the deployment-wide write lock is taken first, so what
    // a transaction reads (is the report closed? which reminder round?) cannot be raced by another
    // server. Transactions are a few statements long; lock_timeout bounds any wait.
    transaction: (work) =>
      db.inTransaction
        ? db.transaction(work)
        : db.transaction(() => {
            db.run("SELECT pg_advisory_xact_lock(hashtextextended('safestep:write', 0))");
            return work();
          }),
    events: shared,
    ticks: shared,
    lockConversation: (conversationId, work) => {
      // Inside a transaction the caller already holds what it needs; a lock there would outlive it.
      if (db.inTransaction) return work();
      const key = [`conversation:${conversationId}`];
      try {
        db.run('SELECT pg_advisory_lock(hashtextextended($1, 0))', key);
      } catch (err) {
        throw toStoreError('store_write_error', 'The conversation is busy on another server', err);
      }
      try {
        return work();
      } finally {
        try {
          db.run('SELECT pg_advisory_unlock(hashtextextended($1, 0))', key);
        } catch {
          // A lost connection has released the lock with it.
        }
      }
    },
    ping: () => {
      try {
        db.one('SELECT 1');
      } catch (err) {
        throw toStoreError('store_open_error', `The SafeStep database at ${describeDatabase(url)} cannot be reached`, err);
      }
    },
    close: () => db.close(),
  };
}

/**
 * Builds the stores the app runs on from a database path, with a safe fallback for when the
 * database cannot be opened: the chat keeps working, but no report is ever claimed as filed.
 */
import type { StoreError } from '../core/errors';
import { MemoryAuditStore, MemoryCaseStore, MemoryRetentionStore } from './memory-cases';
import { SqliteAuditStore, SqliteCaseStore } from './sqlite-cases';
import { SqliteRetentionStore } from './sqlite-retention';
import { FailingReportStore, MemorySessionStore } from './memory';
import { MemoryChannelRefStore, MemoryDeliveryStore } from './memory-channel';
import { FailingQuizStore } from './memory-quiz';
import { SqliteChannelRefStore } from './sqlite-channel-refs';
import { SqliteDeliveryStore } from './sqlite-deliveries';
import { SqliteQuizStore } from './sqlite-quiz';
import { openDatabase, type Database } from './sqlite';
import { PLAIN_DATA, type DataSeal } from './data-seal';
import type { StoreOptions, Stores } from './stores';
import { holdsSealedData, keyIdsInUse, reseal } from './reseal';
import { openCipher } from './open-cipher';
import { describeDatabase, isPostgresUrl, openPgStores } from './pg-open';
import { MemorySharedWork, sqliteSharedWork } from './shared-work';
import { SafeStepError } from '../core/errors';
import { SqliteReportStore } from './sqlite-reports';
import { SqliteSessionStore } from './sqlite-sessions';
import { toStoreError } from './store-error';

export type { StoreOptions, Stores } from './stores';

/**
 * Stores on `dbPath`: a SQLite file, or PostgreSQL when it is a postgres:// URL (pg-open.ts); throws store_open_error if the database cannot be opened,
 * and key_error (naming the key) when it holds encrypted data the key source cannot open.
 */
export function openStores(dbPath: string, options: StoreOptions = {}): Stores {
  if (isPostgresUrl(dbPath)) return openPgStores(dbPath, options);
  const db = openDatabase(dbPath, { fileMustExist: options.mustExist ?? false });
  let seal: DataSeal = PLAIN_DATA;
  try {
    if (options.key) {
      seal = openCipher(
        { holdsSealedData: () => holdsSealedData(db), keyIdsInUse: () => keyIdsInUse(db), reseal: (c) => void reseal(db, c, false) },
        options.key,
        options.log,
      );
    }
  } catch (err) {
    db.close();
    throw err;
  }
  const shared = sqliteSharedWork(db);
  // A SQLite file has one server: leases a killed one left are released when the next one opens
  // it (the CLI, which never sends, opens with mustExist and leaves them alone).
  if (!options.mustExist) releaseLeases(db);
  return {
    sessions: new SqliteSessionStore(db, seal),
    reports: new SqliteReportStore(db, seal),
    deliveries: new SqliteDeliveryStore(db),
    channelRefs: new SqliteChannelRefStore(db, seal),
    quiz: new SqliteQuizStore(db),
    cases: new SqliteCaseStore(db, seal),
    audit: new SqliteAuditStore(db),
    retention: new SqliteRetentionStore(db, seal),
    // IMMEDIATE: the write lock is taken first, so a reference read inside can never be raced by
    // another process (a deferred transaction would fail with SQLITE_BUSY on its first write).
    transaction: (work) => db.transaction(work).immediate(),
    events: shared,
    ticks: shared,
    // One server per SQLite file: its in-process queue already serialises each conversation.
    lockConversation: (_id, work) => work(),
    ping: () => {
      try {
        db.prepare('SELECT 1').get();
      } catch (err) {
        throw toStoreError('store_open_error', `The SafeStep database at ${dbPath} cannot be read`, err);
      }
    },
    close: () => {
      if (db.open) db.close();
    },
  };
}

/** Clears delivery leases (a read first, so an ordinary start takes no write lock); never fails the open. */
function releaseLeases(db: Database): void {
  try {
    if (db.prepare('SELECT 1 FROM deliveries WHERE claimed_until IS NOT NULL LIMIT 1').get() !== undefined) {
      db.prepare('UPDATE deliveries SET claimed_until = NULL WHERE claimed_until IS NOT NULL').run();
    }
  } catch {
    // Busy: the leases simply run out on their own.
  }
}

/**
 * Like openStores, but never throws: if the database cannot be opened, returns in-memory
 * sessions, a FailingReportStore, a FailingQuizStore and the error, for the app to log and tell the DSL about.
 */
export function openStoresOrFallback(dbPath: string, options: StoreOptions = {}): Stores & { error?: StoreError } {
  try {
    return openStores(dbPath, options);
  } catch (err) {
    // A missing or wrong key is a refusal to start, never a fallback.
    if (err instanceof SafeStepError && err.code === 'key_error') throw err;
    const memoryShared = new MemorySharedWork();
    return {
      sessions: new MemorySessionStore(),
      reports: new FailingReportStore(),
      deliveries: new MemoryDeliveryStore(),
      channelRefs: new MemoryChannelRefStore(),
      quiz: new FailingQuizStore(),
      cases: new MemoryCaseStore(),
      audit: new MemoryAuditStore(),
      retention: new MemoryRetentionStore(),
      transaction: (work) => work(),
      events: memoryShared,
      ticks: memoryShared,
      lockConversation: (_id, work) => work(),
      ping: () => {
        throw toStoreError('store_open_error', 'The SafeStep database could not be opened', undefined);
      },
      close: () => undefined,
      error: toStoreError('store_open_error', `Could not open the SafeStep database at ${describeDatabase(dbPath)}`, err),
    };
  }
}

/**
 * Builds the stores the app runs on from a database path, with a safe fallback for when the
 * database cannot be opened: the chat keeps working, but no report is ever claimed as filed.
 */
import type { StoreError } from '../core/errors';
import type { DeliveryStore } from '../core/delivery';
import type { ChannelRefStore, Logger, ReportStore, SessionStore, Transaction } from '../core/ports';
import type { QuizStore } from '../quiz/ports';
import type { AuditStore, CaseStore } from '../core/case/model';
import { MemoryAuditStore, MemoryCaseStore, MemoryRetentionStore } from './memory-cases';
import { SqliteAuditStore, SqliteCaseStore } from './sqlite-cases';
import { SqliteRetentionStore } from './sqlite-retention';
import type { RetentionStore } from '../core/case/retention';
import { FailingReportStore, MemorySessionStore } from './memory';
import { MemoryChannelRefStore, MemoryDeliveryStore } from './memory-channel';
import { FailingQuizStore } from './memory-quiz';
import { SqliteChannelRefStore } from './sqlite-channel-refs';
import { SqliteDeliveryStore } from './sqlite-deliveries';
import { SqliteQuizStore } from './sqlite-quiz';
import { openDatabase, type Database } from './sqlite';
import { Cipher } from './cipher';
import { PLAIN_DATA, type DataSeal } from './data-seal';
import { describeSource, newKey, readKeys, writeKeyFile, type KeySource } from './keys';
import { holdsSealedData, keyIdsInUse, reseal } from './reseal';
import { SafeStepError } from '../core/errors';
import { SqliteReportStore } from './sqlite-reports';
import { SqliteSessionStore } from './sqlite-sessions';
import { toStoreError } from './store-error';

/** The stores plus a `close` that releases the database. */
export interface Stores {
  sessions: SessionStore;
  reports: ReportStore;
  deliveries: DeliveryStore;
  channelRefs: ChannelRefStore;
  /** The induction quiz's attempts, answers and attestations. */
  quiz: QuizStore;
  /** Each report's append-only history: acknowledgements, notes, actions, outcomes, corrections. */
  cases: CaseStore;
  /** Who read or tried to act on which report, when and where. */
  audit: AuditStore;
  /** Legal holds, purging old conversations and (only when a profile says so) old reports. */
  retention: RetentionStore;
  /** Runs work in one transaction across every store above: all of its writes commit, or none. */
  transaction: Transaction;
  /** Asks the database a trivial question (SELECT 1); throws when it cannot answer (readiness checks). */
  ping(): void;
  close(): void;
}

/** How to open the stores. */
export interface StoreOptions {
  /** Where the encryption keys come from; without one, data is stored as it is (tests of the stores only). */
  key?: KeySource;
  /** Fail instead of creating the database when it does not exist. */
  mustExist?: boolean;
  /** Told when a key file is generated (ids only). */
  log?: Logger;
}

/**
 * SQLite-backed stores on `dbPath`; throws store_open_error if the database cannot be opened,
 * and key_error (naming the key) when it holds encrypted data the key source cannot open.
 */
export function openStores(dbPath: string, options: StoreOptions = {}): Stores {
  const db = openDatabase(dbPath, { fileMustExist: options.mustExist ?? false });
  let seal: DataSeal = PLAIN_DATA;
  try {
    if (options.key) seal = openCipher(db, options.key, options.log);
  } catch (err) {
    db.close();
    throw err;
  }
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
    ping: () => {
      db.prepare('SELECT 1').get();
    },
    close: () => {
      if (db.open) db.close();
    },
  };
}

/**
 * The cipher for a database: the source's keys (a missing key file is generated 0600, unless
 * the database already holds encrypted data: then key_error, never plain text); every key the
 * data needs must be held; data written before encryption was on is sealed now.
 */
function openCipher(db: Database, source: KeySource, log?: Logger): Cipher {
  let keys = readKeys(source);
  if (!keys) {
    if (holdsSealedData(db)) {
      throw new SafeStepError('key_error', `The database holds encrypted reports, but ${describeSource(source)} is missing. Restore that key file or set SAFESTEP_KEY; SafeStep will not start without it.`);
    }
    const key = newKey();
    writeKeyFile((source as { path: string }).path, [key]);
    log?.warn('encryption_key_generated', { key: key.id });
    keys = [key];
  }
  const cipher = new Cipher(source, keys);
  const missing = keyIdsInUse(db).filter((id) => !cipher.has(id));
  if (missing.length > 0) {
    throw new SafeStepError('key_error', `The database holds data encrypted with key ${missing.join(', ')}, which ${describeSource(source)} does not hold. SafeStep will not start without it.`);
  }
  reseal(db, cipher, false);
  return cipher;
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
    const error = toStoreError('store_open_error', `Could not open the SafeStep database at ${dbPath}`, err);
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
      // There is no database behind these stores: never ready.
      ping: () => {
        throw error;
      },
      close: () => undefined,
      error,
    };
  }
}

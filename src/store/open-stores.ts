/**
 * Builds the stores the app runs on from a database path, with a safe fallback for when the
 * database cannot be opened: the chat keeps working, but no report is ever claimed as filed.
 */
import type { StoreError } from '../core/errors';
import type { DeliveryStore } from '../core/delivery';
import type { ChannelRefStore, ReportStore, SessionStore, Transaction } from '../core/ports';
import type { QuizStore } from '../quiz/ports';
import type { AuditStore, CaseStore } from '../core/case/model';
import { MemoryAuditStore, MemoryCaseStore } from './memory-cases';
import { SqliteAuditStore, SqliteCaseStore } from './sqlite-cases';
import { FailingReportStore, MemorySessionStore } from './memory';
import { MemoryChannelRefStore, MemoryDeliveryStore } from './memory-channel';
import { FailingQuizStore } from './memory-quiz';
import { SqliteChannelRefStore } from './sqlite-channel-refs';
import { SqliteDeliveryStore } from './sqlite-deliveries';
import { SqliteQuizStore } from './sqlite-quiz';
import { openDatabase } from './sqlite';
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
  /** Runs work in one transaction across every store above: all of its writes commit, or none. */
  transaction: Transaction;
  close(): void;
}

/** SQLite-backed stores on `dbPath`; throws store_open_error if the database cannot be opened. */
export function openStores(dbPath: string): Stores {
  const db = openDatabase(dbPath);
  return {
    sessions: new SqliteSessionStore(db),
    reports: new SqliteReportStore(db),
    deliveries: new SqliteDeliveryStore(db),
    channelRefs: new SqliteChannelRefStore(db),
    quiz: new SqliteQuizStore(db),
    cases: new SqliteCaseStore(db),
    audit: new SqliteAuditStore(db),
    transaction: (work) => db.transaction(work)(),
    close: () => {
      if (db.open) db.close();
    },
  };
}

/**
 * Like openStores, but never throws: if the database cannot be opened, returns in-memory
 * sessions, a FailingReportStore, a FailingQuizStore and the error, for the app to log and tell the DSL about.
 */
export function openStoresOrFallback(dbPath: string): Stores & { error?: StoreError } {
  try {
    return openStores(dbPath);
  } catch (err) {
    return {
      sessions: new MemorySessionStore(),
      reports: new FailingReportStore(),
      deliveries: new MemoryDeliveryStore(),
      channelRefs: new MemoryChannelRefStore(),
      quiz: new FailingQuizStore(),
      cases: new MemoryCaseStore(),
      audit: new MemoryAuditStore(),
      transaction: (work) => work(),
      close: () => undefined,
      error: toStoreError('store_open_error', `Could not open the SafeStep database at ${dbPath}`, err),
    };
  }
}

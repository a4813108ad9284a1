/**
 * What opening the database gives the app: every store, one transaction across them, and what
 * several servers sharing one database need (shared event and tick records, conversation locks),
 * whichever database is underneath (SQLite, open-stores.ts; PostgreSQL, pg-open.ts).
 */
import type { DeliveryStore } from '../core/delivery';
import type { ChannelRefStore, ConversationLock, Logger, ReportStore, SeenEvents, SessionStore, TickClaims, Transaction } from '../core/ports';
import type { QuizStore } from '../quiz/ports';
import type { AuditStore, CaseStore } from '../core/case/model';
import type { RetentionStore } from '../core/case/retention';
import type { KeySource } from './keys';

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
  /** Slack events already handled, shared by every server on the database. */
  events: SeenEvents;
  /** Claims of periodic work, so reminders and the daily desk run once per deployment. */
  ticks: TickClaims;
  /** Serialises one conversation's turns across every server on the database. */
  lockConversation: ConversationLock;
  /** Throws (store_open_error) when the database cannot be reached now; for readiness checks. */
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

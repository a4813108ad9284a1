/**
 * The ports the core needs from the outside world. Each has a SQLite implementation in
 * src/store and an in-memory twin for tests; the router lives in src/nlu.
 */
import type { Session } from './session';
import type { Delivery } from './delivery';
import type { FiledReport, ReportDraft } from './report';

/** Keeps conversations so they survive a restart. */
export interface SessionStore {
  load(conversationId: string): Session | undefined;
  save(session: Session): void;
  delete(conversationId: string): void;
}

/** Files DSL reports. `file` returns only once the report is committed, or throws. */
export interface ReportStore {
  file(draft: ReportDraft): FiledReport;
  get(reference: string): FiledReport | undefined;
  list(filter?: { settingId?: string; limit?: number }): FiledReport[];
  acknowledge(reference: string, by: string, at: string): FiledReport | undefined;
}

/** A scored flow suggestion. */
export interface RouteCandidate {
  flow: string;
  confidence: number;
}

/** The router's verdict: `flow` is null when the message is out of scope or too unsure. */
export interface RouteResult {
  flow: string | null;
  confidence: number;
  alternatives: RouteCandidate[];
}

/** Picks the flow for a message in staff's own words. Pure: no I/O after construction. */
export interface Router {
  route(text: string): RouteResult;
}

/**
 * What the danger check makes of one message. `danger` (certain): say "call 999" first.
 * `question` (possible): ask "Is a child in danger right now, or about to be?" first. Never both;
 * absent means false (detectors with one level, e.g. test doubles). `signals` are the risks that
 * fired (after cancellers); `cancelledBy` the cancellers that lowered any (and `no-present-anchor`
 * when a certain risk became the question for want of a present anchor, `looks-like-business` when
 * the backstop demoted a 999, `overridden-by-likeness` when the backstop asked although the cancellers
 * silenced every risk); `flow` the flow the fired
 * signals point to, if they name one.
 */
export interface DangerVerdict {
  danger: boolean;
  question?: boolean;
  signals: string[];
  cancelledBy?: string[];
  flow?: string;
}

/** Spots messages that say a child is, or may be, at immediate risk. Pure. */
export interface DangerDetector {
  detect(text: string): DangerVerdict;
}

/**
 * The DSL outbox as the runner sees it: `record` adds the deliveries a filed report needs (called
 * inside the filing transaction), `dispatch` sends committed rows without waiting for anyone.
 */
export interface Notifier {
  record(report: FiledReport): Delivery[];
  dispatch(rows: readonly Delivery[]): void;
}

/** Runs `work` in one database transaction: all of its writes commit, or none do. */
export type Transaction = <T>(work: () => T) => T;

/** The current time, injectable for tests. */
export type Clock = () => Date;

/**
 * Structured operational log. Events carry ids and codes only: never message text, names,
 * report contents or secrets.
 */
export interface Logger {
  info(event: string, fields?: Record<string, string | number | boolean>): void;
  warn(event: string, fields?: Record<string, string | number | boolean>): void;
  error(event: string, fields?: Record<string, string | number | boolean>): void;
}

/**
 * Small per-channel records a channel needs to reach people later (e.g. a Teams conversation
 * reference per user, stored when they install the app). JSON-serialisable data only.
 */
export interface ChannelRefStore {
  get(channel: string, key: string): unknown;
  put(channel: string, key: string, data: unknown, at: string): void;
  list(channel: string): { key: string; data: unknown }[];
}

/**
 * Platform events already handled (Slack redelivers an event it thinks was lost), kept in the
 * database so a repeat is refused by whichever server it reaches.
 */
export interface SeenEvents {
  /** True the first time `id` is seen (at `at`, ISO); false for a repeat. Old ids are forgotten after a day. */
  first(id: string, at: string): boolean;
}

/** Claims of periodic work (reminders, the daily desk), so each tick runs on one server only. */
export interface TickClaims {
  /** True for the first claim of (`name`, `slot`) across the deployment; false if already claimed. */
  claim(name: string, slot: string, at: string): boolean;
}

/**
 * Runs `work` holding this conversation's lock across every server sharing the database, so one
 * conversation's turns never interleave (load, advance and save happen under the lock).
 */
export type ConversationLock = <T>(conversationId: string, work: () => T) => T;

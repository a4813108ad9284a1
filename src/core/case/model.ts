/**
 * The casework record of a filed report, kept append-only: the report as filed never changes;
 * everything that happens to it afterwards (acknowledged, a note, an action, the outcome that
 * closes it, a correction of any of these or of the report) is a new entry with who and when.
 * And the audit trail: every read of a report and every refused attempt. Types and ports only.
 */

/** What an entry records. */
export type EntryKind = 'acknowledged' | 'note' | 'action' | 'outcome' | 'correction';

/** What a correction corrects: the report as filed, or an earlier entry (by its id). */
export type CorrectionTarget = 'report' | `entry:${number}`;

/** One entry in a report's history. Typed fields (text, assignee) are what a DSL wrote, verbatim. */
export interface CaseEntry {
  id: number;
  reference: string;
  kind: EntryKind;
  /** Who made it, as "channel:id" (e.g. "slack:U0DSL001", "cli:camilla"). */
  by: string;
  /** Their display name when the platform gave one. */
  byName?: string;
  /** When (ISO 8601). */
  at: string;
  /** A note's, an action's, an outcome's (optional) or a correction's text. */
  text?: string;
  /** An action: who it is for (free text or a platform person as "channel:id"). */
  assignee?: string;
  /** An action: due date, YYYY-MM-DD. */
  due?: string;
  /** An outcome: the outcome as the setting's list named it. */
  outcome?: string;
  /** A correction: what it corrects. */
  corrects?: CorrectionTarget;
}

/** An entry before the store numbers it. */
export type NewEntry = Omit<CaseEntry, 'id'>;

/**
 * Keeps case entries. Append-only: there is no update and no delete (the SQLite tables refuse
 * both). `add` runs inside the caller's transaction when there is one.
 */
export interface CaseStore {
  add(entry: NewEntry): CaseEntry;
  /** A report's entries, oldest first. */
  forReport(reference: string): CaseEntry[];
}

/** Where a read or an attempt came from. */
export type AuditWhere = 'slack' | 'teams' | 'cli' | 'console';

/** One line of the audit trail. Never holds anything typed: ids, codes and what was done. */
export interface AuditEntry {
  id: number;
  at: string;
  /** "channel:id" of the person (for the CLI, "cli:<login>"). */
  who: string;
  where: string;
  /** view, show, export-csv, export-json, export-cpoms, export-myconcern, acknowledge, note, action, outcome, correct, audit, form … */
  what: string;
  /** The report it was about (a bulk export records one line per report it held). */
  reference?: string;
  result: 'ok' | 'refused' | 'unknown';
}

/** Keeps the audit trail. Append-only, like the case store. */
export interface AuditStore {
  record(entry: Omit<AuditEntry, 'id'>): void;
  /** Everything about one report (bulk exports that included it too), oldest first. */
  forReport(reference: string): AuditEntry[];
}

/** Whether a report is closed: an outcome has been recorded. */
export function isClosed(entries: readonly CaseEntry[]): boolean {
  return entries.some((e) => e.kind === 'outcome');
}

/** Actions of an open report whose due date is before `today` (YYYY-MM-DD). */
export function overdueActions(entries: readonly CaseEntry[], today: string): CaseEntry[] {
  if (isClosed(entries)) return [];
  return entries.filter((e) => e.kind === 'action' && e.due !== undefined && e.due < today);
}

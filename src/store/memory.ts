/**
 * In-memory twins of the SQLite stores, with the same behaviour (same references, same order,
 * same first-acknowledgement-wins), for tests and for running without a database. Everything
 * is copied in and out, so callers can never change what is stored by mutating an object.
 */
import { StoreError } from '../core/errors';
import type { ReportStore, SessionStore } from '../core/ports';
import type { FiledReport, ReportDraft } from '../core/report';
import type { Session } from '../core/session';
import { formatReference, newestFirst, normaliseLimit, reportYear } from './report-rules';

/** SessionStore in a Map; lost when the process ends. */
export class MemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, Session>();

  /** A copy of the saved session, or undefined. */
  load(conversationId: string): Session | undefined {
    const session = this.sessions.get(conversationId);
    return session ? structuredClone(session) : undefined;
  }

  /** Saves a copy of the session. */
  save(session: Session): void {
    this.sessions.set(session.conversationId, structuredClone(session));
  }

  /** Forgets the conversation. */
  delete(conversationId: string): void {
    this.sessions.delete(conversationId);
  }
}

/** ReportStore in a Map; numbers references exactly as SqliteReportStore does. */
export class MemoryReportStore implements ReportStore {
  private readonly reports = new Map<string, FiledReport>();
  private readonly lastSeqByYear = new Map<number, number>();

  /** Files a copy of the draft under the next reference of its year. */
  file(draft: ReportDraft): FiledReport {
    const year = reportYear(draft.createdAt);
    const seq = (this.lastSeqByYear.get(year) ?? 0) + 1;
    const report: FiledReport = { ...structuredClone(draft), reference: formatReference(year, seq) };
    this.lastSeqByYear.set(year, seq);
    this.reports.set(report.reference, report);
    return structuredClone(report);
  }

  /** A copy of the report with this reference, or undefined. */
  get(reference: string): FiledReport | undefined {
    const report = this.reports.get(reference);
    return report ? structuredClone(report) : undefined;
  }

  /** Copies of the reports, newest first, optionally of one setting and at most `limit`. */
  list(filter: { settingId?: string; limit?: number } = {}): FiledReport[] {
    const matching = [...this.reports.values()]
      .filter((r) => filter.settingId === undefined || r.settingId === filter.settingId)
      .sort(newestFirst);
    const limit = normaliseLimit(filter.limit);
    return (limit === undefined ? matching : matching.slice(0, limit)).map((r) => structuredClone(r));
  }

  /** Records the first acknowledgement only; returns the report, or undefined if unknown. */
  acknowledge(reference: string, by: string, at: string): FiledReport | undefined {
    const report = this.reports.get(reference);
    if (!report) return undefined;
    if (report.acknowledgedAt === undefined) {
      report.acknowledgedBy = by;
      report.acknowledgedAt = at;
    }
    return structuredClone(report);
  }
}

/**
 * A ReportStore that cannot file: every `file` throws store_write_error. Used when the database
 * cannot be opened (so no report is ever claimed as filed) and to test that path.
 */
export class FailingReportStore implements ReportStore {
  constructor(private readonly reason = 'The report store is unavailable, so the report was not filed') {}

  /** Always throws store_write_error. */
  file(_draft: ReportDraft): FiledReport {
    throw new StoreError('store_write_error', this.reason);
  }

  /** Nothing was ever filed here. */
  get(_reference: string): FiledReport | undefined {
    return undefined;
  }

  /** Nothing was ever filed here. */
  list(_filter?: { settingId?: string; limit?: number }): FiledReport[] {
    return [];
  }

  /** Nothing was ever filed here. */
  acknowledge(_reference: string, _by: string, _at: string): FiledReport | undefined {
    return undefined;
  }
}

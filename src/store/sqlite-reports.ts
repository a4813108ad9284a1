/**
 * Files DSL reports in SQLite. A reference is allocated and the report inserted in one
 * IMMEDIATE transaction, so two processes never share a number, and `file` returns only once
 * the commit has succeeded: a report is never announced as filed unless it is on disk.
 */
import type { Statement } from 'better-sqlite3';
import type { ReportStore } from '../core/ports';
import type { FiledReport, ReportDraft } from '../core/report';
import { formatReference, normaliseLimit, reportYear } from './report-rules';
import { PLAIN_DATA, type DataSeal } from './data-seal';
import type { Database } from './sqlite';
import { REPORT_COLUMNS, reportFromRow, type ReportRow } from './report-rows';
import { toStoreError } from './store-error';


/** ReportStore on an open, migrated database (see openDatabase). Does not close it. */
export class SqliteReportStore implements ReportStore {
  private readonly nextSeq: Statement<[number], number>;
  private readonly insert: Statement<[Record<string, string | number>]>;
  private readonly byReference: Statement<[string], ReportRow>;
  private readonly newest: Statement<[number], ReportRow>;
  private readonly newestInSetting: Statement<[string, number], ReportRow>;
  private readonly markAcknowledged: Statement<[string, string, string]>;

  constructor(private readonly db: Database, private readonly seal: DataSeal = PLAIN_DATA) {
    this.nextSeq = db.prepare<[number], number>('SELECT COALESCE(MAX(seq), 0) + 1 FROM reports WHERE year = ?').pluck();
    this.insert = db.prepare<[Record<string, string | number>]>(
      `INSERT INTO reports (reference, seq, year, setting_id, flow_id, urgency, created_at, reporter_id, data)
       VALUES (@reference, @seq, @year, @settingId, @flowId, @urgency, @createdAt, @reporterId, @data)`,
    );
    this.byReference = db.prepare(`SELECT ${REPORT_COLUMNS} FROM reports WHERE reference = ?`);
    const order = 'ORDER BY created_at DESC, year DESC, seq DESC LIMIT ?';
    this.newest = db.prepare(`SELECT ${REPORT_COLUMNS} FROM reports ${order}`);
    this.newestInSetting = db.prepare(`SELECT ${REPORT_COLUMNS} FROM reports WHERE setting_id = ? ${order}`);
    this.markAcknowledged = db.prepare(
      `UPDATE reports SET acknowledged_by = ?, acknowledged_at = ?
       WHERE reference = ? AND acknowledged_at IS NULL`,
    );
  }

  /** Allocates the next reference for the draft's year and commits; store_write_error if not. */
  file(draft: ReportDraft): FiledReport {
    try {
      const year = reportYear(draft.createdAt);
      const reference = this.db
        .transaction(() => {
          const seq = this.nextSeq.get(year) ?? 1;
          const ref = formatReference(year, seq);
          this.insert.run({
            reference: ref,
            seq,
            year,
            settingId: draft.settingId,
            flowId: draft.flowId,
            urgency: draft.urgency,
            createdAt: draft.createdAt,
            reporterId: draft.reporter.id,
            data: this.seal.seal(JSON.stringify(draft)),
          });
          return ref;
        })
        .immediate();
      return { ...cloneDraft(draft), reference };
    } catch (err) {
      throw toStoreError('store_write_error', 'The report could not be saved, so it was not filed', err);
    }
  }

  /** The report with this reference, or undefined. */
  get(reference: string): FiledReport | undefined {
    const row = this.byReference.get(reference);
    return row ? reportFromRow(row, this.seal) : undefined;
  }

  /** Reports newest first, optionally of one setting and at most `limit` of them. */
  list(filter: { settingId?: string; limit?: number } = {}): FiledReport[] {
    const limit = normaliseLimit(filter.limit) ?? -1;
    const rows =
      filter.settingId === undefined ? this.newest.all(limit) : this.newestInSetting.all(filter.settingId, limit);
    return rows.map((row) => reportFromRow(row, this.seal));
  }

  /** Records the first acknowledgement only; returns the report, or undefined if unknown. */
  acknowledge(reference: string, by: string, at: string): FiledReport | undefined {
    try {
      this.markAcknowledged.run(by, at, reference);
    } catch (err) {
      throw toStoreError('store_write_error', 'The acknowledgement could not be saved', err);
    }
    return this.get(reference);
  }
}

function cloneDraft(draft: ReportDraft): ReportDraft {
  return JSON.parse(JSON.stringify(draft)) as ReportDraft;
}

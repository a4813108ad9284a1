/**
 * Files DSL reports in PostgreSQL. The year's counter row is incremented and the report inserted
 * in one transaction: the counter's row lock makes servers filing at once take turns, so a
 * reference is unique across the deployment (UNIQUE (year, seq) is the database's own guard).
 * `file` returns only once the commit has succeeded (or, inside a caller's transaction, with it).
 */
import type { ReportStore } from '../core/ports';
import type { FiledReport, ReportDraft } from '../core/report';
import { formatReference, normaliseLimit, reportYear } from './report-rules';
import { PLAIN_DATA, type DataSeal } from './data-seal';
import type { SyncPg } from './pg-sync';
import { REPORT_COLUMNS, reportFromRow, type ReportRow } from './report-rows';
import { toStoreError } from './store-error';

const ORDER = 'ORDER BY created_at DESC, year DESC, seq DESC LIMIT $1';

/** ReportStore on a migrated PostgreSQL database. */
export class PgReportStore implements ReportStore {
  constructor(private readonly db: SyncPg, private readonly seal: DataSeal = PLAIN_DATA) {}

  file(draft: ReportDraft): FiledReport {
    try {
      const year = reportYear(draft.createdAt);
      const reference = this.db.transaction(() => {
        const seq = this.db.one<{ last_seq: number }>(
          `INSERT INTO report_counters (year, last_seq) VALUES ($1, 1)
           ON CONFLICT (year) DO UPDATE SET last_seq = report_counters.last_seq + 1 RETURNING last_seq`,
          [year],
        )!.last_seq;
        const ref = formatReference(year, seq);
        this.db.run(
          `INSERT INTO reports (reference, seq, year, setting_id, flow_id, urgency, created_at, reporter_id, data)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [ref, seq, year, draft.settingId, draft.flowId, draft.urgency, draft.createdAt, draft.reporter.id, this.seal.seal(JSON.stringify(draft))],
        );
        return ref;
      });
      return { ...(JSON.parse(JSON.stringify(draft)) as ReportDraft), reference };
    } catch (err) {
      throw toStoreError('store_write_error', 'The report could not be saved, so it was not filed', err);
    }
  }

  get(reference: string): FiledReport | undefined {
    const row = this.db.one<ReportRow>(`SELECT ${REPORT_COLUMNS} FROM reports WHERE reference = $1`, [reference]);
    return row ? reportFromRow(row, this.seal) : undefined;
  }

  list(filter: { settingId?: string; limit?: number } = {}): FiledReport[] {
    const limit = normaliseLimit(filter.limit) ?? null;
    const rows =
      filter.settingId === undefined
        ? this.db.query<ReportRow>(`SELECT ${REPORT_COLUMNS} FROM reports ${ORDER}`, [limit])
        : this.db.query<ReportRow>(`SELECT ${REPORT_COLUMNS} FROM reports WHERE setting_id = $2 ${ORDER}`, [limit, filter.settingId]);
    return rows.map((row) => reportFromRow(row, this.seal));
  }

  acknowledge(reference: string, by: string, at: string): FiledReport | undefined {
    try {
      this.db.run('UPDATE reports SET acknowledged_by = $1, acknowledged_at = $2 WHERE reference = $3 AND acknowledged_at IS NULL', [by, at, reference]);
    } catch (err) {
      throw toStoreError('store_write_error', 'The acknowledgement could not be saved', err);
    }
    return this.get(reference);
  }
}

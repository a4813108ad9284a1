/**
 * A reports row as both databases store it, and the FiledReport it is (its data unsealed).
 * Shared by the SQLite and PostgreSQL stores so the two can never read a report differently.
 */
import type { FiledReport, ReportDraft } from '../core/report';
import type { DataSeal } from './data-seal';

/** The columns of `reports` a FiledReport is read from. */
export interface ReportRow {
  reference: string;
  data: string;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
}

/** The column list for reading a ReportRow. */
export const REPORT_COLUMNS = 'reference, data, acknowledged_by, acknowledged_at';

/** The filed report a row holds, its sealed data opened with `seal`. */
export function reportFromRow(row: ReportRow, seal: DataSeal): FiledReport {
  const report: FiledReport = { ...(JSON.parse(seal.open(row.data)) as ReportDraft), reference: row.reference };
  if (row.acknowledged_by !== null) report.acknowledgedBy = row.acknowledged_by;
  if (row.acknowledged_at !== null) report.acknowledgedAt = row.acknowledged_at;
  return report;
}

/**
 * Filed reports as CSV (RFC 4180, safe to open in a spreadsheet) and as JSON, for the
 * `safestep reports export` command. Pure: no I/O.
 */
import type { FiledReport } from '../core/report';

/** The CSV columns, in order. */
export const CSV_COLUMNS = [
  'reference',
  'created_at',
  'setting_id',
  'flow_id',
  'category',
  'urgency',
  'danger',
  'reporter_id',
  'reporter_name',
  'reporter_role',
  'first_message',
  'answers',
  'account',
  'acknowledged_by',
  'acknowledged_at',
  /** The answer to "Is a child in danger right now, or about to be?": yes, no, unclear, or empty when not asked. */
  'danger_question',
] as const;

/** Characters that make a spreadsheet treat a cell as a formula (OWASP's list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field: a leading apostrophe defuses spreadsheet formulas; the field is quoted
 * (embedded quotes doubled) when it holds a comma, quote, CR or LF.
 */
export function csvField(value: string): string {
  const defused = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(defused) ? `"${defused.replace(/"/g, '""')}"` : defused;
}

/** "question: answer; question: answer" from pairs. */
export function flattenPairs(pairs: readonly (readonly [string, string])[]): string {
  return pairs.map(([label, value]) => `${label}: ${value}`).join('; ');
}

/** The row of one report, column for column with CSV_COLUMNS. */
export function csvRow(r: FiledReport): string[] {
  return [
    r.reference,
    r.createdAt,
    r.settingId,
    r.flowId,
    r.category,
    r.urgency,
    r.dangerFlagged ? 'yes' : 'no',
    r.reporter.id,
    r.reporter.name ?? '',
    r.reporter.role ?? '',
    r.firstMessage,
    flattenPairs(r.answers.map((a) => [a.question, a.answer] as const)),
    flattenPairs(r.account.map((a) => [a.prompt, a.text] as const)),
    r.acknowledgedBy ?? '',
    r.acknowledgedAt ?? '',
    r.dangerAnswer ?? '',
  ];
}

/** The reports as a CSV document: header, one row per report, CRLF line ends. */
export function toCsv(reports: readonly FiledReport[]): string {
  const lines = [[...CSV_COLUMNS], ...reports.map(csvRow)].map((row) => row.map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** The reports as a pretty-printed JSON array of FiledReport. */
export function toJson(reports: readonly FiledReport[]): string {
  return `${JSON.stringify(reports, null, 2)}\n`;
}

/**
 * The quiz report as CSV (RFC 4180, defused against spreadsheet formulas, one table with a
 * `section` column: passed, not-passed, most-missed), as JSON, and as a plain-text table for the
 * terminal. Pure: no I/O.
 */
import { csvField } from '../store/report-export';
import type { QuizReport } from './report';

/** The CSV columns, in order. */
export const QUIZ_CSV_COLUMNS = [
  'section', 'setting_id', 'user_id', 'name', 'status', 'started_at', 'passed_at', 'last_activity', 'score', 'total', 'percent',
  'attested', 'attested_at', 'policy_version', 'question_id', 'question', 'area', 'asked', 'missed',
] as const;

type Column = (typeof QUIZ_CSV_COLUMNS)[number];

function row(cells: Partial<Record<Column, string | number>>): string[] {
  return QUIZ_CSV_COLUMNS.map((c) => String(cells[c] ?? ''));
}

/** The report as one CSV document: header, then passed, not-passed and most-missed rows; CRLF line ends. */
export function quizReportCsv(r: QuizReport): string {
  const rows = [
    [...QUIZ_CSV_COLUMNS],
    ...r.passed.map((p) => row({
      section: 'passed', setting_id: p.settingId, user_id: p.userId, name: p.name, status: 'passed', started_at: p.startedAt, passed_at: p.passedAt,
      score: p.score, total: p.total, percent: p.percent, attested: p.attested ? 'yes' : 'no', attested_at: p.attestedAt, policy_version: p.policyVersion,
    })),
    ...r.notPassed.map((p) => row({
      section: 'not-passed', setting_id: p.settingId, user_id: p.userId, name: p.name, status: p.status, started_at: p.startedAt,
      last_activity: p.lastActivity, score: p.score, total: p.total, percent: p.percent,
    })),
    ...r.mostMissed.map((m) => row({ section: 'most-missed', setting_id: m.settingId, question_id: m.questionId, question: m.question, area: m.area, asked: m.asked, missed: m.missed })),
  ];
  return `${rows.map((cells) => cells.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** The report as pretty-printed JSON. */
export function quizReportJson(r: QuizReport): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}

/** Removes terminal control and bidi-override characters from names typed elsewhere. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '\uFFFD');
}

function table(header: string[], rows: string[][]): string {
  const clean = rows.map((r) => r.map((c) => printable(c)));
  const widths = header.map((h, i) => Math.max(h.length, ...clean.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [header, ...clean].map(line).join('\n');
}

const day = (iso: string | undefined) => (iso ?? '').slice(0, 10);

/** The report as three plain-text tables for the terminal. */
export function quizReportTable(r: QuizReport): string {
  const out: string[] = [];
  out.push(`PASSED (${r.passed.length})`);
  out.push(r.passed.length === 0 ? '  nobody yet' : table(
    ['SETTING', 'NAME', 'ID', 'PASSED', 'SCORE', 'ATTESTED', 'POLICY VERSION'],
    r.passed.map((p) => [p.settingId, p.name, p.userId, day(p.passedAt), `${p.score}/${p.total} (${p.percent}%)`, p.attested ? `yes, ${day(p.attestedAt)}` : 'no', p.policyVersion]),
  ));
  out.push('', `STARTED BUT NOT PASSED (${r.notPassed.length})`);
  out.push(r.notPassed.length === 0 ? '  nobody' : table(
    ['SETTING', 'NAME', 'ID', 'STARTED', 'LAST ACTIVE', 'STATUS', 'ANSWERED', 'SCORE'],
    r.notPassed.map((p) => [p.settingId, p.name, p.userId, day(p.startedAt), day(p.lastActivity), p.status, `${p.answered}/${p.total}`, `${p.score}/${p.total}`]),
  ));
  out.push('', 'MOST MISSED QUESTIONS');
  out.push(r.mostMissed.length === 0 ? '  none missed yet' : table(
    ['SETTING', 'QUESTION', 'MISSED', 'AREA', 'TEXT'],
    r.mostMissed.map((m) => [m.settingId, m.questionId, `${m.missed}/${m.asked}`, m.area, m.question]),
  ));
  return `${out.join('\n')}\n`;
}

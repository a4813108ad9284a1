/**
 * `safestep reports`: lets the DSL read what has been filed, from the database in the config.
 *   reports list [--setting ID] [--limit N]      newest first, as a table
 *   reports show REF                              one report in full
 *   reports export --format csv|json [--setting ID]
 * Writes only the requested output (stdout) and errors or usage (stderr); never logs reports.
 */
import { parseArgs } from 'node:util';
import { SafeStepError } from '../../core/errors';
import { deliverySummary, type DeliveryStore } from '../../core/delivery';
import type { ReportStore } from '../../core/ports';
import type { FiledReport } from '../../core/report';
import { toCsv, toJson } from '../../store/report-export';
import { EXIT, type CliIO, type Command } from '../io';
import { withReportDb, type ReportDb } from '../report-db';
import { reviewNotice } from '../review-notice';
import { auditCli, auditText, deskContent, exportOne, historyText, holdText } from './report-desk';

const USAGE = `Usage:
  safestep reports list [--setting ID] [--limit N]   the newest reports (default 50)
  safestep reports show REF                           one report in full, then its history
  safestep reports audit REF                          who has read or acted on it, oldest first
  safestep reports export --format csv|json [--setting ID]
  safestep reports export REF --format cpoms|myconcern   ready to paste into CPOMS or MyConcern
  safestep reports hold REF --by NAME --reason TEXT   legal hold: retention never removes it
  safestep reports release REF --by NAME --reason TEXT
Every show, audit and export is recorded in the report's audit trail.
`;

const DEFAULT_LIMIT = 50;

type Request =
  | { kind: 'help' }
  | { kind: 'list'; settingId?: string; limit: number }
  | { kind: 'show'; reference: string }
  | { kind: 'export'; format: 'csv' | 'json'; settingId?: string }
  | { kind: 'audit'; reference: string }
  | { kind: 'hold' | 'release'; reference: string; by: string; reason: string }
  | { kind: 'export-one'; reference: string; format: 'cpoms' | 'myconcern' };

/** The `reports` sub-command (see the file comment). Exit 0 ok, 1 failure or unknown REF, 2 usage. */
export const reports: Command = async (args, io) => {
  const request = parseRequest(args);
  if (!request) {
    io.stderr.write(USAGE);
    return EXIT.usage;
  }
  if (request.kind === 'help') {
    io.stdout.write(USAGE);
    return EXIT.ok;
  }
  try {
    return withReportDb(io, (db) => run(request, db.reports, io, db.deliveries, db));
  } catch (err) {
    io.stderr.write(`${err instanceof SafeStepError ? err.message : 'The reports could not be read.'}\n`);
    return EXIT.failure;
  }
};

function parseRequest(args: string[]): Request | undefined {
  const [sub, ...rest] = args;
  if (sub === 'help' || sub === '--help' || sub === '-h') return { kind: 'help' };
  const parsed = parseOptions(rest);
  if (!parsed) return undefined;
  const { values, positionals } = parsed;
  const settingId = values.setting;
  if (settingId === '') return undefined;
  if (sub === 'list' && positionals.length === 0 && values.format === undefined) {
    const limit = values.limit === undefined ? DEFAULT_LIMIT : Number(values.limit);
    if (!/^\d+$/.test(values.limit ?? '1') || limit < 1) return undefined;
    return { kind: 'list', settingId, limit };
  }
  if (sub === 'show' && positionals.length === 1 && Object.keys(values).length === 0) {
    return { kind: 'show', reference: (positionals[0] ?? '').trim().toUpperCase() };
  }
  if ((sub === 'hold' || sub === 'release') && positionals.length === 1 && values.by?.trim() && values.reason?.trim()) {
    return { kind: sub, reference: (positionals[0] ?? '').trim().toUpperCase(), by: values.by.trim(), reason: values.reason.trim() };
  }
  if (sub === 'audit' && positionals.length === 1 && Object.keys(values).length === 0) {
    return { kind: 'audit', reference: (positionals[0] ?? '').trim().toUpperCase() };
  }
  if (sub === 'export' && positionals.length === 1 && values.limit === undefined && values.setting === undefined) {
    if (values.format === 'cpoms' || values.format === 'myconcern') return { kind: 'export-one', reference: (positionals[0] ?? '').trim().toUpperCase(), format: values.format };
  }
  if (sub === 'export' && positionals.length === 0 && values.limit === undefined) {
    if (values.format === 'csv' || values.format === 'json') return { kind: 'export', format: values.format, settingId };
  }
  return undefined;
}

function parseOptions(args: string[]) {
  const options = { setting: { type: 'string' }, limit: { type: 'string' }, format: { type: 'string' }, by: { type: 'string' }, reason: { type: 'string' } } as const;
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch {
    return undefined;
  }
}

function run(request: Exclude<Request, { kind: 'help' }>, store: ReportStore, io: CliIO, deliveries: DeliveryStore, db: ReportDb): number {
  switch (request.kind) {
    case 'list': {
      const found = store.list({ settingId: request.settingId, limit: request.limit });
      io.stdout.write(reviewNotice(io, request.settingId));
      io.stdout.write(found.length === 0 ? 'No reports filed.\n' : table(found, deliveries));
      return EXIT.ok;
    }
    case 'show': {
      const report = store.get(request.reference);
      if (!report) return unknown(request.reference, 'show', io, db);
      auditCli(db, 'show', report.reference);
      io.stdout.write(showText(report));
      io.stdout.write(`\n${printable(historyText(report, db, deskContent(io), localIso))}`);
      return EXIT.ok;
    }
    case 'audit': {
      const report = store.get(request.reference);
      if (!report) return unknown(request.reference, 'audit', io, db);
      auditCli(db, 'audit', report.reference);
      io.stdout.write(printable(auditText(db, report.reference)));
      return EXIT.ok;
    }
    case 'hold':
    case 'release': {
      const report = store.get(request.reference);
      if (!report) return unknown(request.reference, request.kind, io, db);
      auditCli(db, request.kind, report.reference);
      io.stdout.write(holdText(db, request));
      return EXIT.ok;
    }
    case 'export-one': {
      const report = store.get(request.reference);
      if (!report) return unknown(request.reference, `export-${request.format}`, io, db);
      auditCli(db, `export-${request.format}`, report.reference);
      io.stdout.write(printable(exportOne(report, db, deskContent(io), request.format)));
      return EXIT.ok;
    }
    case 'export': {
      const found = store.list({ settingId: request.settingId });
      for (const r of found) auditCli(db, `export-${request.format}`, r.reference);
      io.stdout.write(request.format === 'csv' ? toCsv(found) : toJson(found));
      return EXIT.ok;
    }
  }
}

function unknown(reference: string, what: string, io: CliIO, db: ReportDb): number {
  auditCli(db, what, reference, 'unknown');
  io.stderr.write(`No report with reference "${printable(reference)}".\n`);
  return EXIT.failure;
}

function table(found: FiledReport[], deliveries: DeliveryStore): string {
  const header = ['REFERENCE', 'FILED', 'SETTING', 'FLOW', 'URGENCY', 'ACKNOWLEDGED', 'DELIVERY'];
  const rows = found.map((r) =>
    [r.reference, localIso(r.createdAt), r.settingId, r.flowId, r.urgency, r.acknowledgedAt ? 'yes' : 'no', deliverySummary(deliveries.forReport(r.reference))].map(
      (cell) => printable(cell).replace(/\s+/g, ' '),
    ),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return `${[header, ...rows].map(line).join('\n')}\n`;
}

function showText(r: FiledReport): string {
  const who = [r.reporter.name, r.reporter.role].filter(Boolean).join(', ') || '(name not given)';
  const out = [
    `Report ${r.reference}`,
    `Filed:          ${localIso(r.createdAt)}`,
    `Setting:        ${r.settingName} (${r.settingId})`,
    `Reporter:       ${who} [id ${r.reporter.id}]`,
    `Channel:        ${r.channel}`,
    `Flow:           ${r.flowTitle} (${r.flowId})`,
    `Category:       ${r.category}`,
    `Urgency:        ${r.urgency}`,
    `Danger flagged: ${r.dangerFlagged ? 'yes' : 'no'}`,
    `Danger asked:   ${r.dangerAnswer ?? 'not asked'}`,
    `Acknowledged:   ${r.acknowledgedAt ? `by ${r.acknowledgedBy ?? 'unknown'} at ${localIso(r.acknowledgedAt)}` : 'no'}`,
    '',
    'First message:',
    indent(r.firstMessage, 2),
    '',
    'Answers:',
    ...listOr(r.answers.map((a) => `  - ${a.question}\n${indent(a.answer, 4)}`)),
    '',
    'Advice shown:',
    ...listOr(
      r.advice.map((block) =>
        [
          `  ${block.title}`,
          ...block.steps.map((s, i) => {
            const cites = s.citations.map((c) => `${c.document} §${c.section}`).join('; ');
            return `${indent(`${i + 1}. ${s.text}`, 4)}${cites ? `\n      [${cites}]` : ''}`;
          }),
        ].join('\n'),
      ),
    ),
    '',
    'Factual account:',
    ...listOr(r.account.map((a) => `  - ${a.prompt}\n${indent(a.text, 4)}`)),
    '',
    `Policy version: ${r.policyVersion}`,
  ];
  return `${printable(out.join('\n'))}\n`;
}

function listOr(items: string[]): string[] {
  return items.length > 0 ? items : ['  (none)'];
}

function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .split(/\r\n|\r|\n/)
    .map((l) => pad + l)
    .join('\n');
}

/** Removes terminal control and bidi-override characters (reports hold free text), keeps \n and \t. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '\uFFFD');
}

/** An ISO timestamp in the machine's local time with its offset, e.g. 2025-03-04T10:15:00+01:00. */
export function localIso(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, '0');
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const date = `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
  const time = `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
  return `${date}T${time}${sign}${two(Math.floor(Math.abs(offset) / 60))}:${two(Math.abs(offset) % 60)}`;
}

/**
 * The DSL's desk on the command line, beside `safestep reports`: a report's history after the
 * report itself (`reports show`), its audit trail (`reports audit REF`) and the report laid out
 * for CPOMS or MyConcern (`reports export REF --format cpoms|myconcern`). Every read is audited
 * as the person at the terminal ("cli:<login>"). Plain text; typed text is made printable.
 */
import { loadContent } from '../../authoring/load';
import { loadConfig } from '../../config';
import type { ContentBundle } from '../../core/content';
import { auditLine } from '../../core/desk/audit-view';
import { exportText, type ExportFormat } from '../../core/desk/export-text';
import { historyLines } from '../../core/desk/history';
import { renderRich, type Rich } from '../../core/host/rich';
import type { FiledReport } from '../../core/report';
import { promptIdOf } from '../../host/prompt-ids';
import { onHold } from '../../core/case/retention';
import type { CliIO } from '../io';
import type { ReportDb } from '../report-db';

/** Records one CLI read or attempt in the audit trail. */
export function auditCli(db: ReportDb, what: string, reference: string, result: 'ok' | 'unknown' = 'ok'): void {
  db.audit.record({ at: new Date().toISOString(), who: db.who, where: 'cli', what, reference, result });
}

/** The content the desk's words come from. */
export function deskContent(io: CliIO): ContentBundle {
  return loadContent(loadConfig(io.env, io.root).contentRoot);
}

/** "History:" and each entry (oldest first) with its number, time, who and what; "(none)" when empty. */
export function historyText(r: FiledReport, db: ReportDb, content: ContentBundle, localIso: (iso: string) => string): string {
  const lines = historyLines(r, db.cases.forReport(r.reference), content.catalog.desk);
  const plain = (rich: Rich) => renderRich(rich, { text: (s) => s, person: (p) => (p.name ? `${p.name} [${p.channel}:${p.id}]` : `${p.channel}:${p.id}`), time: localIso });
  const out = ['History:'];
  if (lines.length === 0) out.push('  (none)');
  for (const h of lines) {
    out.push(`  #${h.id}  ${localIso(h.at)}  ${plain([{ person: h.who }])}  ${h.kind}`);
    for (const f of h.facts) out.push(`      ${f.label}: ${plain(f.value)}`);
    if (h.text !== undefined) out.push(...h.text.split(/\r\n|\r|\n/).map((l) => `      ${l}`));
  }
  const holds = db.retention.holds(r.reference);
  if (holds.length > 0) {
    out.push('', `Legal hold: ${onHold(holds) ? 'ON' : 'off'}`);
    for (const e of holds) out.push(`  ${localIso(e.at)}  ${e.kind}  ${e.by}`, ...e.reason.split(/\r\n|\r|\n/).map((l) => `      ${l}`));
  }
  return `${out.join('\n')}\n`;
}

/** The audit trail of a report, one line each, oldest first. */
export function auditText(db: ReportDb, reference: string): string {
  const lines = db.audit.forReport(reference).map(auditLine);
  return lines.length === 0 ? `No reads of ${reference} are recorded.\n` : `${lines.join('\n')}\n`;
}

/** The report as text for CPOMS or MyConcern. */
export function exportOne(r: FiledReport, db: ReportDb, content: ContentBundle, format: ExportFormat): string {
  const setting = content.settings.get(r.settingId);
  if (!setting) throw Object.assign(new Error(`no setting ${r.settingId}`), { code: 'unknown_setting' });
  return exportText(format, {
    report: r,
    entries: db.cases.forReport(r.reference),
    deliveries: db.deliveries.forReport(r.reference),
    setting,
    words: content.catalog.desk,
    promptId: promptIdOf(content, r),
  });
}

/** Records a legal hold or its release (append-only) and says what the report's hold now is. */
export function holdText(db: ReportDb, r: { kind: 'hold' | 'release'; reference: string; by: string; reason: string }): string {
  const before = onHold(db.retention.holds(r.reference));
  if (r.kind === 'hold' && before) return `${r.reference} is already on legal hold.\n`;
  if (r.kind === 'release' && !before) return `${r.reference} is not on legal hold.\n`;
  db.retention.addHold({ reference: r.reference, kind: r.kind, by: `${db.who} (${r.by})`, at: new Date().toISOString(), reason: r.reason });
  return r.kind === 'hold' ? `${r.reference} is on legal hold: retention will never remove it until it is released.\n` : `${r.reference} is released from legal hold.\n`;
}

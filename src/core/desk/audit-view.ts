/**
 * A report's audit trail as the DSL sees it (a button on the full report) and the CLI prints it:
 * one line per read or attempt, oldest first, with when, who, where and what. Pure.
 */
import type { DeskWords } from '../catalog';
import type { AuditEntry } from '../case/model';
import type { AuditView } from '../host/views';
import type { SettingProfile } from '../model';
import { render } from '../template';
import { personFromStored } from './people';

/** The audit view of `reference`. */
export function auditView(reference: string, entries: readonly AuditEntry[], setting: SettingProfile, words: DeskWords): AuditView {
  const view: AuditView = {
    reference,
    title: render(words.auditTitle, setting, { reference }),
    lines: entries.map((e) => ({ at: e.at, who: personFromStored(e.who).person, where: e.where, what: e.what, result: e.result })),
  };
  if (entries.length === 0) view.empty = render(words.auditEmpty, setting, { reference });
  return view;
}

/** One audit line as plain text: "2026-11-21T10:00:00.000Z  slack  slack:U0DSL  view  ok". */
export function auditLine(e: AuditEntry): string {
  return [e.at, e.where.padEnd(5), e.who, e.what, e.result].join('  ');
}

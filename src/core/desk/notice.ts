/**
 * The DSL team's notice of a report, new or as a reminder, built once for every channel: banners
 * (reminder; IMMEDIATE), the headline, the facts (danger when it was signalled), the answers
 * given, who acknowledged it, and the buttons. Never the free-text account or first message.
 * Wording from content/messages.yaml (`dsl.*`, `labels.*`). Pure.
 */
import type { Catalog, DeskWords } from '../catalog';
import type { SettingProfile } from '../model';
import type { FiledReport } from '../report';
import { richFrom, tokenMark, type Rich } from '../host/rich';
import type { Banner, Fact, ReportButton, ReportNotice } from '../host/views';
import { render } from '../template';
import { labelsFor } from './labels';
import { personFromStored, reporterPlain, reporterRich, urgencyLabel } from './people';

/** "Acknowledged by … at …", when the report has been. */
export function acknowledgedRich(r: FiledReport, setting: SettingProfile, catalog: Catalog, name?: string): Rich | undefined {
  if (!r.acknowledgedAt) return undefined;
  const text = render(catalog.dsl.acknowledged, setting, { reference: r.reference, who: tokenMark('who'), when: tokenMark('when') });
  return richFrom(text, { who: personFromStored(r.acknowledgedBy ?? '', name), when: { time: r.acknowledgedAt } });
}

/** The buttons a DSL sees on a report: Acknowledge until it is, View full report, then the casework. */
export function reportButtons(r: FiledReport, labels: Catalog['labels'], view = true, desk?: DeskWords, closed = false): ReportButton[] {
  const buttons: ReportButton[] = [];
  if (!r.acknowledgedAt) buttons.push({ action: 'acknowledge', reference: r.reference, label: labels.acknowledge, primary: true });
  if (view) buttons.push({ action: 'view', reference: r.reference, label: labels.viewReport });
  if (desk) buttons.push(...caseButtons(r.reference, desk, closed));
  return buttons;
}

/** Add note, Assign action, Record outcome (until closed) and Correct. */
export function caseButtons(reference: string, desk: DeskWords, closed: boolean): ReportButton[] {
  return [
    { action: 'note', reference, label: desk.addNote },
    ...(closed ? [] : [{ action: 'action' as const, reference, label: desk.assignAction }, { action: 'outcome' as const, reference, label: desk.recordOutcome }]),
    { action: 'correct', reference, label: desk.correct },
  ];
}

/** The notice of `r` for `purpose`, reflecting whether it is acknowledged. */
export function reportNotice(r: FiledReport, setting: SettingProfile, catalog: Catalog, purpose: 'report-filed' | 'reminder', ackName?: string, closed = false): ReportNotice {
  const label = labelsFor(catalog, setting);
  const vars = { reference: r.reference, urgency: urgencyLabel(r), flow: r.flowTitle };
  const banners: Banner[] = [];
  if (purpose === 'reminder') banners.push({ kind: 'reminder', text: render(catalog.dsl.reminder, setting, vars) });
  if (r.urgency === 'immediate') banners.push({ kind: 'immediate', text: render(catalog.dsl.immediate, setting, vars) });
  const headlineText = render(catalog.dsl.newReport, setting, { ...vars, reporter: tokenMark('reporter') });
  const headline = splitReporter(headlineText, r);
  const facts: Fact[] = [
    { label: label.reference, value: [r.reference] },
    { label: label.urgency, value: [urgencyLabel(r)] },
    { label: label.situation, value: [r.flowTitle] },
    { label: label.setting, value: [r.settingName] },
    { label: label.reporter, value: reporterRich(r) },
    { label: label.filed, value: [{ time: r.createdAt }] },
  ];
  if (r.dangerFlagged) facts.push({ label: label.danger, value: [label.danger] });
  const preview = [...banners.map((b) => b.text), render(catalog.dsl.newReport, setting, { ...vars, reporter: reporterPlain(r) })].join(' ');
  return {
    reference: r.reference,
    banners,
    headline,
    facts,
    answers: { heading: label.answers, items: r.answers.map((a) => ({ question: a.question, answer: a.answer })) },
    acknowledged: acknowledgedRich(r, setting, catalog, ackName),
    buttons: reportButtons(r, label, true, catalog.desk, closed),
    preview,
  };
}

/** The headline with the reporter as a rich token (their role kept beside it). */
function splitReporter(text: string, r: FiledReport): Rich {
  const parts: Rich = [];
  text.split(tokenMark('reporter')).forEach((piece, i) => {
    if (i > 0) parts.push(...reporterRich(r));
    if (piece) parts.push(piece);
  });
  return parts;
}

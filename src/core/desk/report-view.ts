/**
 * The full report a DSL opens (a Slack modal, Teams cards), built once for every channel: every
 * stored field, the acknowledgement and how the DSL notifications went. Pure.
 */
import type { Catalog } from '../catalog';
import { deliverySummary, type Delivery } from '../delivery';
import type { SettingProfile } from '../model';
import type { FiledReport } from '../report';
import type { Fact, ReportLine, ReportView } from '../host/views';
import { labelsFor } from './labels';
import { isClosed, type CaseEntry } from '../case/model';
import { historyLines } from './history';
import { acknowledgedRich, reportButtons } from './notice';
import { reporterRich, urgencyLabel } from './people';

const NONE = '—';

/** The whole of report `r` for a DSL. */
export function reportView(r: FiledReport, deliveries: readonly Delivery[], setting: SettingProfile, catalog: Catalog, ackName?: string, entries: readonly CaseEntry[] = []): ReportView {
  const closed = isClosed(entries);
  const label = labelsFor(catalog, setting);
  const facts: Fact[] = [
    { label: label.reference, value: [r.reference] },
    { label: label.urgency, value: [urgencyLabel(r)] },
    { label: label.filed, value: [{ time: r.createdAt }] },
    { label: label.setting, value: [r.settingName] },
    { label: label.reporter, value: [...reporterRich(r), ` · ${r.channel}`] },
    { label: label.situation, value: [r.flowTitle] },
    { label: label.category, value: [r.category] },
    { label: label.acknowledged, value: acknowledgedRich(r, setting, catalog, ackName) ?? [NONE] },
    { label: label.deliveries, value: [deliverySummary(deliveries)] },
    { label: catalog.desk.status, value: [closed ? catalog.desk.closed : catalog.desk.open] },
  ];
  const advice = r.advice.flatMap((block) => [
    { text: block.title },
    ...block.steps.map((s, i) => {
      const cites = s.citations.map((c) => `${c.document} §${c.section}`).join('; ');
      return { label: `${i + 1}.`, text: cites ? `${s.text} [${cites}]` : s.text };
    }),
  ]);
  const sections = [
    { heading: label.firstMessage, items: r.firstMessage ? [{ text: r.firstMessage }] : [] },
    { heading: label.answers, items: r.answers.map((a) => ({ label: a.question, text: a.answer })) },
    { heading: label.account, items: r.account.map((a) => ({ label: a.prompt, text: a.text })) },
    { heading: label.advice, items: advice },
  ].filter((s) => s.items.length > 0);
  return {
    reference: r.reference,
    title: `${r.reference}: ${r.flowTitle}`,
    ...(r.dangerFlagged ? { danger: label.danger } : {}),
    facts,
    sections,
    history: { heading: catalog.desk.history, entries: historyLines(r, entries, catalog.desk, (by) => (by === r.acknowledgedBy ? ackName : undefined)) },
    footer: `${label.policyVersion}: ${r.policyVersion}`,
    buttons: [
      ...reportButtons(r, label, false, catalog.desk, closed),
      { action: 'audit', reference: r.reference, label: catalog.desk.audit },
      { action: 'export', reference: r.reference, label: catalog.desk.exportCpoms },
    ],
    closeLabel: label.close,
  };
}

/** One report on a DSL's list: urgency, situation, when filed, acknowledgement, notifications. */
export function reportLine(r: FiledReport, deliveries: readonly Delivery[], setting: SettingProfile, catalog: Catalog, ackName?: string): ReportLine {
  const label = labelsFor(catalog, setting);
  return {
    reference: r.reference,
    alarm: r.urgency === 'immediate' && !r.acknowledgedAt,
    urgent: r.urgency === 'immediate',
    summary: `${r.reference} · ${urgencyLabel(r)} · ${r.flowTitle}`,
    facts: [
      { label: label.filed, value: [{ time: r.createdAt }] },
      { label: label.acknowledged, value: acknowledgedRich(r, setting, catalog, ackName) ?? [NONE] },
      { label: label.deliveries, value: [deliverySummary(deliveries)] },
    ],
    deliveryFailed: deliveries.some((d) => d.status === 'failed'),
    view: { action: 'view', reference: r.reference, label: label.viewReport },
  };
}

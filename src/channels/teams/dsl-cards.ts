/**
 * The DSL team's Teams cards: the new-report and reminder notification (reference, urgency with
 * IMMEDIATE marked, situation, setting, reporter and the chosen answers — never the free-text
 * account), with Acknowledge and View full report buttons; the full report, sent only to a DSL in
 * their personal chat; and short text cards (acknowledged, refused, reporter told). Wording comes
 * from content/messages.yaml: `dsl.*` for the texts, `labels.*` for field names, headings and
 * button titles (see ./labels.ts). Nothing English is fixed here.
 */
import type { Activity } from 'botbuilder';
import type { Catalog } from '../../core/catalog';
import type { SettingProfile } from '../../core/model';
import type { FiledReport } from '../../core/report';
import { render } from '../../core/template';
import { adaptiveCard, buttons, cardMessage, container, factSet, plainTextOf, splitElements, textBlock, type CardElement } from './cards';
import { labelsFor, type Labels } from './labels';

/** Submit markers of the DSL buttons. */
export const ACK_ACTION = 'ack';
export const VIEW_ACTION = 'view';

/** A date and time as UK staff read it, e.g. "21 Nov 2026, 10:00 GMT". */
export function formatWhen(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const when = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', dateStyle: 'medium', timeStyle: 'short' }).format(d);
  return `${when} ${zoneOf(d)}`.trimEnd();
}

/** GMT or BST. */
function zoneOf(d: Date): string {
  const part = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', timeZoneName: 'short' }).formatToParts(d).find((p) => p.type === 'timeZoneName');
  return part?.value ?? '';
}

/** The report's urgency, in capitals when it is immediate (so it stands out). */
function urgencyLabel(r: FiledReport): string {
  return r.urgency === 'immediate' ? r.urgency.toUpperCase() : r.urgency;
}

/** A day as UK staff read it, e.g. "21 Nov 2026". */
export function formatDay(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', dateStyle: 'medium' }).format(d);
}

/** The reporter as the DSL sees them: name (and role) when known, else their Teams (AAD) id. */
export function reporterLabel(r: FiledReport): string {
  const who = [r.reporter.name, r.reporter.role].filter(Boolean).join(', ');
  return who || r.reporter.id;
}

function vars(r: FiledReport): Record<string, string> {
  return { reference: r.reference, urgency: urgencyLabel(r), flow: r.flowTitle, reporter: reporterLabel(r) };
}

/** The notification of a filed report ('report-filed') or of one still unacknowledged ('reminder'). */
export function notificationCard(r: FiledReport, setting: SettingProfile, catalog: Catalog, purpose: 'report-filed' | 'reminder'): Partial<Activity> {
  const label = labelsFor(catalog, setting);
  const headline = render(purpose === 'reminder' ? catalog.dsl.reminder : catalog.dsl.newReport, setting, vars(r));
  const body: CardElement[] = [];
  if (r.urgency === 'immediate') body.push(container([textBlock(render(catalog.dsl.immediate, setting, vars(r)), { weight: 'Bolder', color: 'Attention' })], 'attention'));
  body.push(textBlock(headline, { weight: 'Bolder' }));
  body.push(
    factSet([
      [label.reference, r.reference],
      [label.urgency, urgencyLabel(r)],
      [label.situation, r.flowTitle],
      [label.setting, r.settingName],
      [label.reporter, reporterLabel(r)],
      [label.filed, formatWhen(r.createdAt)],
    ]),
  );
  if (r.answers.length > 0) {
    body.push(textBlock(label.answers, { weight: 'Bolder', spacing: 'Medium' }));
    for (const a of r.answers) body.push(textBlock(`${a.question} — ${a.answer}`, { spacing: 'Small' }));
  }
  body.push(
    buttons([
      { title: label.acknowledge, data: { ss: ACK_ACTION, ref: r.reference }, style: 'positive' },
      { title: label.viewReport, data: { ss: VIEW_ACTION, ref: r.reference } },
    ]),
  );
  const fallback = [
    ...(r.urgency === 'immediate' ? [render(catalog.dsl.immediate, setting, vars(r))] : []),
    headline,
    ...r.answers.map((a) => `- ${a.question} — ${a.answer}`),
  ].join('\n');
  // The notification preview leads with IMMEDIATE when it is.
  return cardMessage(adaptiveCard(body, fallback), fallback.split('\n').slice(0, r.urgency === 'immediate' ? 2 : 1).join(' '));
}

/** Teams refuses messages over about 28 KB; each card of the full report stays well under. */
const MAX_CARD_BYTES = 20_000;

/**
 * The whole report, for a DSL's personal chat only: one card, or several in order when it is
 * long (every typed answer is kept whole). Each card's notification summary names only the
 * reference, so no detail shows on a lock screen. A section with nothing in it is left out;
 * "Danger" and "Acknowledged" are shown only when they happened.
 */
export function fullReportCards(r: FiledReport, labels: Labels): Partial<Activity>[] {
  const facts: [string, string][] = [
    [labels.filed, formatWhen(r.createdAt)],
    [labels.setting, `${r.settingName} (${r.settingId})`],
    [labels.reporter, reporterLabel(r)],
    [labels.category, r.category],
    [labels.urgency, urgencyLabel(r)],
    ...(r.acknowledgedAt ? [[labels.acknowledged, formatWhen(r.acknowledgedAt)] as [string, string]] : []),
  ];
  const body: CardElement[] = [textBlock(`${r.reference}: ${r.flowTitle}`, { weight: 'Bolder', size: 'Medium' })];
  if (r.dangerFlagged) body.push(container([textBlock(labels.danger, { weight: 'Bolder', color: 'Attention' })], 'attention'));
  body.push(factSet(facts));
  const section = (title: string, items: CardElement[]) => {
    if (items.length === 0) return;
    body.push(textBlock(title, { weight: 'Bolder', spacing: 'Medium' }));
    body.push(...items);
  };
  section(labels.firstMessage, r.firstMessage ? [textBlock(r.firstMessage)] : []);
  section(labels.answers, r.answers.map((a) => textBlock(`${a.question} — ${a.answer}`, { spacing: 'Small' })));
  section(
    labels.account,
    r.account.flatMap((a) => [textBlock(a.prompt, { isSubtle: true, spacing: 'Small' }), textBlock(a.text, { spacing: 'None' })]),
  );
  section(
    labels.advice,
    r.advice.flatMap((block) => [
      textBlock(block.title, { spacing: 'Small' }),
      ...block.steps.map((s, i) => {
        const cites = s.citations.map((c) => `${c.document} §${c.section}`).join('; ');
        return textBlock(`${i + 1}. ${s.text}${cites ? ` [${cites}]` : ''}`, { spacing: 'None', size: 'Small' });
      }),
    ]),
  );
  body.push(textBlock(`${labels.policyVersion}: ${r.policyVersion}`, { isSubtle: true, size: 'Small', spacing: 'Medium' }));
  if (!r.acknowledgedAt) body.push(buttons([{ title: labels.acknowledge, data: { ss: ACK_ACTION, ref: r.reference }, style: 'positive' }]));
  // A single answer too long for a card is shortened there; the whole text stays in the database.
  const parts = splitElements(body, MAX_CARD_BYTES, `[safestep reports show ${r.reference}]`);
  return parts.map((part, i) => {
    const heading = parts.length > 1 ? `${r.reference} (${i + 1}/${parts.length})` : r.reference;
    const items = i === 0 ? part : [textBlock(heading, { isSubtle: true }), ...part];
    return cardMessage(adaptiveCard(items, plainTextOf(items)), heading);
  });
}

/** A one-line card (acknowledgements, refusals, the reporter's "the DSL has seen it"). */
export function noticeCard(text: string): Partial<Activity> {
  return cardMessage(adaptiveCard([textBlock(text)], text));
}

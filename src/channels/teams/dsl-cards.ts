/**
 * The DSL team's Teams cards: the new-report and reminder notification (reference, urgency with
 * IMMEDIATE marked, situation, setting, reporter and the chosen answers — never the free-text
 * account), with Acknowledge and View full report buttons; the full report, sent only to a DSL in
 * their personal chat; and short text cards (acknowledged, refused, reporter told). Wording comes
 * from content/messages.yaml (`dsl.*`); only field labels and button titles are fixed here.
 */
import type { Activity } from 'botbuilder';
import type { Catalog } from '../../core/catalog';
import type { SettingProfile } from '../../core/model';
import type { FiledReport } from '../../core/report';
import { render } from '../../core/template';
import { adaptiveCard, buttons, cardMessage, container, factSet, textBlock, type CardElement } from './cards';

/** Submit markers of the DSL buttons. */
export const ACK_ACTION = 'ack';
export const VIEW_ACTION = 'view';

const LABEL = {
  acknowledge: 'Acknowledge',
  view: 'View full report',
  reference: 'Reference',
  urgency: 'Urgency',
  situation: 'Situation',
  setting: 'Setting',
  reporter: 'Reported by',
  filed: 'Filed',
  category: 'Category',
  danger: 'Danger flagged',
  acknowledged: 'Acknowledged',
  answers: 'Answers given',
  firstMessage: 'First message',
  advice: 'Advice shown',
  account: 'Factual account',
  policy: 'Policy version',
  none: '(none)',
  notYet: 'not yet',
} as const;

/** A date and time as UK staff read it, e.g. "21 Nov 2026, 10:00 GMT". */
export function formatWhen(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', dateStyle: 'medium', timeStyle: 'short' }).format(d) + ` ${zoneOf(d)}`;
}

function zoneOf(d: Date): string {
  const part = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', timeZoneName: 'short' }).formatToParts(d).find((p) => p.type === 'timeZoneName');
  return part?.value ?? 'UK time';
}

function urgencyLabel(r: FiledReport): string {
  return r.urgency === 'immediate' ? 'IMMEDIATE' : r.urgency;
}

/** The reporter as the DSL sees them: name (and role) when known, else their Teams id. */
export function reporterLabel(r: FiledReport): string {
  const who = [r.reporter.name, r.reporter.role].filter(Boolean).join(', ');
  return who || `Teams user ${r.reporter.id}`;
}

function vars(r: FiledReport): Record<string, string> {
  return { reference: r.reference, urgency: urgencyLabel(r), flow: r.flowTitle, reporter: reporterLabel(r) };
}

/** The notification of a filed report ('report-filed') or of one still unacknowledged ('reminder'). */
export function notificationCard(r: FiledReport, setting: SettingProfile, catalog: Catalog, purpose: 'report-filed' | 'reminder'): Partial<Activity> {
  const headline = render(purpose === 'reminder' ? catalog.dsl.reminder : catalog.dsl.newReport, setting, vars(r));
  const body: CardElement[] = [];
  if (r.urgency === 'immediate') body.push(container([textBlock(render(catalog.dsl.immediate, setting, vars(r)), { weight: 'Bolder', color: 'Attention' })], 'attention'));
  body.push(textBlock(headline, { weight: 'Bolder' }));
  body.push(
    factSet([
      [LABEL.reference, r.reference],
      [LABEL.urgency, urgencyLabel(r)],
      [LABEL.situation, r.flowTitle],
      [LABEL.setting, r.settingName],
      [LABEL.reporter, reporterLabel(r)],
      [LABEL.filed, formatWhen(r.createdAt)],
    ]),
  );
  if (r.answers.length > 0) {
    body.push(textBlock(LABEL.answers, { weight: 'Bolder', spacing: 'Medium' }));
    for (const a of r.answers) body.push(textBlock(`${a.question} — ${a.answer}`, { spacing: 'Small' }));
  }
  body.push(
    buttons([
      { title: LABEL.acknowledge, data: { ss: ACK_ACTION, ref: r.reference }, style: 'positive' },
      { title: LABEL.view, data: { ss: VIEW_ACTION, ref: r.reference } },
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
 * reference, so no detail shows on a lock screen.
 */
export function fullReportCards(r: FiledReport): Partial<Activity>[] {
  const body: CardElement[] = [
    textBlock(`${r.reference}: ${r.flowTitle}`, { weight: 'Bolder', size: 'Medium' }),
    factSet([
      [LABEL.filed, formatWhen(r.createdAt)],
      [LABEL.setting, `${r.settingName} (${r.settingId})`],
      [LABEL.reporter, reporterLabel(r)],
      [LABEL.category, r.category],
      [LABEL.urgency, urgencyLabel(r)],
      [LABEL.danger, r.dangerFlagged ? 'yes' : 'no'],
      [LABEL.acknowledged, r.acknowledgedAt ? formatWhen(r.acknowledgedAt) : LABEL.notYet],
    ]),
  ];
  const section = (title: string, items: CardElement[]) => {
    body.push(textBlock(title, { weight: 'Bolder', spacing: 'Medium' }));
    body.push(...(items.length > 0 ? items : [textBlock(LABEL.none, { isSubtle: true })]));
  };
  section(LABEL.firstMessage, r.firstMessage ? [textBlock(r.firstMessage)] : []);
  section(LABEL.answers, r.answers.map((a) => textBlock(`${a.question} — ${a.answer}`, { spacing: 'Small' })));
  section(
    LABEL.account,
    r.account.flatMap((a) => [textBlock(a.prompt, { isSubtle: true, spacing: 'Small' }), textBlock(a.text, { spacing: 'None' })]),
  );
  section(
    LABEL.advice,
    r.advice.flatMap((block) => [
      textBlock(block.title, { spacing: 'Small' }),
      ...block.steps.map((s, i) => {
        const cites = s.citations.map((c) => `${c.document} §${c.section}`).join('; ');
        return textBlock(`${i + 1}. ${s.text}${cites ? ` [${cites}]` : ''}`, { spacing: 'None', size: 'Small' });
      }),
    ]),
  );
  body.push(textBlock(`${LABEL.policy}: ${r.policyVersion}`, { isSubtle: true, size: 'Small', spacing: 'Medium' }));
  if (!r.acknowledgedAt) body.push(buttons([{ title: LABEL.acknowledge, data: { ss: ACK_ACTION, ref: r.reference }, style: 'positive' }]));
  const parts = chunk(body, MAX_CARD_BYTES);
  return parts.map((part, i) => {
    const heading = parts.length > 1 ? `${r.reference} (${i + 1}/${parts.length})` : r.reference;
    const items = i === 0 ? part : [textBlock(heading, { isSubtle: true }), ...part];
    const fallback = items.map((e) => (typeof e.text === 'string' ? e.text : '')).filter(Boolean).join('\n');
    return cardMessage(adaptiveCard(items, fallback.length > 1500 ? `${fallback.slice(0, 1500)} …` : fallback), heading);
  });
}

/** Splits card elements into runs whose JSON stays under `limit` bytes (one element over it alone is cut). */
function chunk(elements: CardElement[], limit: number): CardElement[][] {
  const parts: CardElement[][] = [[]];
  let size = 0;
  for (const raw of elements) {
    const e = fit(raw, limit);
    const bytes = Buffer.byteLength(JSON.stringify(e));
    if (size + bytes > limit && parts[parts.length - 1]!.length > 0) {
      parts.push([]);
      size = 0;
    }
    parts[parts.length - 1]!.push(e);
    size += bytes;
  }
  return parts;
}

/** One TextBlock longer than a whole card (a pasted essay) is shortened, saying so. */
function fit(e: CardElement, limit: number): CardElement {
  if (typeof e.text !== 'string' || Buffer.byteLength(JSON.stringify(e)) < limit) return e;
  return { ...e, text: `${e.text.slice(0, Math.floor(limit / 8))} … [shortened here; the whole text is in \`safestep reports show\`]` };
}

/** A one-line card (acknowledgements, refusals, the reporter's "the DSL has seen it"). */
export function noticeCard(text: string): Partial<Activity> {
  return cardMessage(adaptiveCard([textBlock(text)], text));
}

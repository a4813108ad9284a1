/**
 * The DSL team's Teams cards, rendered from the core's views (the same views Slack renders): the
 * notice of a report (banners, headline, facts, answers given — never the free-text account —
 * with Acknowledge and View full report), the full report (for a DSL's personal chat only), and
 * one-line cards. Coloured text is never relied on: IMMEDIATE and danger are bold text with a
 * marker in the default colour inside an emphasis container, which Teams draws with at least
 * 4.5:1 contrast in its light, dark and high-contrast themes.
 */
import type { Activity } from 'botbuilder';
import type { ReportButton, ReportNotice, ReportView } from '../../core/host';
import { adaptiveCard, buttons, cardMessage, container, factSet, plainTextOf, splitElements, textBlock, type CardElement } from './cards';
import type { RefBook } from './refs';
import { cardText } from './rich';

/** Submit markers of the DSL buttons. */
export const ACK_ACTION = 'ack';
export const VIEW_ACTION = 'view';

/** Teams refuses messages over about 28 KB; each card of the full report stays well under. */
const MAX_CARD_BYTES = 20_000;
const BANNER_MARK = { reminder: '⏰', immediate: '🚨' } as const;

/** The submit marker of a report button: ack, view, note, action, outcome, correct, audit, export. */
export function submitMarker(action: ReportButton['action']): string {
  return action === 'acknowledge' ? ACK_ACTION : action;
}

function buttonRow(list: readonly ReportButton[]): CardElement {
  return buttons(
    list.map((b) => ({ title: b.label, data: { ss: submitMarker(b.action), ref: b.reference }, ...(b.primary ? { style: 'positive' as const } : {}) })),
  );
}

/** A banner: bold default-colour text in an emphasis container (contrast set by the theme). */
function banner(text: string): CardElement {
  return container([textBlock(text, { weight: 'Bolder' })], 'emphasis');
}

/** The notice of a report, new or as a reminder. */
export function noticeCard(n: ReportNotice, refs?: RefBook): Partial<Activity> {
  const body: CardElement[] = n.banners.map((b) => banner(`${BANNER_MARK[b.kind]} ${b.text}`));
  body.push(textBlock(cardText(n.headline, refs), { weight: 'Bolder' }));
  body.push(factSet(n.facts.map((f) => [f.label, cardText(f.value, refs)])));
  if (n.answers.items.length > 0) {
    body.push(textBlock(n.answers.heading, { weight: 'Bolder', spacing: 'Medium' }));
    for (const a of n.answers.items) body.push(textBlock(`${a.question} — ${a.answer}`, { spacing: 'Small' }));
  }
  if (n.acknowledged) body.push(textBlock(`✅ ${cardText(n.acknowledged, refs)}`, { isSubtle: true }));
  if (n.buttons.length > 0) body.push(buttonRow(n.buttons));
  const fallback = [n.preview, ...n.answers.items.map((a) => `- ${a.question} — ${a.answer}`)].join('\n');
  // The notification preview names the banners and headline only.
  return cardMessage(adaptiveCard(body, fallback), n.preview);
}

/**
 * The whole report, for a DSL's personal chat only: one card, or several in order when it is
 * long (every typed answer is kept whole). Each card's notification summary names only the
 * reference, so no detail shows on a lock screen.
 */
export function fullReportCards(v: ReportView, refs?: RefBook): Partial<Activity>[] {
  const body: CardElement[] = [textBlock(v.title, { weight: 'Bolder', size: 'Medium' })];
  if (v.danger) body.push(banner(`🚨 ${v.danger}`));
  body.push(factSet(v.facts.map((f) => [f.label, cardText(f.value, refs)])));
  for (const s of v.sections) {
    body.push(textBlock(s.heading, { weight: 'Bolder', spacing: 'Medium' }));
    for (const item of s.items) {
      if (item.label) body.push(textBlock(item.label, { isSubtle: true, spacing: 'Small' }), textBlock(item.text, { spacing: 'None' }));
      else body.push(textBlock(item.text, { spacing: 'Small' }));
    }
  }
  if (v.history.entries.length > 0) {
    body.push(textBlock(v.history.heading, { weight: 'Bolder', spacing: 'Medium' }));
    for (const h of v.history.entries) {
      body.push(textBlock(`#${h.id} ${h.kind} · ${cardText([{ person: h.who }], refs)} · ${cardText([{ time: h.at }])}`, { isSubtle: true, spacing: 'Small' }));
      if (h.facts.length > 0) body.push(factSet(h.facts.map((f) => [f.label, cardText(f.value, refs)])));
      if (h.text !== undefined) body.push(textBlock(h.text, { spacing: 'None' }));
    }
  }
  body.push(textBlock(v.footer, { isSubtle: true, size: 'Small', spacing: 'Medium' }));
  if (v.buttons.length > 0) body.push(buttonRow(v.buttons));
  // A single answer too long for a card is shortened there; the whole text stays in the database.
  const parts = splitElements(body, MAX_CARD_BYTES, `[safestep reports show ${v.reference}]`);
  return parts.map((part, i) => {
    const heading = parts.length > 1 ? `${v.reference} (${i + 1}/${parts.length})` : v.reference;
    const items = i === 0 ? part : [textBlock(heading, { isSubtle: true }), ...part];
    return cardMessage(adaptiveCard(items, plainTextOf(items)), heading);
  });
}

/** A one-line card (acknowledgements, refusals, the reporter's "the DSL has seen it"). */
export function textCard(text: string): Partial<Activity> {
  return cardMessage(adaptiveCard([textBlock(text)], text));
}

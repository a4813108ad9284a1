/**
 * The core's replies as one Teams message: an Adaptive Card holding every reply of the turn in
 * order (danger first, as the engine puts it), questions as Action.Submit buttons whose data
 * names the question and the choice (when any choice is longer than a phone shows on a button,
 * such as the quiz's options, every choice is listed in full and numbered, with number buttons
 * whose tooltip, read by screen readers, is the choice), advice as a numbered list with a
 * citation line under each step, quiz explanations with their citation line, and the core's
 * plain-text rendering as the fallback. Sizes are measured as Teams measures them (UTF-16). The
 * typed-answer hint is the catalogue's label. Translates only; decides nothing.
 */
import type { Activity } from 'botbuilder';
import { citationLine, quoteLines, replyToText, type Labels, type Reply } from '../../core/host';
import { TEAMS_MESSAGE_LIMIT, adaptiveCard, buttons, cardMessage, container, sliceText, teamsSize, textBlock, type CardElement } from './cards';

/** The `ss` marker of a choice button's submit data. */
export const CHOICE_ACTION = 'choice';

/** About where Teams on a phone cuts a button's title; longer choices are listed in full above number buttons. */
export const BUTTON_LABEL_FITS = 30;

/** The labels the reply cards use. */
export type ReplyLabels = Pick<Labels, 'typeAnswer'>;

/** A turn's card stays under this (UTF-16 bytes, as Teams counts), or is split: room under 28 KB for the activity's envelope. */
export const MAX_MESSAGE_SIZE = TEAMS_MESSAGE_LIMIT - 2_000;
/** A single reply longer than this (e.g. a long account handed back when filing failed) is sent in pieces. */
const PIECE_CHARS = 6_000;

/**
 * The messages for a turn's replies: normally one card; when that would be too big for Teams,
 * one card per reply, and a very long reply in several plain pieces, so nothing is ever lost.
 */
export function renderReplies(replies: readonly Reply[], labels: ReplyLabels): Partial<Activity>[] {
  if (replies.length === 0) return [];
  const whole = turnCard(replies, labels);
  if (teamsSize(whole) <= MAX_MESSAGE_SIZE) return [whole];
  return replies.flatMap((r) => {
    const one = turnCard([r], labels);
    return teamsSize(one) <= MAX_MESSAGE_SIZE ? [one] : textCards(replyToText(r), labels);
  });
}

/** Long text as plain cards, each under the size limit (halving a piece until its card fits). */
function textCards(text: string, labels: ReplyLabels, size = PIECE_CHARS): Partial<Activity>[] {
  return pieces(text, size).flatMap((piece) => {
    const card = turnCard([{ type: 'text', text: piece }], labels);
    return teamsSize(card) <= MAX_MESSAGE_SIZE || piece.length < 200 ? [card] : textCards(piece, labels, Math.floor(piece.length / 2));
  });
}

function turnCard(replies: readonly Reply[], labels: ReplyLabels): Partial<Activity> {
  const body = replies.map((r, i) => ({ type: 'Container', spacing: i === 0 ? 'None' : 'Medium', items: replyElements(r, labels) }));
  const fallback = replies.map(replyToText).join('\n\n');
  return cardMessage(adaptiveCard(body, cut(fallback, 4_000)), cut(fallback, 250));
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${sliceText(text, max - 1)}…`;
}

/** Splits long text into pieces of at most `size` code units, at line breaks where it can, never inside an emoji. */
function pieces(text: string, size: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > size) {
    const at = rest.lastIndexOf('\n', size);
    const end = at > size / 2 ? at : sliceText(rest, size).length;
    out.push(rest.slice(0, end));
    rest = rest.slice(end).replace(/^\n/, '');
  }
  out.push(rest);
  return out;
}

function replyElements(reply: Reply, labels: ReplyLabels): CardElement[] {
  switch (reply.type) {
    case 'text': {
      const cites = reply.citations && reply.citations.length > 0 ? [citation(citationLine({ citations: reply.citations }))] : [];
      return [textBlock(reply.text), ...cites];
    }
    case 'quiz-result':
      return [textBlock(reply.text, { weight: 'Bolder' })];
    case 'footnote':
      return [textBlock(reply.text, { isSubtle: true, size: 'Small' })];
    case 'danger':
      return [container([textBlock(`🚨 ${reply.text}`, { weight: 'Bolder', size: 'Medium' })], 'emphasis')];
    case 'warning':
      return [container([textBlock(reply.text, { weight: 'Bolder' })], 'warning')];
    case 'error':
      return [textBlock(reply.text, { weight: 'Bolder' })];
    case 'report':
      return [container([textBlock(reply.text, { weight: 'Bolder' })], 'good')];
    case 'advice':
      return adviceElements(reply);
    case 'question':
      return questionElements(reply, labels);
  }
}

function citation(line: string): CardElement {
  return textBlock(line, { isSubtle: true, size: 'Small', spacing: 'None' });
}

function adviceElements(reply: Extract<Reply, { type: 'advice' }>): CardElement[] {
  const out: CardElement[] = [textBlock(reply.title, { weight: 'Bolder', size: 'Medium' })];
  if (reply.intro) out.push(textBlock(reply.intro));
  reply.steps.forEach((step, i) => {
    out.push(textBlock(`${i + 1}. ${step.text}`, { spacing: 'Small' }));
    if (step.citations.length > 0) out.push(citation(citationLine(step)));
    // The policy's own words the step rests on, marked as a quote, so a DSL can check it at a glance.
    for (const quote of quoteLines(step)) out.push(textBlock(`> ${quote}`, { isSubtle: true, size: 'Small', spacing: 'None', fontType: 'Default' }));
  });
  return out;
}

function questionElements(reply: Extract<Reply, { type: 'question' }>, labels: ReplyLabels): CardElement[] {
  const out: CardElement[] = [textBlock(reply.text, { weight: 'Bolder' })];
  if (reply.freeText) out.push(textBlock(labels.typeAnswer, { isSubtle: true, spacing: 'None' }));
  const long = reply.choices.some((c) => c.label.length > BUTTON_LABEL_FITS);
  if (long) reply.choices.forEach((c, i) => out.push(textBlock(`${i + 1}. ${c.label}`, { spacing: 'Small' })));
  reply.choices.forEach((c, i) => {
    // The submit data is exactly what the core expects, whatever the button shows.
    const data = { ss: CHOICE_ACTION, q: reply.id, choice: c.id };
    out.push(buttons([long ? { title: String(i + 1), tooltip: c.label, data } : { title: c.label, data }]));
  });
  return out;
}

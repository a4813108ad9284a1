/**
 * The core's replies as one Teams message: an Adaptive Card holding every reply of the turn in
 * order (danger first, as the engine puts it), questions as Action.Submit buttons whose data
 * names the question and the choice (long choices, such as the quiz's options, listed in full and
 * numbered, with short numbered buttons), advice as a numbered list with a citation line under
 * each step, quiz explanations with their citation line, and the core's plain-text rendering as
 * the fallback. The typed-answer hint is the catalogue's label. Translates only; decides nothing.
 */
import type { Activity } from 'botbuilder';
import { citationLine, replyToText, type Labels, type Reply } from '../../core/host';
import { adaptiveCard, buttons, cardMessage, container, textBlock, type CardElement } from './cards';

/** The `ss` marker of a choice button's submit data. */
export const CHOICE_ACTION = 'choice';

/** Teams never wraps a button's title; longer labels are listed in full above short numbered buttons. */
const BUTTON_LABEL_FITS = 40;

/** The labels the reply cards use. */
export type ReplyLabels = Pick<Labels, 'typeAnswer'>;

/** Teams refuses messages over about 28 KB; a turn's card stays under this, or is split. */
const MAX_MESSAGE_BYTES = 24_000;
/** A single reply longer than this (e.g. a long account handed back when filing failed) is sent in pieces. */
const PIECE_CHARS = 6_000;

/**
 * The messages for a turn's replies: normally one card; when that would be too big for Teams,
 * one card per reply, and a very long reply in several plain pieces, so nothing is ever lost.
 */
export function renderReplies(replies: readonly Reply[], labels: ReplyLabels): Partial<Activity>[] {
  if (replies.length === 0) return [];
  const whole = turnCard(replies, labels);
  if (bytes(whole) <= MAX_MESSAGE_BYTES) return [whole];
  return replies.flatMap((r) => {
    const one = turnCard([r], labels);
    return bytes(one) <= MAX_MESSAGE_BYTES ? [one] : pieces(replyToText(r)).map((text) => turnCard([{ type: 'text', text }], labels));
  });
}

function turnCard(replies: readonly Reply[], labels: ReplyLabels): Partial<Activity> {
  const body = replies.map((r, i) => ({ type: 'Container', spacing: i === 0 ? 'None' : 'Medium', items: replyElements(r, labels) }));
  const fallback = replies.map(replyToText).join('\n\n');
  return cardMessage(adaptiveCard(body, cut(fallback, 4_000)), cut(fallback, 250));
}

function bytes(message: Partial<Activity>): number {
  return Buffer.byteLength(JSON.stringify(message));
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Splits long text into pieces of at most PIECE_CHARS, at line breaks where it can. */
function pieces(text: string): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > PIECE_CHARS) {
    const at = rest.lastIndexOf('\n', PIECE_CHARS);
    const end = at > PIECE_CHARS / 2 ? at : PIECE_CHARS;
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
  });
  return out;
}

function questionElements(reply: Extract<Reply, { type: 'question' }>, labels: ReplyLabels): CardElement[] {
  const out: CardElement[] = [textBlock(reply.text, { weight: 'Bolder' })];
  if (reply.freeText) out.push(textBlock(labels.typeAnswer, { isSubtle: true, spacing: 'None' }));
  const long = reply.choices.some((c) => c.label.length > BUTTON_LABEL_FITS);
  if (long) reply.choices.forEach((c, i) => out.push(textBlock(`${i + 1}. ${c.label}`, { spacing: 'Small' })));
  reply.choices.forEach((c, i) => {
    const title = long ? `${i + 1}. ${shortened(c.label)}` : c.label;
    out.push(buttons([{ title, data: { ss: CHOICE_ACTION, q: reply.id, choice: c.id } }]));
  });
  return out;
}

/** A label cut to fit a button, at a word boundary where it can (the full text is listed above). */
function shortened(label: string): string {
  if (label.length <= BUTTON_LABEL_FITS) return label;
  const head = label.slice(0, BUTTON_LABEL_FITS - 1);
  const space = head.lastIndexOf(' ');
  return `${(space > BUTTON_LABEL_FITS / 2 ? head.slice(0, space) : head).replace(/[\s,;:.-]+$/, '')}…`;
}

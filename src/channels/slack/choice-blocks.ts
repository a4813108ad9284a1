/**
 * A question's answer buttons in Slack, readable on a phone: Slack's mobile apps cut button text
 * at about 30 characters, so when any answer is longer (or it is a quiz question) every answer
 * is listed in full, numbered, in the message, and the buttons are short numbers whose
 * accessibility label is the full answer. Each button still carries its choice id as its value
 * and the question id in its block id, exactly as the core expects. Also: a question once
 * answered (its buttons replaced by the answer, and a full plain-text fallback). Pure.
 */
import type { types } from '@slack/bolt';
import type { ReplyChoice } from '../../core/host';
import { clip, escapeText } from './mrkdwn';

type KnownBlock = types.KnownBlock;

/**
 * Button action ids are `ss_choice:<n>`; the button's value is the choice id, and its actions
 * block's id carries the question id (so the core can refuse an old button for a newer question).
 */
export const CHOICE_ACTION = 'ss_choice';
export const CHOICE_ACTION_PATTERN = /^ss_choice:\d+$/;
/** Prefix of the block ids of the actions blocks that hold a question's buttons. */
export const CHOICE_BLOCK_PREFIX = 'ss_choices';

/** About where Slack's mobile apps cut a button's text. */
export const BUTTON_TEXT_FITS = 30;
/** Slack's limit for a button's text and for its accessibility label. */
const BUTTON_TEXT_MAX = 75;
const BUTTONS_PER_BLOCK = 25;
/** Slack's limit for a message's top-level text is 4,000 characters; stay clearly under it. */
export const MESSAGE_TEXT_MAX = 3_900;
/** A quiz question's reply id (not its retake offer or attestation, whose answers are short). */
const QUIZ_QUESTION = /^quiz:(?!retake$|attest$)./;

/** The block id of a question's n-th actions block: `ss_choices:<n>:<question id>`. */
export function choiceBlockId(questionId: string, n: number): string {
  return `${CHOICE_BLOCK_PREFIX}:${n}:${questionId}`.slice(0, 255);
}

/** The question id carried by a choice button's block id, if it is one of SafeStep's. */
export function questionIdOf(blockId: string | undefined): string | undefined {
  const m = /^ss_choices:\d+:(.+)$/s.exec(blockId ?? '');
  return m?.[1];
}

/** Whether a question's answers are listed numbered in the message, with number buttons. */
export function isNumbered(reply: { id: string; choices: { label: string }[] }): boolean {
  return QUIZ_QUESTION.test(reply.id) || reply.choices.some((c) => c.label.length > BUTTON_TEXT_FITS);
}

/** The answers listed in full, numbered, as mrkdwn lines ("*1.* label"). */
export function numberedList(choices: readonly ReplyChoice[]): string[] {
  return choices.map((c, i) => `*${i + 1}.* ${escapeText(c.label)}`);
}

/** The actions blocks of a question: labelled buttons, or numbers labelled for screen readers. */
export function choiceButtons(questionId: string, choices: readonly ReplyChoice[], numbered = false): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  for (let start = 0; start < choices.length; start += BUTTONS_PER_BLOCK) {
    blocks.push({
      type: 'actions',
      block_id: choiceBlockId(questionId, start / BUTTONS_PER_BLOCK),
      elements: choices.slice(start, start + BUTTONS_PER_BLOCK).map((c, i) => ({
        type: 'button',
        action_id: `${CHOICE_ACTION}:${start + i}`,
        value: c.id,
        text: { type: 'plain_text', text: numbered ? String(start + i + 1) : clip(c.label, BUTTON_TEXT_MAX), emoji: true },
        ...(numbered ? { accessibility_label: clip(c.label, BUTTON_TEXT_MAX) } : {}),
      })),
    });
  }
  return blocks;
}

const isChoiceBlock = (b: { type?: string; block_id?: string }) => b.type === 'actions' && typeof b.block_id === 'string' && b.block_id.startsWith(CHOICE_BLOCK_PREFIX);

/** True if the blocks hold a question's answer buttons. */
export function hasChoiceButtons(blocks: readonly unknown[]): boolean {
  return blocks.some((block) => isChoiceBlock(block as { type?: string; block_id?: string }));
}

/**
 * A question message once answered: its buttons replaced by the chosen answer, so an old
 * question cannot be answered twice. Other blocks are kept as Slack returned them.
 */
export function markAnswered(blocks: readonly unknown[], label: string): KnownBlock[] {
  const out: KnownBlock[] = [];
  let marked = false;
  for (const block of blocks) {
    if (isChoiceBlock(block as { type?: string; block_id?: string })) {
      if (!marked) out.push({ type: 'context', elements: [{ type: 'mrkdwn', text: clip(`:ballot_box_with_check: ${escapeText(label)}`, 3000) }] });
      marked = true;
    } else out.push(block as KnownBlock);
  }
  return out;
}

/** The mrkdwn texts of blocks (sections, headers, context lines), one a line. */
export function blocksText(blocks: readonly unknown[]): string {
  const texts: string[] = [];
  for (const block of blocks) {
    const b = block as { text?: { text?: unknown }; elements?: { text?: unknown }[] };
    if (b.text && typeof b.text.text === 'string') texts.push(b.text.text);
    for (const e of b.elements ?? []) if (typeof e?.text === 'string') texts.push(e.text);
  }
  return texts.filter(Boolean).join('\n');
}

/**
 * The update for a question message once answered: `markAnswered`'s blocks and, as the message's
 * text (all that screen readers and notifications read), the message's words with the answer
 * after them; if that is too long for Slack, the question (from its last text block before the
 * buttons) and the answer.
 */
export function answeredMessage(blocks: readonly unknown[], label: string): { text: string; blocks: KnownBlock[] } {
  const marked = markAnswered(blocks, label);
  const whole = blocksText(marked);
  if (whole.length <= MESSAGE_TEXT_MAX) return { text: whole, blocks: marked };
  const at = blocks.findIndex((b) => isChoiceBlock(b as { type?: string; block_id?: string }));
  const before = at > 0 ? blocks.slice(0, at) : blocks;
  const question = blocksText(before.slice(-1));
  const answer = blocksText([marked[at > 0 ? at : marked.length - 1]]);
  return { text: clip(`${question}\n${answer}`, MESSAGE_TEXT_MAX), blocks: marked };
}

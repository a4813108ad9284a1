/**
 * The core's replies as Slack messages (Block Kit): questions as buttons, advice as a numbered
 * list with each step's citations under it, danger and warnings set apart, and on every message
 * the plain-text fallback from replyToText. A quiz question (id `quiz:<question-id>`), or any
 * question whose answers are too long for a button, lists its answers numbered and offers short
 * numbered buttons (each still carrying its choice id). Pure; decides nothing about what is said.
 */
import type { types } from '@slack/bolt';
import { citationLine, replyToText, type Reply } from '../../core/host';
import { bold, chunkText, clip, escapeText } from './mrkdwn';

type KnownBlock = types.KnownBlock;

/** One chat.postMessage: the blocks and the fallback text shown in notifications. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** The few catalogue labels replies are shown with (content/messages.yaml `labels`, rendered). */
export interface BlockTexts {
  /** Under a question answered by typing. */
  typeAnswer: string;
}

/**
 * Button action ids are `ss_choice:<n>`; the button's value is the choice id, and its actions
 * block's id carries the question id (so the core can refuse an old button for a newer question).
 */
export const CHOICE_ACTION = 'ss_choice';
export const CHOICE_ACTION_PATTERN = /^ss_choice:\d+$/;
/** Prefix of the block ids of the actions blocks that hold a question's buttons. */
export const CHOICE_BLOCK_PREFIX = 'ss_choices';

const MAX_BLOCKS = 50;
const MAX_FALLBACK = 39_000;
const BUTTONS_PER_BLOCK = 25;
/** Slack's limit for a button's text. */
const BUTTON_TEXT_MAX = 75;
/** A quiz question's reply id (not its retake offer or attestation, whose answers fit on buttons). */
const QUIZ_QUESTION = /^quiz:(?!retake$|attest$)./;

/** Sections for a long mrkdwn text (each at most 3,000 characters). */
export function sections(mrkdwn: string): KnownBlock[] {
  return chunkText(mrkdwn).map((text) => ({ type: 'section', text: { type: 'mrkdwn', text } }));
}

/** A context block with one mrkdwn line (clipped to Slack's 3,000 characters). */
export function context(mrkdwn: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: clip(mrkdwn, 3000) }] };
}

/** The block id of a question's n-th actions block: `ss_choices:<n>:<question id>`. */
export function choiceBlockId(questionId: string, n: number): string {
  return `${CHOICE_BLOCK_PREFIX}:${n}:${questionId}`.slice(0, 255);
}

/** The question id carried by a choice button's block id, if it is one of SafeStep's. */
export function questionIdOf(blockId: string | undefined): string | undefined {
  const m = /^ss_choices:\d+:(.+)$/s.exec(blockId ?? '');
  return m?.[1];
}

function choiceButtons(questionId: string, choices: { id: string; label: string }[], numbered = false): KnownBlock[] {
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
      })),
    });
  }
  return blocks;
}

/** Whether a question's answers are listed numbered, with number buttons. */
export function isNumbered(reply: { id: string; choices: { label: string }[] }): boolean {
  return QUIZ_QUESTION.test(reply.id) || reply.choices.some((c) => c.label.length > BUTTON_TEXT_MAX);
}

/** The blocks of one reply. */
export function replyBlocks(reply: Reply, texts: BlockTexts): KnownBlock[] {
  switch (reply.type) {
    case 'text': {
      const cited = reply.citations && reply.citations.length > 0 ? [context(`:page_facing_up: ${escapeText(citationLine({ citations: reply.citations }))}`)] : [];
      return [...sections(escapeText(reply.text)), ...cited];
    }
    case 'quiz-result': {
      const [first = '', ...rest] = reply.text.split('\n');
      return sections([`${reply.passed ? ':tada: ' : ''}${bold(escapeText(first))}`, ...rest.map(escapeText)].join('\n'));
    }
    case 'danger':
      return [...sections(`:rotating_light: ${bold(escapeText(reply.text))}`), { type: 'divider' }];
    case 'warning':
      return sections(`:warning: ${escapeText(reply.text)}`);
    case 'error':
      return sections(`:x: ${escapeText(reply.text)}`);
    case 'report':
      return sections(`:white_check_mark: ${escapeText(reply.text)}`);
    case 'question': {
      if (!reply.freeText && isNumbered(reply)) {
        const list = reply.choices.map((c, i) => `*${i + 1}.* ${escapeText(c.label)}`);
        return [...sections([bold(escapeText(reply.text)), '', ...list].join('\n')), ...choiceButtons(reply.id, reply.choices, true)];
      }
      const asked = sections(bold(escapeText(reply.text)));
      if (!reply.freeText) return [...asked, ...choiceButtons(reply.id, reply.choices)];
      return [...asked, context(`:keyboard: ${escapeText(texts.typeAnswer)}`), ...(reply.choices.length > 0 ? choiceButtons(reply.id, reply.choices) : [])];
    }
    case 'advice': {
      const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: clip(reply.title, 150), emoji: true } }];
      if (reply.intro) blocks.push(...sections(escapeText(reply.intro)));
      reply.steps.forEach((step, i) => {
        blocks.push(...sections(`*${i + 1}.* ${escapeText(step.text)}`));
        if (step.citations.length > 0) blocks.push(context(`:page_facing_up: ${escapeText(citationLine(step))}`));
      });
      return blocks;
    }
    default:
      // A reply type this adapter does not know yet is still shown, as its plain text.
      return sections(escapeText(replyToText(reply)));
  }
}

function fallback(replies: Reply[], footnote?: string): string {
  const text = [...replies.map(replyToText), ...(footnote ? [footnote] : [])].join('\n\n');
  return clip(escapeText(text), MAX_FALLBACK);
}

/** Blocks that belong with the block before them (a step's citations, a question's buttons). */
function units(blocks: KnownBlock[]): KnownBlock[][] {
  const out: KnownBlock[][] = [];
  for (const b of blocks) {
    const last = out[out.length - 1];
    if (last && (b.type === 'context' || b.type === 'actions') && last.length < MAX_BLOCKS) last.push(b);
    else out.push([b]);
  }
  return out;
}

/** The plain text of blocks that continue a reply begun in an earlier message. */
function blocksText(blocks: KnownBlock[]): string {
  return blocks
    .map((b) => ('text' in b && b.text && typeof b.text === 'object' && 'text' in b.text ? String(b.text.text) : ''))
    .filter(Boolean)
    .join('\n');
}

/**
 * The replies of one turn as as few messages as Slack allows (50 blocks each), in order; a reply
 * too long for one message continues in the next, never cut short. The footnote (e.g. the
 * reminder that Slack keeps messages) goes small at the end of the last.
 */
export function renderReplies(replies: Reply[], texts: BlockTexts, footnote?: string): SlackMessage[] {
  const groups: { starts: Reply[]; blocks: KnownBlock[] }[] = [];
  const open = () => {
    const g = { starts: [] as Reply[], blocks: [] as KnownBlock[] };
    groups.push(g);
    return g;
  };
  for (const reply of replies) {
    units(replyBlocks(reply, texts)).forEach((unit, i) => {
      let g = groups[groups.length - 1];
      if (!g || g.blocks.length + unit.length > MAX_BLOCKS) g = open();
      if (i === 0) g.starts.push(reply);
      g.blocks.push(...unit);
    });
  }
  if (footnote) {
    const last = groups[groups.length - 1];
    const g = last && last.blocks.length < MAX_BLOCKS ? last : open();
    g.blocks.push(context(`:information_source: ${escapeText(footnote)}`));
  }
  return groups.map((g, i) => {
    const note = i === groups.length - 1 ? footnote : undefined;
    const text = g.starts.length > 0 || note ? fallback(g.starts, note) : clip(blocksText(g.blocks), MAX_FALLBACK);
    return { text, blocks: g.blocks };
  });
}

/** True if the blocks hold a question's answer buttons. */
export function hasChoiceButtons(blocks: readonly unknown[]): boolean {
  return blocks.some((block) => {
    const b = block as { type?: string; block_id?: string };
    return b.type === 'actions' && typeof b.block_id === 'string' && b.block_id.startsWith(CHOICE_BLOCK_PREFIX);
  });
}

/**
 * A question message once answered: its buttons replaced by the chosen answer, so an old
 * question cannot be answered twice. Other blocks are kept as Slack returned them.
 */
export function markAnswered(blocks: readonly unknown[], label: string): KnownBlock[] {
  const out: KnownBlock[] = [];
  let marked = false;
  for (const block of blocks) {
    const b = block as { type?: string; block_id?: string };
    if (b.type === 'actions' && typeof b.block_id === 'string' && b.block_id.startsWith(CHOICE_BLOCK_PREFIX)) {
      if (!marked) out.push(context(`:ballot_box_with_check: ${escapeText(label)}`));
      marked = true;
    } else out.push(block as KnownBlock);
  }
  return out;
}

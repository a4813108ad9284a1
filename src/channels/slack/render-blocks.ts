/**
 * The core's replies as Slack messages (Block Kit): questions as buttons, advice as a numbered
 * list with each step's citations under it, danger and warnings set apart, and on every message
 * the plain-text fallback from replyToText. A quiz question (id `quiz:<question-id>`), or any
 * question with an answer longer than a phone shows on a button, lists its answers numbered and
 * offers short numbered buttons (choice-blocks.ts). A turn is sent as as many messages as Slack's
 * limits need (50 blocks, and under 4,000 characters of text each): long advice is split between
 * steps, never cut. Pure; decides nothing about what is said.
 */
import type { types } from '@slack/bolt';
import { citationLine, quoteLines, replyToText, type Reply } from '../../core/host';
import { MESSAGE_TEXT_MAX, blocksText, choiceButtons, isNumbered, numberedList } from './choice-blocks';
import { bold, chunkText, clip, escapeText } from './mrkdwn';

export {
  CHOICE_ACTION,
  CHOICE_ACTION_PATTERN,
  CHOICE_BLOCK_PREFIX,
  answeredMessage,
  choiceBlockId,
  hasChoiceButtons,
  isNumbered,
  markAnswered,
  questionIdOf,
} from './choice-blocks';

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

const MAX_BLOCKS = 50;

/** Sections for a long mrkdwn text (each at most 3,000 characters). */
export function sections(mrkdwn: string): KnownBlock[] {
  return chunkText(mrkdwn).map((text) => ({ type: 'section', text: { type: 'mrkdwn', text } }));
}

/** A context block with one mrkdwn line (clipped to Slack's 3,000 characters). */
export function context(mrkdwn: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: clip(mrkdwn, 3000) }] };
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
      const numbered = reply.choices.length > 0 && isNumbered(reply);
      const asked = sections([bold(escapeText(reply.text)), ...(numbered ? ['', ...numberedList(reply.choices)] : [])].join('\n'));
      const typed = reply.freeText ? [context(`:keyboard: ${escapeText(texts.typeAnswer)}`)] : [];
      return [...asked, ...typed, ...choiceButtons(reply.id, reply.choices, numbered)];
    }
    case 'advice': {
      const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: clip(reply.title, 150), emoji: true } }];
      if (reply.intro) blocks.push(...sections(escapeText(reply.intro)));
      reply.steps.forEach((step, i) => {
        blocks.push(...sections(`*${i + 1}.* ${escapeText(step.text)}`));
        if (step.citations.length > 0) blocks.push(context(`:page_facing_up: ${escapeText(citationLine(step))}`));
        // The policy's own words the step rests on, marked as a quote, so a DSL can check it at a glance.
        for (const quote of quoteLines(step)) blocks.push(context(`> _${escapeText(quote)}_`));
      });
      return blocks;
    }
    default:
      // A reply type this adapter does not know yet is still shown, as its plain text.
      return sections(escapeText(replyToText(reply)));
  }
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

/** Blocks and their fallback text, kept together in one message. */
interface Item {
  blocks: KnownBlock[];
  text: string;
}

/** A reply as one item when it fits one message, else as pieces that each do (never cut). */
function items(reply: Reply, texts: BlockTexts): Item[] {
  const blocks = replyBlocks(reply, texts);
  const whole = escapeText(replyToText(reply));
  if (blocks.length <= MAX_BLOCKS && whole.length <= MESSAGE_TEXT_MAX) return [{ blocks, text: whole }];
  return units(blocks).flatMap((unit) => {
    const text = blocksText(unit);
    if (text.length <= MESSAGE_TEXT_MAX) return [{ blocks: unit, text }];
    return unit.map((b) => ({ blocks: [b], text: clip(blocksText([b]), MESSAGE_TEXT_MAX) }));
  });
}

/**
 * The replies of one turn as as few messages as Slack allows, in order: at most 50 blocks and
 * under 4,000 characters of fallback text each. A reply too long for one message continues in
 * the next (long advice is split between steps), never cut short. The footnote (e.g. the
 * reminder that Slack keeps messages) goes small at the end of the last.
 */
export function renderReplies(replies: Reply[], texts: BlockTexts, footnote?: string): SlackMessage[] {
  const all = replies.flatMap((r) => items(r, texts));
  if (footnote) all.push({ blocks: [context(`:information_source: ${escapeText(footnote)}`)], text: clip(escapeText(footnote), MESSAGE_TEXT_MAX) });
  const out: SlackMessage[] = [];
  for (const item of all) {
    const last = out[out.length - 1];
    const joined = last ? `${last.text}\n\n${item.text}` : '';
    if (last && last.blocks.length + item.blocks.length <= MAX_BLOCKS && joined.length <= MESSAGE_TEXT_MAX) {
      last.blocks.push(...item.blocks);
      last.text = joined;
    } else out.push({ text: item.text, blocks: [...item.blocks] });
  }
  return out;
}

/**
 * The DSL team's daily summary in Slack (a message, and a section of the DSL's App Home),
 * rendered from the core's DigestView (the same view Teams renders): each section with its
 * reports, immediate ones marked. Names references, urgency and situation only. Pure.
 */
import type { types } from '@slack/bolt';
import type { DigestView } from '../../core/host';
import { clip, escapeText } from './mrkdwn';
import { context, sections, type SlackMessage } from './render-blocks';

/** The summary as blocks. */
export function digestBlocks(d: DigestView): types.KnownBlock[] {
  const blocks: types.KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: clip(d.title, 150) } }];
  for (const s of d.sections) {
    blocks.push(...sections(`*${escapeText(s.heading)}* (${s.lines.length})`));
    if (s.lines.length === 0) blocks.push(context(escapeText(s.empty)));
    else blocks.push(...sections(s.lines.map((l) => `${l.urgent ? ':rotating_light: ' : '• '}${escapeText(l.text)}`).join('\n')));
  }
  return blocks;
}

/** The summary as a message; its text (notifications) is the title and the counts only. */
export function digestMessage(d: DigestView): SlackMessage {
  const counts = d.sections.map((s) => `${s.heading}: ${s.lines.length}`).join(' · ');
  return { text: escapeText(`${d.title} - ${counts}`), blocks: digestBlocks(d) };
}

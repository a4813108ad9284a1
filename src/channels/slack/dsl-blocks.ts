/**
 * The DSL team's notice of a report in Slack, rendered from the core's ReportNotice (the same
 * notice Teams renders): banners (reminder, IMMEDIATE), headline, facts, answers given, who
 * acknowledged, and the Acknowledge / View full report buttons carrying the reference. Pure.
 */
import type { types } from '@slack/bolt';
import type { ReportButton, ReportNotice } from '../../core/host';
import { bold, chunkText, clip, escapeText } from './mrkdwn';
import { context, sections, type SlackMessage } from './render-blocks';
import { mrkdwn } from './rich';

type KnownBlock = types.KnownBlock;

export const ACK_ACTION = 'ss_ack';
export const VIEW_ACTION = 'ss_view';

const BANNER_ICON = { reminder: ':alarm_clock:', immediate: ':rotating_light:' } as const;

/** The action id of each report button: ss_ack, ss_view, ss_note, ss_action, ss_outcome, ss_correct, ss_audit, ss_export. */
export function reportActionId(action: ReportButton['action']): string {
  return action === 'acknowledge' ? ACK_ACTION : `ss_${action}`;
}

/** A report button as Block Kit. */
export function reportButton(b: ReportButton): types.Button {
  return {
    type: 'button',
    action_id: reportActionId(b.action),
    value: b.reference,
    ...(b.primary ? { style: 'primary' as const } : {}),
    text: { type: 'plain_text', text: clip(b.label, 75) },
  };
}

/** The notice as a Slack message; its `text` (notifications, screen readers) is the preview. */
export function noticeMessage(n: ReportNotice): SlackMessage {
  const blocks: KnownBlock[] = [];
  for (const b of n.banners) blocks.push(...sections(`${BANNER_ICON[b.kind]} ${bold(escapeText(b.text))}`));
  blocks.push(...sections(mrkdwn(n.headline)));
  const fields = n.facts.map((f) => ({ type: 'mrkdwn' as const, text: clip(`*${escapeText(f.label)}*\n${mrkdwn(f.value)}`, 2000) }));
  for (let i = 0; i < fields.length; i += 10) blocks.push({ type: 'section', fields: fields.slice(i, i + 10) });
  if (n.answers.items.length > 0) {
    const lines = n.answers.items.map((a) => `• ${escapeText(a.question)}\n      → *${escapeText(a.answer)}*`);
    for (const text of chunkText([bold(escapeText(n.answers.heading)), ...lines].join('\n'))) blocks.push({ type: 'section', text: { type: 'mrkdwn', text } });
  }
  if (n.acknowledged) blocks.push(context(`:white_check_mark: ${mrkdwn(n.acknowledged)}`));
  blocks.push({ type: 'actions', block_id: 'ss_dsl', elements: n.buttons.map(reportButton) });
  return { text: escapeText(n.preview), blocks };
}

/** A short message to one person (the reporter's "the DSL has seen it", a refusal). */
export function shortMessage(text: string, icon = ':white_check_mark:'): SlackMessage {
  const escaped = escapeText(text);
  return { text: escaped, blocks: sections(`${icon} ${escaped}`) };
}

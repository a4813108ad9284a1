/**
 * The full report as a Slack modal, for DSLs only (the caller checks first): every field of
 * the stored report, the acknowledgement and how the DSL notifications went. Every text typed
 * by staff is escaped. Pure.
 */
import type { types } from '@slack/bolt';
import { deliverySummary, type Delivery } from '../../core/delivery';
import type { FiledReport } from '../../core/report';
import { clip, escapeText, mentionOf, slackDate } from './mrkdwn';
import { context, sections } from './render-blocks';

type KnownBlock = types.KnownBlock;

const MAX_BLOCKS = 100;

function heading(text: string): KnownBlock {
  return { type: 'header', text: { type: 'plain_text', text: clip(text, 150) } };
}

function listOr(items: string[]): string {
  return items.length > 0 ? items.join('\n') : '_(none)_';
}

/** The modal showing report `r` in full. */
export function reportModal(r: FiledReport, deliveries: readonly Delivery[]): types.ModalView {
  const e = escapeText;
  const who = r.reporter.name ? e(r.reporter.name) : mentionOf(r.reporter.id);
  const facts = [
    `*Reference:* ${e(r.reference)}`,
    `*Urgency:* ${r.urgency === 'immediate' ? '*IMMEDIATE*' : e(r.urgency)}${r.dangerFlagged ? ' (danger signalled)' : ''}`,
    `*Filed:* ${slackDate(r.createdAt)}`,
    `*Setting:* ${e(r.settingName)}`,
    `*Reporter:* ${who}${r.reporter.role ? ` (${e(r.reporter.role)})` : ''} via ${e(r.channel)}`,
    `*Situation:* ${e(r.flowTitle)} (${e(r.category)})`,
    `*Acknowledged:* ${r.acknowledgedAt ? `by ${mentionOf(r.acknowledgedBy ?? '')} at ${slackDate(r.acknowledgedAt)}` : 'not yet'}`,
    `*DSL notifications:* ${e(deliverySummary(deliveries))}`,
  ];
  const advice = r.advice.flatMap((block) => [
    `*${e(block.title)}*`,
    ...block.steps.map((s, i) => {
      const cites = s.citations.map((c) => `${c.document} §${c.section}`).join('; ');
      return `${i + 1}. ${e(s.text)}${cites ? `\n      _${e(cites)}_` : ''}`;
    }),
  ]);
  const blocks: KnownBlock[] = [
    ...sections(facts.join('\n')),
    { type: 'divider' },
    heading('First message'),
    ...sections(e(r.firstMessage) || '_(none)_'),
    heading('Answers'),
    ...sections(listOr(r.answers.map((a) => `• ${e(a.question)}\n      → *${e(a.answer)}*`))),
    heading('Factual account'),
    ...sections(listOr(r.account.map((a) => `• *${e(a.prompt)}*\n${e(a.text)}`))),
    heading('Advice shown'),
    ...sections(listOr(advice)),
    context(`Policy version: ${e(r.policyVersion)}`),
  ];
  const shown =
    blocks.length <= MAX_BLOCKS
      ? blocks
      : [...blocks.slice(0, MAX_BLOCKS - 1), context(`Shortened to fit Slack. The whole report: \`safestep reports show ${e(r.reference)}\``)];
  return {
    type: 'modal',
    callback_id: 'ss_report',
    title: { type: 'plain_text', text: clip(`Report ${r.reference}`, 24) },
    close: { type: 'plain_text', text: 'Close' },
    blocks: shown,
  };
}

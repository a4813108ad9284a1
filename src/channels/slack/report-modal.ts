/**
 * The full report as a Slack modal, rendered from the core's ReportView (for DSLs only: the core
 * checked). Every text typed by staff is escaped. Too long for one modal: the rest is named by
 * the command that shows it all. Pure.
 */
import type { types } from '@slack/bolt';
import type { ReportView } from '../../core/host';
import { clip, escapeText } from './mrkdwn';
import { context, sections } from './render-blocks';
import { reportButton } from './dsl-blocks';
import { mrkdwn } from './rich';

type KnownBlock = types.KnownBlock;

const MAX_BLOCKS = 100;

function heading(text: string): KnownBlock {
  return { type: 'header', text: { type: 'plain_text', text: clip(text, 150) } };
}

/** The modal showing the report. */
export function reportModal(v: ReportView): types.ModalView {
  const e = escapeText;
  const facts = v.facts.map((f) => `*${e(f.label)}:* ${mrkdwn(f.value)}`);
  const blocks: KnownBlock[] = [];
  if (v.danger) blocks.push(...sections(`:rotating_light: *${e(v.danger)}*`));
  blocks.push(...sections(facts.join('\n')), { type: 'divider' });
  for (const s of v.sections) {
    blocks.push(heading(s.heading));
    blocks.push(...sections(s.items.map((i) => (i.label ? `• *${e(i.label)}*\n${e(i.text)}` : e(i.text))).join('\n')));
  }
  if (v.history.entries.length > 0) {
    blocks.push(heading(v.history.heading));
    for (const h of v.history.entries) {
      const facts = h.facts.map((f) => `*${e(f.label)}:* ${mrkdwn(f.value)}`);
      const head = `*#${h.id} ${e(h.kind)}* · ${mrkdwn([{ person: h.who }])} · ${mrkdwn([{ time: h.at }])}`;
      blocks.push(...sections([head, ...facts, ...(h.text !== undefined ? [e(h.text)] : [])].join('\n')));
    }
  }
  blocks.push(context(e(v.footer)));
  if (v.buttons.length > 0) blocks.push({ type: 'actions', block_id: 'ss_report_actions', elements: v.buttons.map(reportButton) });
  // Too long: the buttons stay, the cut is named by the command that shows it all.
  const actions = v.buttons.length > 0 ? blocks.slice(-1) : [];
  const shown = blocks.length <= MAX_BLOCKS ? blocks : [...blocks.slice(0, MAX_BLOCKS - 1 - actions.length), context(`:scissors: \`safestep reports show ${e(v.reference)}\``), ...actions];
  return {
    type: 'modal',
    callback_id: 'ss_report',
    title: { type: 'plain_text', text: clip(v.reference, 24) },
    close: { type: 'plain_text', text: clip(v.closeLabel, 24) },
    blocks: shown,
  };
}

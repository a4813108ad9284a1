/**
 * What the DSL team sees in Slack about a report: reference, urgency (IMMEDIATE set apart),
 * situation, setting, reporter, when, and the answers given — never the free-text account or
 * the first message, which stay in SafeStep's store (View full report). Buttons Acknowledge and
 * View full report carry the reference. Wording comes from content/messages.yaml: dsl.* for the
 * texts, labels.* for field names and button texts. Pure.
 */
import type { types } from '@slack/bolt';
import type { Catalog } from '../../core/catalog';
import type { SettingProfile } from '../../core/model';
import type { FiledReport } from '../../core/report';
import { render } from '../../core/template';
import { labelsFor } from './labels';
import { bold, chunkText, clip, escapeText, mentionOf, slackDate } from './mrkdwn';
import { context, sections, type SlackMessage } from './render-blocks';

type KnownBlock = types.KnownBlock;

export const ACK_ACTION = 'ss_ack';
export const VIEW_ACTION = 'ss_view';

/**
 * A catalogue text as escaped mrkdwn: plain values are escaped with the text; `tokens` (Slack
 * mentions and dates SafeStep builds itself) are inserted as they are.
 */
export function renderMrkdwn(
  text: string,
  setting: SettingProfile,
  plain: Record<string, string> = {},
  tokens: Record<string, string> = {},
): string {
  const marks = Object.fromEntries(Object.keys(tokens).map((k, i) => [k, `\u0000${i}\u0000`]));
  const escaped = escapeText(render(text, setting, { ...plain, ...marks }));
  return escaped.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => Object.values(tokens)[Number(i)] ?? '');
}

/** "Jo Pike (TA)" as mrkdwn, or the reporter's Slack mention when SafeStep has no name. */
export function reporterMrkdwn(r: FiledReport): string {
  const name = r.reporter.name ? escapeText(r.reporter.name) : r.channel === 'slack' ? mentionOf(r.reporter.id) : escapeText(r.reporter.id);
  return r.reporter.role ? `${name} (${escapeText(r.reporter.role)})` : name;
}

function urgencyLabel(r: FiledReport): string {
  return r.urgency === 'immediate' ? r.urgency.toUpperCase() : r.urgency;
}

/** "Acknowledged by @X at <time>." for an acknowledged report. */
export function acknowledgedText(r: FiledReport, setting: SettingProfile, catalog: Catalog): string | undefined {
  if (!r.acknowledgedAt) return undefined;
  return renderMrkdwn(catalog.dsl.acknowledged, setting, { reference: r.reference }, { who: mentionOf(r.acknowledgedBy ?? ''), when: slackDate(r.acknowledgedAt) });
}

/** A field: its label (plain text from the catalogue, escaped here) over its mrkdwn value. */
function field(label: string, value: string): { type: 'mrkdwn'; text: string } {
  return { type: 'mrkdwn', text: clip(`*${escapeText(label)}*\n${value}`, 2000) };
}

/** The DSL notification of a report (new, or a reminder), reflecting whether it is acknowledged. */
export function notificationMessage(
  r: FiledReport,
  setting: SettingProfile,
  catalog: Catalog,
  purpose: 'report-filed' | 'reminder',
): SlackMessage {
  const { dsl } = catalog;
  const vars = { reference: r.reference, urgency: urgencyLabel(r), flow: r.flowTitle };
  const headline = renderMrkdwn(dsl.newReport, setting, vars, { reporter: reporterMrkdwn(r) });
  const blocks: KnownBlock[] = [];
  const lead: string[] = [];
  if (purpose === 'reminder') {
    lead.push(escapeText(render(dsl.reminder, setting, vars)));
    blocks.push(...sections(`:alarm_clock: ${bold(lead[lead.length - 1]!)}`));
  }
  if (r.urgency === 'immediate') {
    lead.push(escapeText(render(dsl.immediate, setting, vars)));
    blocks.push(...sections(`:rotating_light: ${bold(lead[lead.length - 1]!)}`));
  }
  blocks.push(...sections(headline));
  const label = labelsFor(catalog, setting);
  const fields = [
    field(label.reference, escapeText(r.reference)),
    field(label.urgency, escapeText(urgencyLabel(r))),
    field(label.situation, escapeText(r.flowTitle)),
    field(label.setting, escapeText(r.settingName)),
    field(label.reporter, reporterMrkdwn(r)),
    field(label.filed, slackDate(r.createdAt)),
  ];
  if (r.dangerFlagged) fields.push(field(label.danger, ':rotating_light:'));
  blocks.push({ type: 'section', fields });
  if (r.answers.length > 0) {
    const lines = r.answers.map((a) => `• ${escapeText(a.question)}\n      → *${escapeText(a.answer)}*`);
    for (const text of chunkText([bold(escapeText(label.answers)), ...lines].join('\n'))) blocks.push({ type: 'section', text: { type: 'mrkdwn', text } });
  }
  const acked = acknowledgedText(r, setting, catalog);
  if (acked) blocks.push(context(`:white_check_mark: ${acked}`));
  const buttons: types.Button[] = [];
  if (!r.acknowledgedAt) {
    buttons.push({ type: 'button', action_id: ACK_ACTION, value: r.reference, style: 'primary', text: { type: 'plain_text', text: clip(label.acknowledge, 75) } });
  }
  buttons.push({ type: 'button', action_id: VIEW_ACTION, value: r.reference, text: { type: 'plain_text', text: clip(label.viewReport, 75) } });
  blocks.push({ type: 'actions', block_id: 'ss_dsl', elements: buttons });
  return { text: [...lead, headline].join(' '), blocks };
}

/** The reporter's DM once a DSL has acknowledged: "The DSL has seen your report …". */
export function reporterAckMessage(r: FiledReport, setting: SettingProfile, catalog: Catalog): SlackMessage {
  const text = escapeText(render(catalog.dsl.reporterAcknowledged, setting, { reference: r.reference }));
  return { text, blocks: sections(`:white_check_mark: ${text}`) };
}

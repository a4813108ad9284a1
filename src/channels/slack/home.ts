/**
 * SafeStep's App Home tab: "Report a concern" and "Ask a question" (each starts the
 * conversation in the person's DM with SafeStep) and, for the DSL and deputies only, the latest
 * reports with urgency, acknowledgement and how the DSL notifications went. Pure.
 */
import type { types } from '@slack/bolt';
import type { Catalog } from '../../core/catalog';
import { deliverySummary, type Delivery } from '../../core/delivery';
import type { SettingProfile } from '../../core/model';
import type { FiledReport } from '../../core/report';
import { renderMrkdwn, VIEW_ACTION } from './dsl-blocks';
import { escapeText, mentionOf, slackDate } from './mrkdwn';
import { context, sections } from './render-blocks';

type KnownBlock = types.KnownBlock;

export const HOME_REPORT_ACTION = 'ss_home_report';
export const HOME_ASK_ACTION = 'ss_home_ask';
/** How many reports a DSL sees on the Home tab. */
export const HOME_REPORTS = 10;

export interface HomeInput {
  setting: SettingProfile;
  catalog: Catalog;
  /** Present only for a DSL or deputy: the latest reports, newest first. */
  reports?: readonly FiledReport[];
  deliveriesOf: (reference: string) => readonly Delivery[];
}

function reportLine(r: FiledReport, deliveries: readonly Delivery[]): KnownBlock {
  const alarm = r.urgency === 'immediate' && !r.acknowledgedAt ? ':rotating_light: ' : '';
  const urgency = r.urgency === 'immediate' ? '*IMMEDIATE*' : escapeText(r.urgency);
  const acked = r.acknowledgedAt ? `:white_check_mark: acknowledged by ${mentionOf(r.acknowledgedBy ?? '')}` : '*not acknowledged*';
  const summary = deliverySummary(deliveries);
  const failed = deliveries.some((d) => d.status === 'failed') ? ':warning: ' : '';
  const text = [
    `${alarm}*${escapeText(r.reference)}* · ${urgency} · ${escapeText(r.flowTitle)}`,
    `Filed ${slackDate(r.createdAt)} · ${acked}`,
    `${failed}DSL notifications: ${escapeText(summary)}`,
  ].join('\n');
  return {
    type: 'section',
    text: { type: 'mrkdwn', text },
    accessory: { type: 'button', action_id: VIEW_ACTION, value: r.reference, text: { type: 'plain_text', text: 'View full report' } },
  };
}

/** The Home tab for one person. */
export function homeView(h: HomeInput): types.HomeView {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: `SafeStep · ${h.setting.name}`.slice(0, 150) } },
    ...sections(renderMrkdwn(h.catalog.greeting, h.setting)),
    {
      type: 'actions',
      block_id: 'ss_home',
      elements: [
        { type: 'button', action_id: HOME_REPORT_ACTION, value: 'report', style: 'primary', text: { type: 'plain_text', text: 'Report a concern' } },
        { type: 'button', action_id: HOME_ASK_ACTION, value: 'ask', text: { type: 'plain_text', text: 'Ask a question' } },
      ],
    },
    context(`:information_source: ${renderMrkdwn(h.catalog.chatRetention, h.setting)}`),
  ];
  if (h.reports) {
    blocks.push({ type: 'divider' }, { type: 'header', text: { type: 'plain_text', text: 'Latest reports' } });
    if (h.reports.length === 0) blocks.push(context('No reports filed yet.'));
    for (const r of h.reports.slice(0, HOME_REPORTS)) blocks.push(reportLine(r, h.deliveriesOf(r.reference)));
  }
  return { type: 'home', blocks: blocks.slice(0, 100) };
}

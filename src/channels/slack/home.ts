/**
 * SafeStep's App Home tab: "Report a concern" and "Ask a question" (each starts the
 * conversation in the person's DM with SafeStep), "Start the quiz" when the setting has an
 * induction quiz, and, for the DSL and deputies only, the latest reports with urgency,
 * acknowledgement and how the DSL notifications went, then the induction quiz's staff results
 * (built by ./quiz-blocks.ts). Button texts, headings and field names are the catalogue's
 * labels. Pure.
 */
import type { types } from '@slack/bolt';
import type { Catalog } from '../../core/catalog';
import { deliverySummary, type Delivery } from '../../core/delivery';
import type { SettingProfile } from '../../core/model';
import type { FiledReport } from '../../core/report';
import { acknowledgedText, renderMrkdwn, VIEW_ACTION } from './dsl-blocks';
import { labelsFor, type Labels } from './labels';
import { clip, escapeText, slackDate } from './mrkdwn';
import { QUIZ_START_ACTION } from './quiz-blocks';
import { context, sections } from './render-blocks';

type KnownBlock = types.KnownBlock;

export const HOME_REPORT_ACTION = 'ss_home_report';
export const HOME_ASK_ACTION = 'ss_home_ask';
/** How many reports a DSL sees on the Home tab. */
export const HOME_REPORTS = 10;
const MAX_HOME_BLOCKS = 100;

export interface HomeInput {
  setting: SettingProfile;
  catalog: Catalog;
  /** Present only for a DSL or deputy: the latest reports, newest first. */
  reports?: readonly FiledReport[];
  deliveriesOf: (reference: string) => readonly Delivery[];
  /**
   * When the setting has an induction quiz: the text of its start button (for everyone) and, for
   * a DSL or deputy only, the quiz's blocks (post button and staff results).
   */
  quiz?: { startButton: string; dslBlocks?: KnownBlock[] };
}

function reportLine(r: FiledReport, deliveries: readonly Delivery[], h: HomeInput, label: Labels): KnownBlock {
  const alarm = r.urgency === 'immediate' && !r.acknowledgedAt ? ':rotating_light: ' : '';
  const urgency = r.urgency === 'immediate' ? `*${escapeText(r.urgency.toUpperCase())}*` : escapeText(r.urgency);
  const acked = acknowledgedText(r, h.setting, h.catalog);
  const ack = acked ? `:white_check_mark: ${acked}` : `:hourglass_flowing_sand: *${escapeText(label.acknowledged)}:* —`;
  const summary = deliverySummary(deliveries);
  const failed = deliveries.some((d) => d.status === 'failed') ? ':warning: ' : '';
  const text = [
    `${alarm}*${escapeText(r.reference)}* · ${urgency} · ${escapeText(r.flowTitle)}`,
    `${escapeText(label.filed)} ${slackDate(r.createdAt)} · ${ack}`,
    `${failed}${escapeText(label.deliveries)}: ${escapeText(summary)}`,
  ].join('\n');
  return {
    type: 'section',
    text: { type: 'mrkdwn', text },
    accessory: { type: 'button', action_id: VIEW_ACTION, value: r.reference, text: { type: 'plain_text', text: clip(label.viewReport, 75) } },
  };
}

/** The Home tab for one person. */
export function homeView(h: HomeInput): types.HomeView {
  const label = labelsFor(h.catalog, h.setting);
  const buttons: types.Button[] = [
    { type: 'button', action_id: HOME_REPORT_ACTION, value: 'report', style: 'primary', text: { type: 'plain_text', text: clip(label.reportConcern, 75) } },
    { type: 'button', action_id: HOME_ASK_ACTION, value: 'ask', text: { type: 'plain_text', text: clip(label.askQuestion, 75) } },
  ];
  if (h.quiz) buttons.push({ type: 'button', action_id: QUIZ_START_ACTION, value: h.setting.id, text: { type: 'plain_text', text: clip(h.quiz.startButton, 75) } });
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: `SafeStep · ${h.setting.name}`.slice(0, 150) } },
    ...sections(renderMrkdwn(h.catalog.greeting, h.setting)),
    { type: 'actions', block_id: 'ss_home', elements: buttons },
    context(`:information_source: ${renderMrkdwn(h.catalog.chatRetention, h.setting)}`),
  ];
  if (h.reports) {
    blocks.push({ type: 'divider' }, { type: 'header', text: { type: 'plain_text', text: clip(label.latestReports, 150) } });
    if (h.reports.length === 0) blocks.push(context(escapeText(label.noReports)));
    for (const r of h.reports.slice(0, HOME_REPORTS)) blocks.push(reportLine(r, h.deliveriesOf(r.reference), h, label));
  }
  if (h.quiz?.dslBlocks) blocks.push(...h.quiz.dslBlocks);
  return { type: 'home', blocks: blocks.slice(0, MAX_HOME_BLOCKS) };
}

/**
 * SafeStep's App Home tab, rendered from the core's HomeView: "Report a concern", "Ask a
 * question" and "Start the quiz" for everyone; for the DSL and deputies only (the core decides)
 * the latest reports and the induction quiz's staff results. Pure.
 */
import type { types } from '@slack/bolt';
import type { HomeView, ReportLine } from '../../core/host';
import { digestBlocks } from './digest-blocks';
import { reportButton } from './dsl-blocks';
import { clip, escapeText } from './mrkdwn';
import { QUIZ_START_ACTION, quizResultsBlocks } from './quiz-blocks';
import { context, sections } from './render-blocks';
import { mrkdwn } from './rich';

type KnownBlock = types.KnownBlock;

export const HOME_REPORT_ACTION = 'ss_home_report';
export const HOME_ASK_ACTION = 'ss_home_ask';
const MAX_HOME_BLOCKS = 100;
const ACTION_IDS = { report: HOME_REPORT_ACTION, ask: HOME_ASK_ACTION, quiz: QUIZ_START_ACTION } as const;

function reportLine(line: ReportLine): KnownBlock {
  const alarm = line.alarm ? ':rotating_light: ' : '';
  const failed = line.deliveryFailed ? ':warning: ' : '';
  const text = [`${alarm}*${escapeText(line.summary)}*`, ...line.facts.map((f, i) => `${i === line.facts.length - 1 ? failed : ''}*${escapeText(f.label)}:* ${mrkdwn(f.value)}`)].join('\n');
  return { type: 'section', text: { type: 'mrkdwn', text }, accessory: reportButton(line.view) };
}

/** The Home tab; `notice` (mrkdwn) says how the DSL's last quiz post went. */
export function homeView(h: HomeView, notice?: string): types.HomeView {
  const buttons: types.Button[] = h.buttons.map((b) => ({
    type: 'button',
    action_id: ACTION_IDS[b.action],
    value: b.action,
    ...(b.primary ? { style: 'primary' as const } : {}),
    text: { type: 'plain_text', text: clip(b.label, 75) },
  }));
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(h.title, 150) } },
    ...sections(escapeText(h.greeting)),
    { type: 'actions', block_id: 'ss_home', elements: buttons },
    context(`:information_source: ${escapeText(h.retention)}`),
  ];
  if (h.reports) {
    blocks.push({ type: 'divider' }, { type: 'header', text: { type: 'plain_text', text: clip(h.reports.heading, 150) } });
    if (h.reports.lines.length === 0) blocks.push(context(escapeText(h.reports.empty)));
    for (const line of h.reports.lines) blocks.push(reportLine(line));
  }
  if (h.digest) blocks.push({ type: 'divider' }, ...digestBlocks(h.digest));
  if (h.quiz) blocks.push(...quizResultsBlocks(h.quiz, notice));
  return { type: 'home', blocks: blocks.slice(0, MAX_HOME_BLOCKS) };
}

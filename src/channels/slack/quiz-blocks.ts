/**
 * The induction quiz's Slack blocks outside the quiz itself (which renders like any reply):
 * the invitation with its "Start the quiz" button (posted in a staff channel, or DMed to a new
 * member or as a reminder), the DSL's "Post the induction quiz" channel picker, and the DSL's
 * staff results on the Home tab — who has passed (date, score, attestation, policy version),
 * who has started but not passed, and the questions missed most. Listed by name, never ranked;
 * for the DSL only. Every word comes from content/quiz/messages.yaml (`channel.*`) or the
 * catalogue's labels. Pure.
 */
import type { types } from '@slack/bolt';
import type { SettingProfile } from '../../core/model';
import type { QuizCatalog } from '../../quiz/model';
import type { QuizReport } from '../../quiz/report';
import { renderMrkdwn } from './dsl-blocks';
import type { Labels } from './labels';
import { bold, clip, escapeText, mentionOf, slackDay } from './mrkdwn';
import { context, sections, type SlackMessage } from './render-blocks';

type KnownBlock = types.KnownBlock;

/** The "Start the quiz" button (in an invitation, a reminder or on the Home tab). */
export const QUIZ_START_ACTION = 'ss_quiz_start';
/** The DSL's "Post the induction quiz" button on the Home tab. */
export const QUIZ_POST_ACTION = 'ss_quiz_post';
/** The channel-picker modal's callback id, and its input block and select. */
export const QUIZ_POST_VIEW = 'ss_quiz_post';
export const QUIZ_CHANNEL_BLOCK = 'ss_quiz_channel';
export const QUIZ_CHANNEL_SELECT = 'ss_quiz_channel_select';
/** How many of the most-missed questions the Home tab lists. */
export const MOST_MISSED_SHOWN = 10;

/** An invitation-style message: the text (plain, rendered) and the Start button. */
export function quizInviteMessage(text: string, startButton: string, settingId: string): SlackMessage {
  const escaped = escapeText(text);
  return {
    text: escaped,
    blocks: [
      ...sections(`:mortar_board: ${escaped}`),
      {
        type: 'actions',
        block_id: 'ss_quiz',
        elements: [{ type: 'button', action_id: QUIZ_START_ACTION, value: settingId, style: 'primary', text: { type: 'plain_text', text: clip(startButton, 75) } }],
      },
    ],
  };
}

/** The DSL's channel picker: the invitation as it will read, and where to post it. */
export function quizPostModal(words: QuizCatalog['channel'], label: Labels, inviteText: string): types.ModalView {
  return {
    type: 'modal',
    callback_id: QUIZ_POST_VIEW,
    title: { type: 'plain_text', text: 'SafeStep' },
    submit: { type: 'plain_text', text: clip(words.postButton, 24) },
    close: { type: 'plain_text', text: clip(label.close, 24) },
    blocks: [
      ...sections(`>${escapeText(inviteText).replace(/\n/g, '\n>')}`),
      {
        type: 'input',
        block_id: QUIZ_CHANNEL_BLOCK,
        label: { type: 'plain_text', text: clip(words.postButton, 2000) },
        element: {
          type: 'conversations_select',
          action_id: QUIZ_CHANNEL_SELECT,
          filter: { include: ['public', 'private'], exclude_bot_users: true, exclude_external_shared_channels: true },
        },
      },
    ],
  };
}

/** What the DSL's quiz section shows besides the report. */
export interface QuizResultsInput {
  report: QuizReport;
  words: QuizCatalog['channel'];
  label: Labels;
  setting: SettingProfile;
  /** The staff channels the invitation was posted in. */
  channels: readonly string[];
  /** A line about the last post (already mrkdwn), e.g. "posted" or Slack's error code. */
  notice?: string;
}

const who = (name: string, userId: string) => (name ? `*${escapeText(name)}*` : mentionOf(userId));

function lines(heading: string, items: string[]): KnownBlock[] {
  return sections([bold(escapeText(heading)), ...items].join('\n'));
}

/** The DSL's quiz section of the Home tab: the post button, then the staff results. */
export function quizResultsBlocks(q: QuizResultsInput): KnownBlock[] {
  const { report, words, label, setting } = q;
  const r = (text: string, plain: Record<string, string>, tokens: Record<string, string> = {}) => renderMrkdwn(text, setting, plain, tokens);
  const blocks: KnownBlock[] = [
    { type: 'divider' },
    { type: 'header', text: { type: 'plain_text', text: clip(words.reportHeading, 150) } },
    { type: 'actions', block_id: 'ss_quiz_home', elements: [{ type: 'button', action_id: QUIZ_POST_ACTION, value: setting.id, text: { type: 'plain_text', text: clip(words.postButton, 75) } }] },
  ];
  if (q.notice) blocks.push(context(q.notice));
  if (q.channels.length > 0) blocks.push(context(`:mega: ${q.channels.map((c) => `<#${c}>`).join(' · ')}`));
  if (report.passed.length === 0 && report.notPassed.length === 0) {
    blocks.push(context(escapeText(words.nobodyYet)));
    return blocks;
  }
  if (report.passed.length > 0) {
    blocks.push(...sections(bold(escapeText(`${words.passedHeading} (${report.passed.length})`))));
    const versions = [...new Set(report.passed.map((p) => p.policyVersion))];
    for (const version of versions) {
      blocks.push(context(`${escapeText(label.policyVersion)}: ${escapeText(version)}`));
      const rows = report.passed
        .filter((p) => p.policyVersion === version)
        .map((p) => {
          const passed = r(words.passedLine, { score: String(p.score), total: String(p.total), percent: String(p.percent) }, { date: slackDay(p.passedAt) });
          const attested = p.attested && p.attestedAt ? `:white_check_mark: ${r(words.attestedLine, {}, { date: slackDay(p.attestedAt) })}` : `:hourglass_flowing_sand: ${r(words.notAttestedLine, {})}`;
          return `• ${who(p.name, p.userId)} — ${passed} ${attested}`;
        });
      blocks.push(...sections(rows.join('\n')));
    }
  }
  if (report.notPassed.length > 0) {
    const rows = report.notPassed.map((p) => `• ${who(p.name, p.userId)} — ${r(words.notPassedLine, { number: String(p.answered), total: String(p.total) }, { date: slackDay(p.startedAt) })}`);
    blocks.push(...lines(`${words.notPassedHeading} (${report.notPassed.length})`, rows));
  }
  if (report.mostMissed.length > 0) {
    const rows = report.mostMissed
      .slice(0, MOST_MISSED_SHOWN)
      .map((m) => `• ${r(words.missedLine, { missed: String(m.missed), count: String(m.asked), question: m.question || m.questionId })}`);
    blocks.push(...lines(words.mostMissedHeading, rows));
  }
  return blocks;
}

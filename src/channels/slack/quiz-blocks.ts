/**
 * The induction quiz's Slack blocks: the invitation with its Start button (in a staff channel, or
 * by DM to a new member or as a reminder), the DSL's channel picker, and the DSL's staff results
 * on the Home tab — each rendered from the core's views. Answers and scores never go to a
 * channel. Pure.
 */
import type { types } from '@slack/bolt';
import type { QuizInvite, QuizResultsView } from '../../core/host';
import { bold, clip, escapeText } from './mrkdwn';
import { context, sections, type SlackMessage } from './render-blocks';
import { mrkdwn } from './rich';

type KnownBlock = types.KnownBlock;

/** "Start the quiz" (on an invitation, a reminder or the Home tab). */
export const QUIZ_START_ACTION = 'ss_quiz_start';
/** The DSL's "Post the induction quiz" on the Home tab. */
export const QUIZ_POST_ACTION = 'ss_quiz_post';
/** The channel picker modal, and its input. */
export const QUIZ_POST_VIEW = 'ss_quiz_post';
export const QUIZ_CHANNEL_BLOCK = 'ss_quiz_channel';
export const QUIZ_CHANNEL_SELECT = 'ss_quiz_channel_select';

/** An invitation: its text and the Start button. */
export function quizInviteMessage(invite: QuizInvite): SlackMessage {
  const escaped = escapeText(invite.text);
  return {
    text: escaped,
    blocks: [
      ...sections(`:mortar_board: ${escaped}`),
      {
        type: 'actions',
        block_id: 'ss_quiz',
        elements: [{ type: 'button', action_id: QUIZ_START_ACTION, value: 'quiz', style: 'primary', text: { type: 'plain_text', text: clip(invite.startLabel, 75) } }],
      },
    ],
  };
}

/** The DSL's channel picker: the invitation as it will read, and where to post it. */
export function quizPostModal(invite: QuizInvite, postLabel: string, closeLabel: string): types.ModalView {
  return {
    type: 'modal',
    callback_id: QUIZ_POST_VIEW,
    title: { type: 'plain_text', text: 'SafeStep' },
    submit: { type: 'plain_text', text: clip(postLabel, 24) },
    close: { type: 'plain_text', text: clip(closeLabel, 24) },
    blocks: [
      ...sections(`>${escapeText(invite.text).replace(/\n/g, '\n>')}`),
      {
        type: 'input',
        block_id: QUIZ_CHANNEL_BLOCK,
        label: { type: 'plain_text', text: clip(postLabel, 2000) },
        element: {
          type: 'conversations_select',
          action_id: QUIZ_CHANNEL_SELECT,
          filter: { include: ['public', 'private'], exclude_bot_users: true, exclude_external_shared_channels: true },
        },
      },
    ],
  };
}

/** The DSL's quiz section of the Home tab: the post button, then the staff results. */
export function quizResultsBlocks(v: QuizResultsView, notice?: string): KnownBlock[] {
  const blocks: KnownBlock[] = [
    { type: 'divider' },
    { type: 'header', text: { type: 'plain_text', text: clip(v.heading, 150) } },
    { type: 'actions', block_id: 'ss_quiz_home', elements: [{ type: 'button', action_id: QUIZ_POST_ACTION, value: 'post', text: { type: 'plain_text', text: clip(v.postLabel, 75) } }] },
  ];
  if (notice) blocks.push(context(notice));
  if (v.channels.length > 0) blocks.push(context(`:mega: ${v.channels.map((c) => `<#${c}>`).join(' · ')}`));
  if (v.empty) blocks.push(context(escapeText(v.empty)));
  for (const s of v.sections) {
    const rows = s.rows.map((r) => {
      const who = r.who ? `${mrkdwn([{ person: r.who }])} — ` : '• ';
      const flag = r.attention ? ' :hourglass_flowing_sand:' : '';
      return `${who}${escapeText(r.text)}${flag}${r.note ? `\n      _${escapeText(r.note)}_` : ''}`;
    });
    blocks.push(...sections([bold(escapeText(s.heading)), ...rows].join('\n')));
  }
  return blocks;
}

/**
 * The induction quiz's Slack listeners: "Start the quiz" (on an invitation in a channel, in a
 * DM or on the Home tab) starts or resumes the quiz privately in the person's DM; the DSL's
 * "Post the induction quiz" on the Home tab opens a channel picker, and submitting it posts the
 * invitation there (anyone else gets the polite refusal, channel.notDsl); and a new member of a
 * staff quiz channel (`member_joined_channel`) is invited by DM. Each acknowledges Slack first.
 */
import type { App as BoltApp, BlockAction, ButtonAction } from '@slack/bolt';
import type { App } from '../../app';
import type { SlackConversations } from './conversation';
import type { PublishHome } from './home-publisher';
import type { Inflight } from './inflight';
import { escapeText } from './mrkdwn';
import type { SlackQuiz } from './quiz';
import { QUIZ_CHANNEL_BLOCK, QUIZ_CHANNEL_SELECT, QUIZ_POST_ACTION, QUIZ_POST_VIEW, QUIZ_START_ACTION } from './quiz-blocks';
import { errorCode, type SlackApi } from './slack-api';
import { teamOfAction } from './staff-listeners';

export interface QuizListenerDeps {
  app: App;
  api: SlackApi;
  quiz: SlackQuiz;
  conversations: SlackConversations;
  inflight: Inflight;
  isDsl: (userId: string) => boolean;
  publishHome: PublishHome;
}

type ButtonBody = BlockAction<ButtonAction>;

export function registerQuizListeners(bolt: BoltApp, d: QuizListenerDeps): void {
  const { api, quiz, inflight } = d;
  const log = d.app.log;

  bolt.action<ButtonBody>({ type: 'block_actions', action_id: QUIZ_START_ACTION }, async ({ ack, body }) => {
    await ack();
    log.info('slack_quiz_start', {});
    // Always in the person's DM, wherever the button was: nobody else sees their answers.
    void d.conversations.run(teamOfAction(body), body.user.id, { kind: 'quiz' });
  });

  bolt.action<ButtonBody>({ type: 'block_actions', action_id: QUIZ_POST_ACTION }, async ({ ack, body }) => {
    await ack();
    const work = (async () => {
      if (!quiz.available()) return;
      if (!d.isDsl(body.user.id)) {
        log.info('slack_quiz_post_refused', {});
        await api.ephemeral(body.channel?.id, body.user.id, escapeText(quiz.text('notDsl')));
        return;
      }
      await api.openModal(body.trigger_id, quiz.postModal());
    })().catch((err: unknown) => log.warn('slack_quiz_post_failed', { code: errorCode(err) }));
    await inflight.track(work);
  });

  bolt.view(QUIZ_POST_VIEW, async ({ ack, body, view }) => {
    await ack();
    const user = body.user.id;
    const channel = view.state.values[QUIZ_CHANNEL_BLOCK]?.[QUIZ_CHANNEL_SELECT]?.selected_conversation ?? undefined;
    const work = (async () => {
      if (!quiz.available() || !channel) return;
      if (!d.isDsl(user)) {
        log.info('slack_quiz_post_refused', {});
        await api.ephemeral(undefined, user, escapeText(quiz.text('notDsl')));
        return;
      }
      let notice: string;
      try {
        await quiz.postInvitation(channel);
        notice = `:white_check_mark: ${escapeText(quiz.text('posted'))} <#${channel}>`;
      } catch (err) {
        log.warn('slack_quiz_post_failed', { code: errorCode(err) });
        notice = `:x: <#${channel}> \`${escapeText(errorCode(err))}\``;
      }
      await d.publishHome(user, notice);
    })().catch((err: unknown) => log.warn('slack_home_failed', { code: errorCode(err) }));
    await inflight.track(work);
  });

  bolt.event('member_joined_channel', async ({ event, context }) => {
    if (!event.user || !event.channel || event.user === context.botUserId) return;
    await inflight.track(quiz.memberJoined(event.user, event.channel));
  });
}

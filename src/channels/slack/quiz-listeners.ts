/**
 * The induction quiz's Slack listeners: "Start the quiz" (on an invitation, a reminder or the
 * Home tab) starts or resumes the quiz privately in the person's DM; the DSL's "Post the
 * induction quiz" opens a channel picker and its submission posts the invitation there (the host
 * refuses anyone else); a new member of a staff quiz channel is passed to the host, which decides
 * whether to welcome them. Each acknowledges Slack first.
 */
import type { App as BoltApp, BlockAction, ButtonAction } from '@slack/bolt';
import { errorCode, type ChannelHost } from '../../core/host';
import type { SlackConversations } from './conversation';
import type { PublishHome } from './home-tab';
import type { Inflight } from './inflight';
import { QUIZ_CHANNEL_BLOCK, QUIZ_CHANNEL_SELECT, QUIZ_POST_ACTION, QUIZ_POST_VIEW, QUIZ_START_ACTION, quizPostModal } from './quiz-blocks';
import { mrkdwn } from './rich';
import type { SlackApis } from './slack-api';
import { teamOfAction } from './staff-listeners';

export interface QuizListenerDeps {
  host: ChannelHost;
  apis: SlackApis;
  /** Remembers the workspace of a channel a DSL posts the invitation in. */
  saw(id: string, teamId: string | undefined): void;
  conversations: SlackConversations;
  inflight: Inflight;
  publishHome: PublishHome;
}

type ButtonBody = BlockAction<ButtonAction>;

export function registerQuizListeners(bolt: BoltApp, d: QuizListenerDeps): void {
  const { host, apis, inflight } = d;
  const log = host.log;

  bolt.action<ButtonBody>({ type: 'block_actions', action_id: QUIZ_START_ACTION }, async ({ ack, body }) => {
    await ack();
    log.info('slack_quiz_start', {});
    // Always in the person's DM, wherever the button was: nobody else sees their answers.
    void d.conversations.run(teamOfAction(body), body.user.id, { kind: 'quiz' });
  });

  bolt.action<ButtonBody>({ type: 'block_actions', action_id: QUIZ_POST_ACTION }, async ({ ack, body }) => {
    await ack();
    const work = (async () => {
      const invitation = host.quizInvitation({ channel: 'slack', workspace: teamOfAction(body), userId: body.user.id });
      if (!invitation.ok) return apis(teamOfAction(body)).ephemeral(body.channel?.id, body.user.id, mrkdwn(invitation.say));
      const close = host.labels({ channel: 'slack', workspace: teamOfAction(body), userId: body.user.id }).close;
      await apis(teamOfAction(body)).openModal(body.trigger_id, quizPostModal(invitation.value, invitation.value.postLabel ?? close, close));
    })().catch((err: unknown) => log.warn('slack_quiz_post_failed', { code: errorCode(err) }));
    await inflight.track(work);
  });

  bolt.view(QUIZ_POST_VIEW, async ({ ack, body, view }) => {
    await ack();
    const user = body.user.id;
    const actor = { channel: 'slack', workspace: body.team?.id ?? body.user.team_id, userId: user };
    const channel = view.state.values[QUIZ_CHANNEL_BLOCK]?.[QUIZ_CHANNEL_SELECT]?.selected_conversation ?? undefined;
    const work = (async () => {
      if (!channel) return;
      d.saw(channel, actor.workspace);
      const outcome = await host.postQuizInvitation(actor, channel);
      if (!outcome.ok && !host.quizInvitation(actor).ok) return apis(actor.workspace).ephemeral(undefined, user, mrkdwn(outcome.say));
      const notice = outcome.ok ? `:white_check_mark: ${mrkdwn(outcome.value)} <#${channel}>` : `:x: <#${channel}> ${mrkdwn(outcome.say)}`;
      await d.publishHome({ userId: user, workspace: actor.workspace }, notice);
    })().catch((err: unknown) => log.warn('slack_home_failed', { code: errorCode(err) }));
    await inflight.track(work);
  });

  bolt.event('member_joined_channel', async ({ event, context }) => {
    if (!event.user || !event.channel || event.user === context.botUserId) return;
    await inflight.track(host.memberJoined({ channel: 'slack', workspace: (event as { team?: string }).team ?? context.teamId, userId: event.user }, event.channel));
  });
}

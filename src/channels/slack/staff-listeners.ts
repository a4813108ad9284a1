/**
 * The ways a member of staff reaches SafeStep in Slack, each answered in her DM with the app:
 * a DM (`message.im`, files included as names only), an @mention in a channel (never answered
 * in the channel), `/safestep`, the App Home buttons, and the answer buttons. Each listener
 * acknowledges Slack first and then hands the turn to SlackConversations. `/safestep quiz` in a
 * channel is the one exception: from a DSL it posts the induction quiz's invitation there (see
 * ./quiz.ts); from anyone else it starts their own quiz in their DM, as any `/safestep` text would.
 */
import type { App as BoltApp, BlockAction, ButtonAction } from '@slack/bolt';
import { errorCode, type ChannelHost } from '../../core/host';
import { SlackConversations } from './conversation';
import { HOME_ASK_ACTION, HOME_REPORT_ACTION } from './home';
import type { PublishHome } from './home-tab';
import type { Inflight } from './inflight';
import { CHOICE_ACTION_PATTERN, questionIdOf } from './render-blocks';
import { mrkdwn } from './rich';
import type { SlackApis } from './slack-api';
import { isStaffDirectMessage, messageInput, type SlackMessageEvent } from './to-inbound';

export interface StaffListenerDeps {
  host: ChannelHost;
  apis: SlackApis;
  /** Remembers the workspace of a channel (the quiz invitation posted by /safestep quiz). */
  saw(id: string, teamId: string | undefined): void;
  inflight: Inflight;
  publishHome: PublishHome;
}

/** `/safestep quiz` (any case): in a channel, the induction quiz's invitation. */
export function isQuizCommand(text: string | undefined): boolean {
  return text !== undefined && text.trim().toLowerCase() === 'quiz';
}

/** Whether a slash command was typed in a DM (or a group DM) rather than a channel. */
function inDirectMessage(command: { channel_id: string; channel_name?: string }): boolean {
  return command.channel_id.startsWith('D') || command.channel_name === 'directmessage' || (command.channel_name ?? '').startsWith('mpdm-');
}

/** The slash command SafeStep answers. */
export const SLASH_COMMAND = '/safestep';

type ButtonBody = BlockAction<ButtonAction>;

/** The workspace of an interaction. */
export function teamOfAction(body: ButtonBody): string {
  return body.team?.id ?? body.user.team_id ?? 'unknown';
}

export function registerStaffListeners(bolt: BoltApp, d: StaffListenerDeps): SlackConversations {
  const { host, apis, inflight } = d;
  const log = host.log;
  const conversations = new SlackConversations({ host, apis, inflight });

  bolt.event('message', async ({ event, body }) => {
    const e = event as unknown as SlackMessageEvent;
    if (!isStaffDirectMessage(e) || !e.user || !e.channel) return;
    try {
      apis(body.team_id).knowDm(e.user, e.channel);
    } catch {
      // No token for this workspace: the turn below says so in the log.
    }
    const input = messageInput(e);
    log.info('slack_dm', { files: input.files?.length ?? 0 });
    void conversations.run(body.team_id, e.user, { kind: 'message', ...input }, e.channel);
  });

  bolt.event('app_mention', async ({ event, body, context }) => {
    const e = event as unknown as SlackMessageEvent;
    // Mentions in a DM also arrive as message.im; safeguarding details are answered only in the DM.
    if (!e.user || e.bot_id !== undefined || (e.channel ?? '').startsWith('D')) return;
    const input = messageInput(e, context.botUserId ?? /^\s*<@([UW][A-Z0-9]+)>/.exec(e.text ?? '')?.[1]);
    log.info('slack_mention', { files: input.files?.length ?? 0 });
    const turn = input.text !== undefined || input.files ? ({ kind: 'message', ...input } as const) : ({ kind: 'start' } as const);
    void conversations.run(body.team_id, e.user, turn);
  });

  bolt.command(SLASH_COMMAND, async ({ command, ack, respond }) => {
    await ack();
    const text = messageInput({ text: command.text }).text;
    const place = { channel: 'slack', workspace: command.team_id, userId: command.user_id };
    if (isQuizCommand(text) && !inDirectMessage(command) && host.hasQuiz(place)) {
      log.info('slack_quiz_command', {});
      // From a DSL the invitation goes in the channel; anyone else's own quiz starts in their DM.
      const actor = { channel: 'slack', workspace: command.team_id, userId: command.user_id };
      const note = (text: string) => respond({ response_type: 'ephemeral', text }).catch((err: unknown) => log.warn('slack_respond_failed', { code: errorCode(err) }));
      const allowed = host.quizInvitation(actor);
      if (!allowed.ok) {
        void note(`:lock: ${mrkdwn(allowed.say)}`);
        void conversations.run(command.team_id, command.user_id, { kind: 'quiz' });
        return;
      }
      d.saw(command.channel_id, command.team_id);
      const work = host.postQuizInvitation(actor, command.channel_id).then((outcome) => note(outcome.ok ? `:white_check_mark: ${mrkdwn(outcome.value)}` : `:x: ${mrkdwn(outcome.say)}`));
      await inflight.track(work);
      return;
    }
    log.info('slack_command', {});
    void conversations.run(command.team_id, command.user_id, text !== undefined ? { kind: 'message', text } : { kind: 'start' });
  });

  bolt.action<ButtonBody>({ type: 'block_actions', action_id: CHOICE_ACTION_PATTERN }, async ({ ack, body, action }) => {
    await ack();
    const message = body.message && body.channel ? { channel: body.channel.id, ts: body.message.ts, blocks: (body.message.blocks as unknown[] | undefined) ?? [] } : undefined;
    const turn = { kind: 'choice', value: action.value ?? '', label: action.text.text, questionId: questionIdOf(action.block_id), message } as const;
    void conversations.run(teamOfAction(body), body.user.id, turn, body.channel?.id.startsWith('D') ? body.channel.id : undefined);
  });

  bolt.action<ButtonBody>({ type: 'block_actions', action_id: HOME_REPORT_ACTION }, async ({ ack, body }) => {
    await ack();
    void conversations.run(teamOfAction(body), body.user.id, { kind: 'start' });
  });

  bolt.action<ButtonBody>({ type: 'block_actions', action_id: HOME_ASK_ACTION }, async ({ ack, body }) => {
    await ack();
    void conversations.run(teamOfAction(body), body.user.id, { kind: 'ask' });
  });

  bolt.event('app_home_opened', async ({ event, body }) => {
    if (event.tab !== 'home') return;
    const work = d.publishHome({ userId: event.user, workspace: body.team_id }).catch((err: unknown) => log.warn('slack_home_failed', { code: errorCode(err) }));
    await inflight.track(work);
  });

  return conversations;
}

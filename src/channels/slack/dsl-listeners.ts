/**
 * The DSL's buttons on a report notice (and on the Home tab): Acknowledge and View full report.
 * The host decides who may use them and what is said; anyone else gets its refusal and nothing of
 * the report. Each acknowledges Slack first, then does the work.
 */
import type { App as BoltApp, BlockAction, ButtonAction } from '@slack/bolt';
import { errorCode, type ChannelHost, type Rich } from '../../core/host';
import { ACK_ACTION, noticeMessage, VIEW_ACTION } from './dsl-blocks';
import type { Inflight } from './inflight';
import { reportModal } from './report-modal';
import { mrkdwn } from './rich';
import type { SlackApis } from './slack-api';

type ButtonBody = BlockAction<ButtonAction>;

export function registerDslListeners(bolt: BoltApp, d: { host: ChannelHost; apis: SlackApis; inflight: Inflight }): void {
  const { host, apis, inflight } = d;
  const teamOf = (body: ButtonBody) => body.team?.id ?? body.user.team_id;
  const log = host.log;
  const tell = (body: ButtonBody, say: Rich) =>
    Promise.resolve()
      .then(() => apis(teamOf(body)).ephemeral(body.channel?.id, body.user.id, mrkdwn(say)))
      .catch((err: unknown) => log.warn('slack_ephemeral_failed', { code: errorCode(err) }));
  const actor = (body: ButtonBody) => ({ channel: 'slack', workspace: teamOf(body), userId: body.user.id, ...(body.user.name ? { name: body.user.name } : {}) });

  bolt.action<ButtonBody>({ type: 'block_actions', action_id: ACK_ACTION }, async ({ ack, body, action }) => {
    await ack();
    const work = (async () => {
      const outcome = await host.acknowledge(actor(body), action.value ?? '');
      if (!outcome.ok) return tell(body, outcome.say);
      // The notice in place now says who acknowledged it, and when.
      if (body.channel && body.message) await apis(teamOf(body)).update(body.channel.id, body.message.ts, noticeMessage(outcome.value.notice));
      else await tell(body, outcome.value.say);
    })().catch((err: unknown) => log.error('slack_ack_failed', { code: errorCode(err) }));
    await inflight.track(work);
  });

  bolt.action<ButtonBody>({ type: 'block_actions', action_id: VIEW_ACTION }, async ({ ack, body, action }) => {
    await ack();
    const work = (async () => {
      const outcome = host.viewReport(actor(body), action.value ?? '');
      if (!outcome.ok) return tell(body, outcome.say);
      await apis(teamOf(body)).openModal(body.trigger_id, reportModal(outcome.value));
    })().catch((err: unknown) => log.error('slack_view_failed', { code: errorCode(err) }));
    await inflight.track(work);
  });
}

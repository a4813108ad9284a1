/**
 * The DSL's buttons on a report notification (and on the Home tab): Acknowledge and View full
 * report. Only the workspace's DSL and deputies may use them; anyone else gets the polite
 * refusal from content (dsl.notAuthorised) and nothing of the report. Each acknowledges Slack
 * first; acknowledgement itself is the notifier's (stored who and when; the reporter is told).
 */
import type { App as BoltApp, BlockAction, ButtonAction } from '@slack/bolt';
import type { App } from '../../app';
import { ACK_ACTION, notificationMessage, renderMrkdwn, VIEW_ACTION } from './dsl-blocks';
import type { SlackDslChannel } from './dsl-channel';
import type { Inflight } from './inflight';
import { mentionOf, slackDate } from './mrkdwn';
import { reportModal } from './report-modal';
import { errorCode, type SlackApi } from './slack-api';

export interface DslListenerDeps {
  app: App;
  api: SlackApi;
  dsl: SlackDslChannel;
  settingId: string;
  inflight: Inflight;
}

type ButtonBody = BlockAction<ButtonAction>;

export function registerDslListeners(bolt: BoltApp, d: DslListenerDeps): void {
  const { app, api, inflight } = d;
  const log = app.log;
  const setting = () => d.dsl.settingOf({ settingId: d.settingId });
  const dslTexts = () => app.content.catalog.dsl;
  const tell = (body: ButtonBody, text: string) =>
    api.ephemeral(body.channel?.id, body.user.id, text).catch((err: unknown) => log.warn('slack_ephemeral_failed', { code: errorCode(err) }));

  bolt.action<ButtonBody>({ type: 'block_actions', action_id: ACK_ACTION }, async ({ ack, body, action }) => {
    await ack();
    const reference = action.value ?? '';
    const work = (async () => {
      const outcome = await app.notifier.acknowledge(reference, 'slack', body.user.id);
      log.info('slack_ack', { reference, outcome: outcome.kind });
      switch (outcome.kind) {
        case 'refused':
          return tell(body, renderMrkdwn(dslTexts().notAuthorised, setting()));
        case 'unknown':
          return tell(body, renderMrkdwn(dslTexts().unknownReport, setting(), { reference }));
        case 'already': {
          const r = outcome.report;
          const tokens = { who: mentionOf(r.acknowledgedBy ?? ''), when: slackDate(r.acknowledgedAt ?? '') };
          return tell(body, renderMrkdwn(dslTexts().alreadyAcknowledged, setting(), { reference }, tokens));
        }
        case 'acknowledged': {
          if (!body.channel || !body.message) return;
          const r = outcome.report;
          const updated = notificationMessage(r, d.dsl.settingOf(r), app.content.catalog, 'report-filed');
          await api.update(body.channel.id, body.message.ts, updated);
          return;
        }
      }
    })().catch((err: unknown) => log.error('slack_ack_failed', { reference, code: errorCode(err) }));
    await inflight.track(work);
  });

  bolt.action<ButtonBody>({ type: 'block_actions', action_id: VIEW_ACTION }, async ({ ack, body, action }) => {
    await ack();
    const reference = action.value ?? '';
    const work = (async () => {
      if (!d.dsl.isDsl(body.user.id)) {
        log.info('slack_view_refused', { reference });
        return tell(body, renderMrkdwn(dslTexts().notAuthorised, setting()));
      }
      const report = app.stores.reports.get(reference);
      if (!report) return tell(body, renderMrkdwn(dslTexts().unknownReport, setting(), { reference }));
      await api.openModal(body.trigger_id, reportModal(report, app.stores.deliveries.forReport(reference), app.content.catalog, d.dsl.settingOf(report)));
      log.info('slack_view', { reference });
    })().catch((err: unknown) => log.error('slack_view_failed', { reference, code: errorCode(err) }));
    await inflight.track(work);
  });
}

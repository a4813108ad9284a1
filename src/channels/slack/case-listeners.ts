/**
 * The DSL's casework in Slack: Add note, Assign action, Record outcome and Correct open a form
 * (a modal, stacked on the full report when pressed there); a submitted form goes to the host,
 * which saves it for a DSL and refuses anyone else (a form submitted by someone else included);
 * the answer comes to the person's DM. Who has read it and Export for CPOMS open as modals.
 * Each acknowledges Slack first, then does the work; the host decides everything.
 */
import type { App as BoltApp, BlockAction, ButtonAction, ViewSubmitAction } from '@slack/bolt';
import type { types } from '@slack/bolt';
import { errorCode, type Actor, type CaseKind, type ChannelHost, type Rich } from '../../core/host';
import { auditModal, CASE_CALLBACK, caseMeta, caseModal, caseValues, exportModal } from './case-modal';
import { reportActionId } from './dsl-blocks';
import type { Inflight } from './inflight';
import { mrkdwn } from './rich';
import type { SlackApis } from './slack-api';

type ButtonBody = BlockAction<ButtonAction>;

const KINDS: readonly CaseKind[] = ['note', 'action', 'outcome', 'correct'];

export function registerCaseListeners(bolt: BoltApp, d: { host: ChannelHost; apis: SlackApis; inflight: Inflight }): void {
  const { host, apis, inflight } = d;
  const log = host.log;
  const teamOf = (body: { team?: { id: string } | null; user: { team_id?: string } }) => body.team?.id ?? body.user.team_id;
  const actorOf = (user: { id: string; name?: string; team_id?: string }, team?: { id: string } | null): Actor => ({
    channel: 'slack',
    workspace: team?.id ?? user.team_id,
    userId: user.id,
    ...(user.name ? { name: user.name } : {}),
  });
  const tell = (team: string | undefined, channel: string | undefined, user: string, say: Rich) =>
    Promise.resolve()
      .then(() => apis(team).ephemeral(channel, user, mrkdwn(say)))
      .catch((err: unknown) => log.warn('slack_ephemeral_failed', { code: errorCode(err) }));
  /** Opens a modal, or stacks it on the modal the button was pressed in. */
  const show = (body: ButtonBody, view: types.ModalView) =>
    body.view && body.view.type === 'modal' ? apis(teamOf(body)).pushModal(body.trigger_id, view) : apis(teamOf(body)).openModal(body.trigger_id, view);
  const button = (actionId: string, work: (body: ButtonBody, reference: string) => Promise<unknown>) =>
    bolt.action<ButtonBody>({ type: 'block_actions', action_id: actionId }, async ({ ack, body, action }) => {
      await ack();
      await inflight.track(work(body, action.value ?? '').catch((err: unknown) => log.error('slack_desk_failed', { code: errorCode(err) })));
    });
  /** The close label in the presser's own setting (a deployment may serve several). */
  const closeLabel = (body: ButtonBody) => host.labels({ channel: 'slack', workspace: teamOf(body), userId: body.user.id }).close;

  for (const kind of KINDS) {
    button(reportActionId(kind), async (body, reference) => {
      const form = host.caseForm(actorOf(body.user, body.team), reference, kind);
      if (!form.ok) return tell(teamOf(body), body.channel?.id, body.user.id, form.say);
      return show(body, caseModal(form.value));
    });
  }

  button(reportActionId('audit'), async (body, reference) => {
    const audit = host.reportAudit(actorOf(body.user, body.team), reference);
    if (!audit.ok) return tell(teamOf(body), body.channel?.id, body.user.id, audit.say);
    return show(body, auditModal(audit.value, closeLabel(body)));
  });

  button(reportActionId('export'), async (body, reference) => {
    const exported = host.exportReport(actorOf(body.user, body.team), reference, 'cpoms');
    if (!exported.ok) return tell(teamOf(body), body.channel?.id, body.user.id, exported.say);
    return show(body, exportModal(exported.value, closeLabel(body)));
  });

  bolt.view<ViewSubmitAction>(CASE_CALLBACK, async ({ ack, body, view }) => {
    await ack();
    const work = (async () => {
      const meta = caseMeta(view.private_metadata);
      if (!meta || !(KINDS as readonly string[]).includes(meta.kind)) return log.warn('slack_case_form_unreadable', {});
      const values = caseValues(view.state.values as unknown as Parameters<typeof caseValues>[0]);
      const saved = host.submitCase(actorOf(body.user, body.team), { kind: meta.kind as CaseKind, reference: meta.ref, values });
      return tell(teamOf(body), undefined, body.user.id, saved.ok ? saved.value.say : saved.say);
    })().catch((err: unknown) => log.error('slack_case_submit_failed', { code: errorCode(err) }));
    await inflight.track(work);
  });
}

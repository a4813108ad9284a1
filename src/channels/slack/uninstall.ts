/**
 * A workspace removing SafeStep: `app_uninstalled` (the app was removed) or `tokens_revoked`
 * naming the bot deletes its installation from SafeStep's store, so its token is never used or
 * kept again. Bolt hands these two events on even though the workspace no longer authorises.
 */
import type { App as BoltApp } from '@slack/bolt';
import type { Logger } from '../../core/host';
import type { SlackInstallations } from './installations';
import type { SlackWorkspaces } from './workspaces';

export function registerUninstallListeners(bolt: BoltApp, d: { installs: SlackInstallations; workspaces: SlackWorkspaces; log: Logger }): void {
  const remove = async (body: { team_id?: string; enterprise_id?: string; is_enterprise_install?: boolean }) => {
    const where = { teamId: body.team_id, enterpriseId: body.enterprise_id, isEnterpriseInstall: body.is_enterprise_install === true };
    d.workspaces.forget(d.installs.bot(where)?.token);
    await d.installs.deleteInstallation(where as Parameters<SlackInstallations['deleteInstallation']>[0]);
    d.log.info('slack_uninstalled', {});
  };
  bolt.event('app_uninstalled', async ({ body }) => remove(body));
  bolt.event('tokens_revoked', async ({ event, body }) => {
    if ((event.tokens.bot ?? []).length > 0) await remove(body);
  });
}

/**
 * Publishes one person's Home tab (views.publish) from the host's HomeView: what everyone sees,
 * and for the DSL and deputies (the host decides) the latest reports and quiz results.
 */
import type { ChannelHost } from '../../core/host';
import { homeView } from './home';
import type { SlackApis } from './slack-api';

/** Publishes a person's Home tab, with an optional mrkdwn notice in the DSL's quiz section. Throws if Slack refuses. */
export type PublishHome = (who: { userId: string; workspace?: string }, notice?: string) => Promise<void>;

export function homePublisher(host: ChannelHost, apis: SlackApis): PublishHome {
  return async ({ userId, workspace }, notice) => {
    await apis(workspace).publishHome(userId, homeView(host.home({ channel: 'slack', workspace, userId }), notice));
  };
}

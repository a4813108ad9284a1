/**
 * Sends what the DSL outbox decided, in Slack: a notice to the DSL team's channel (`place:C…`)
 * or a DSL's DM, the reporter's short "the DSL has seen it" by DM. Sends only, and throws on
 * failure; the outbox records each attempt and retries.
 */
import type { Deliverer, Outbound } from '../../core/host';
import { digestMessage } from './digest-blocks';
import { noticeMessage, shortMessage } from './dsl-blocks';
import type { SlackWorkspaces } from './workspaces';

const PLACE = 'place:';

export function slackDeliverer(workspaces: SlackWorkspaces): Deliverer {
  return {
    send: async (target: string, message: Outbound) => {
      const to = target.startsWith(PLACE) ? target.slice(PLACE.length) : target;
      // The workspace's own bot token: where the person was last seen, else where the deployment puts them.
      await workspaces.forTarget(to).post(to, message.kind === 'notice' ? noticeMessage(message.notice) : message.kind === 'digest' ? digestMessage(message.digest) : shortMessage(message.text));
    },
  };
}

/**
 * Sends what the DSL outbox decided, in Slack: a notice to the DSL team's channel (`place:C…`)
 * or a DSL's DM, the reporter's short "the DSL has seen it" by DM. Sends only, and throws on
 * failure; the outbox records each attempt and retries. Each outbox post is tagged with its
 * delivery id (Slack message metadata), so a retry after a crash finds it instead of posting twice.
 */
import type { Deliverer, DeliveryAttempt, Outbound } from '../../core/host';
import { digestMessage } from './digest-blocks';
import { noticeMessage, shortMessage } from './dsl-blocks';
import type { SlackWorkspaces } from './workspaces';

const PLACE = 'place:';

/** The Slack channel's Deliverer, posting with each target's workspace token. */
export function slackDeliverer(workspaces: SlackWorkspaces): Deliverer {
  return {
    send: async (target: string, message: Outbound, delivery?: DeliveryAttempt) => {
      const to = target.startsWith(PLACE) ? target.slice(PLACE.length) : target;
      // The workspace's own bot token: where the person was last seen, else where the deployment puts them.
      const api = workspaces.forTarget(to);
      // A retry whose earlier post may have reached Slack (its server died first): if that post is
      // in the conversation, it counts as sent. A first attempt never pays for the look.
      if (delivery?.mayHaveBeenSent && (await alreadyPosted(() => api.hasDelivery(to, delivery.id, delivery.createdAt)))) return;
      await api.post(to, message.kind === 'notice' ? noticeMessage(message.notice) : message.kind === 'digest' ? digestMessage(message.digest) : shortMessage(message.text), delivery?.id);
    },
  };
}

/**
 * Whether the earlier post is in the conversation. When Slack cannot say (a workspace installed
 * before the history scopes were added answers missing_scope; any other error), the notice is
 * posted: a DSL told twice is better than a DSL never told.
 */
async function alreadyPosted(look: () => Promise<boolean>): Promise<boolean> {
  try {
    return await look();
  } catch {
    return false;
  }
}

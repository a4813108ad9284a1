/**
 * Sends what the DSL outbox decided, in Slack: a notice to the DSL team's channel (`place:C…`)
 * or a DSL's DM, the reporter's short "the DSL has seen it" by DM. Sends only, and throws on
 * failure; the outbox records each attempt and retries.
 */
import type { Deliverer, Outbound } from '../../core/host';
import { digestMessage } from './digest-blocks';
import { noticeMessage, shortMessage } from './dsl-blocks';
import type { SlackApi } from './slack-api';

const PLACE = 'place:';

export function slackDeliverer(api: SlackApi): Deliverer {
  return {
    send: async (target: string, message: Outbound) => {
      const to = target.startsWith(PLACE) ? target.slice(PLACE.length) : target;
      await api.post(to, message.kind === 'notice' ? noticeMessage(message.notice) : message.kind === 'digest' ? digestMessage(message.digest) : shortMessage(message.text));
    },
  };
}

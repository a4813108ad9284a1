/**
 * Sends what the DSL outbox decided, in Teams: a notice to the DSL team's channel (`place:19:…`,
 * once the app is installed in that team) or to a DSL's personal chat (once they installed the
 * app), and the reporter's short notice. With no stored reference it throws
 * `no_conversation_reference`, which the outbox records as a failed delivery (shown to the DSL).
 */
import type { Deliverer, Outbound } from '../../core/host';
import { digestCard } from './digest-card';
import { noticeCard, textCard } from './dsl-cards';
import { NoReferenceError, type Reach } from './reach';
import type { RefBook, StoredRef } from './refs';

const PLACE = 'place:';

export function teamsDeliverer(refs: RefBook, reach: Reach): Deliverer {
  const referenceFor = (target: string): StoredRef | undefined => {
    if (target.startsWith(PLACE)) return refs.team(target.slice(PLACE.length));
    if (target.startsWith('team:')) return refs.team(target.slice('team:'.length));
    return refs.user(target);
  };
  return {
    send: async (target: string, message: Outbound) => {
      const ref = referenceFor(target);
      if (!ref) throw new NoReferenceError();
      // Teams has no message metadata to look for: a retry after a server died mid-send may repeat the message once.
      await reach.send(ref, message.kind === 'notice' ? noticeCard(message.notice, refs) : message.kind === 'digest' ? digestCard(message.digest) : textCard(message.text));
    },
  };
}

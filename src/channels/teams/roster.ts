/**
 * Quiz outreach's view of Teams: the members of a staff team channel (through the stored team
 * reference), and sending the invitation in that channel or to one person's personal chat
 * (opened through the team if SafeStep has none yet). People are known by AAD object id, as
 * everywhere in this channel. The core's QuizOutreach decides who is invited or reminded, when.
 */
import { TeamsInfo, type ChannelAccount } from 'botbuilder';
import type { QuizInvite, QuizRoster } from '../../core/host';
import { invitationCard } from './quiz-cards';
import { NoReferenceError, type Reach } from './reach';
import type { RefBook } from './refs';

/** The roster, plus `know`: the bot tells it of people it saw join a team (to open a chat with them). */
export interface TeamsRoster extends QuizRoster {
  know(userId: string, account: ChannelAccount, place: string): void;
}

export function teamsRoster(refs: RefBook, reach: Reach): TeamsRoster {
  /** Members seen in a staff channel, by AAD id, with the team they were seen in (to open a chat). */
  const seen = new Map<string, { account: ChannelAccount; place: string }>();
  return {
    know: (userId, account, place) => void seen.set(userId, { account, place }),
    members: async (place) => {
      const ref = refs.team(place);
      if (!ref) throw new NoReferenceError();
      const accounts = await reach.inConversation(ref, async (ctx) => {
        const all: ChannelAccount[] = [];
        let token: string | undefined;
        do {
          const page = await TeamsInfo.getPagedMembers(ctx, 500, token);
          all.push(...page.members);
          token = page.continuationToken;
        } while (token);
        return all;
      });
      const ids: string[] = [];
      for (const a of accounts) {
        const id = (a as ChannelAccount & { aadObjectId?: string }).aadObjectId ?? a.id;
        seen.set(id, { account: a, place });
        ids.push(id);
      }
      return ids;
    },
    // Teams lists people only: bots are not members of a channel's roster.
    isPerson: async () => true,
    invite: async (to, invite: QuizInvite) => {
      const card = invitationCard(invite);
      if ('place' in to) {
        const ref = refs.team(to.place);
        if (!ref) throw new NoReferenceError();
        await reach.send(ref, card);
        return;
      }
      const personal = refs.user(to.user);
      if (personal) return reach.send(personal, card);
      const known = seen.get(to.user);
      const team = known && refs.team(known.place);
      if (!known || !team) throw new NoReferenceError();
      await reach.send(await reach.openPersonalChatWith(team, to.user, known.account), card);
    },
  };
}

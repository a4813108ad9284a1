/**
 * Quiz outreach's view of Slack: the members of a staff channel (SafeStep's own bot left out),
 * whether an id is a person, and posting the invitation in a channel or by DM. The core's
 * QuizOutreach decides who is invited or reminded, and when.
 */
import type { QuizRoster } from '../../core/host';
import { quizInviteMessage } from './quiz-blocks';
import type { SlackApi } from './slack-api';

export function slackRoster(api: SlackApi): QuizRoster {
  return {
    members: async (place) => {
      const bot = (await api.identity().catch(() => api.knownIdentity())).botUserId;
      return (await api.members(place)).filter((u) => u !== bot);
    },
    isPerson: (userId) => api.isPerson(userId),
    invite: async (to, invite) => {
      await api.post('place' in to ? to.place : to.user, quizInviteMessage(invite));
    },
  };
}

/**
 * Quiz outreach's view of Slack: the members of a staff channel (SafeStep's own bot left out),
 * whether an id is a person, and posting the invitation in a channel or by DM. The core's
 * QuizOutreach decides who is invited or reminded, and when.
 */
import type { QuizRoster } from '../../core/host';
import { quizInviteMessage } from './quiz-blocks';
import type { SlackWorkspaces } from './workspaces';

export function slackRoster(workspaces: SlackWorkspaces): QuizRoster {
  return {
    members: async (place) => {
      const api = workspaces.forTarget(place);
      const bot = (await api.identity().catch(() => api.knownIdentity())).botUserId;
      const members = (await api.members(place)).filter((u) => u !== bot);
      // A channel's members are in its workspace: their invitations and reminders go out with its token.
      const team = workspaces.teamOf(place);
      for (const m of members) workspaces.saw(m, team);
      return members;
    },
    isPerson: async (userId) => {
      try {
        return await workspaces.forTarget(userId).isPerson(userId);
      } catch {
        return false;
      }
    },
    invite: async (to, invite) => {
      const target = 'place' in to ? to.place : to.user;
      await workspaces.forTarget(target).post(target, quizInviteMessage(invite));
    },
  };
}

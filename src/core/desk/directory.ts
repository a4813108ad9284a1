/**
 * Who the DSL team is, per setting and chat channel, as the deployment configures it: the DSL and
 * deputy user ids, and the team channel new reports are posted in. The core's one answer to "may
 * this person see or act on this setting's reports?" and "who is told?". Pure.
 */

/** One setting's DSL team on one channel. */
export interface DslTeam {
  dslUsers: readonly string[];
  /** The DSL team's channel on the platform, if there is one. */
  dslChannel?: string;
}

/** The DSL team of each setting on each channel ('slack', 'teams'). */
export interface DslDirectory {
  team(settingId: string, channel: string): DslTeam | undefined;
}

/** The prefix of a delivery target that is a team channel, not a person. */
export const PLACE_PREFIX = 'place:';

/** True if `userId` is one of the setting's DSLs or deputies on the channel. */
export function isDsl(directory: DslDirectory, settingId: string, channel: string, userId: string | undefined): boolean {
  return !!userId && (directory.team(settingId, channel)?.dslUsers.includes(userId) ?? false);
}

/** Where a setting's new report is announced on a channel: its team channel (as `place:<id>`) and each DSL. */
export function announceTargets(directory: DslDirectory, settingId: string, channel: string): string[] {
  const team = directory.team(settingId, channel);
  if (!team) return [];
  return [...(team.dslChannel ? [`${PLACE_PREFIX}${team.dslChannel}`] : []), ...team.dslUsers];
}

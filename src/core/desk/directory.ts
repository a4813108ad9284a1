/**
 * Who the DSL team is on each chat channel, as the deployment configures it: the DSL and deputy
 * user ids, and the team channel new reports are posted in. The core's one answer to "may this
 * person see or act on reports?" and "who is told?". Pure.
 */

/** One channel's DSL team. */
export interface DslTeam {
  dslUsers: readonly string[];
  /** The DSL team's channel on the platform, if there is one. */
  dslChannel?: string;
}

/** The DSL team per channel name ('slack', 'teams'). */
export type DslDirectory = Readonly<Record<string, DslTeam>>;

/** The prefix of a delivery target that is a team channel, not a person. */
export const PLACE_PREFIX = 'place:';

/** True if `userId` is one of the channel's DSLs or deputies. */
export function isDsl(directory: DslDirectory, channel: string, userId: string | undefined): boolean {
  return !!userId && (directory[channel]?.dslUsers.includes(userId) ?? false);
}

/** Where a new report is announced on a channel: the team channel (as `place:<id>`) and each DSL. */
export function announceTargets(directory: DslDirectory, channel: string): string[] {
  const team = directory[channel];
  if (!team) return [];
  return [...(team.dslChannel ? [`${PLACE_PREFIX}${team.dslChannel}`] : []), ...team.dslUsers];
}

/**
 * A deployment: which settings one SafeStep serves, and where each one's people are — a Slack
 * workspace (or, for a trust sharing one workspace, a list of its people), a Microsoft 365 tenant
 * — with each setting's own DSLs, DSL channel and quiz channel. Pure data and pure look-ups.
 */

/** A setting's place on one chat platform. */
export interface PlatformPlace {
  /** Slack team ids or Microsoft tenant ids; empty = any (a single-setting deployment). */
  workspaces: string[];
  /** When several settings share a workspace: the people of this one. */
  userIds?: string[];
  dslUsers: string[];
  dslChannel?: string;
  quizChannel?: string;
}

/** One setting of a deployment: a profile in content/settings, and its places. */
export interface DeployedSetting {
  id: string;
  slack?: PlatformPlace;
  teams?: PlatformPlace;
}

/** Every setting a deployment serves. */
export interface Deployment {
  /** Where it came from (the file, or the single-setting environment variables). */
  source: string;
  settings: DeployedSetting[];
}

/** Where someone is: the channel, their workspace on it, and who they are. */
export interface Whereabouts {
  channel: string;
  workspace?: string;
  user?: string;
}

function placeOf(s: DeployedSetting, channel: string): PlatformPlace | undefined {
  return channel === 'slack' ? s.slack : channel === 'teams' ? s.teams : undefined;
}

/**
 * The setting of someone somewhere: the one whose place on that channel holds their workspace
 * (and, where several settings share it, lists them). Undefined when none does, or it is not clear.
 */
export function settingAt(d: Deployment, where: Whereabouts): string | undefined {
  const here = d.settings.filter((s) => {
    const p = placeOf(s, where.channel);
    return p !== undefined && (p.workspaces.length === 0 || (where.workspace !== undefined && p.workspaces.includes(where.workspace)));
  });
  if (here.length <= 1) return here[0]?.id;
  const theirs = here.filter((s) => where.user !== undefined && placeOf(s, where.channel)?.userIds?.includes(where.user));
  return theirs.length === 1 ? theirs[0]!.id : undefined;
}

/** A setting's DSL team on a channel. */
export function dslTeamOf(d: Deployment, settingId: string, channel: string): { dslUsers: readonly string[]; dslChannel?: string } | undefined {
  const p = d.settings.find((s) => s.id === settingId);
  const place = p && placeOf(p, channel);
  return place ? { dslUsers: place.dslUsers, ...(place.dslChannel ? { dslChannel: place.dslChannel } : {}) } : undefined;
}

/** Every workspace a channel serves (empty = any). */
export function workspacesOf(d: Deployment, channel: string): string[] {
  const places = d.settings.map((s) => placeOf(s, channel)).filter((p): p is PlatformPlace => p !== undefined);
  if (places.some((p) => p.workspaces.length === 0)) return [];
  return [...new Set(places.flatMap((p) => p.workspaces))];
}

/** Whether any setting is served on this channel. */
export function servesChannel(d: Deployment, channel: string): boolean {
  return d.settings.some((s) => placeOf(s, channel) !== undefined);
}

/**
 * Which bot token SafeStep uses in which Slack workspace. One workspace (SLACK_BOT_TOKEN): that
 * token everywhere, as always. Installed workspaces (OAuth): each its own bot token from the
 * installation store, read per use so an install or uninstall done on another server counts at
 * once. A proactive post (a DSL notice, a reporter's acknowledgement, a quiz invitation) names a
 * channel or person but not a workspace: the workspace is the one SafeStep last saw that person
 * in (kept in the shared store, so any server knows it), else the one the deployment file places
 * that DSL or channel in.
 */
import type { ChannelHost, ChannelRecords } from '../../core/host';
import type { SlackInstallations } from './installations';
import { SlackApi, type SlackApiOptions } from './slack-api';

/** The records channel where the workspace of each person or channel seen is kept (id → team id). */
export const MEMBER_RECORDS = 'slack-member';

type ApiOptions = Omit<SlackApiOptions, 'token'>;

export class SlackWorkspaces {
  /** One Web API client per token, so each workspace keeps its own DM and user caches. */
  private readonly apis = new Map<string, SlackApi>();
  private readonly teamOfUser = new Map<string, string>();
  private readonly members: ChannelRecords;
  readonly single?: SlackApi;

  constructor(
    private readonly o: {
      host: ChannelHost;
      /** SLACK_BOT_TOKEN, when one workspace is served that way. */
      botToken?: string;
      installs?: SlackInstallations;
      /** Deployment file: the workspaces each DSL, DSL channel and quiz channel id belongs to. */
      teamsOfTarget?: Readonly<Record<string, readonly string[]>>;
      api: ApiOptions;
    },
  ) {
    this.members = o.host.records(MEMBER_RECORDS);
    if (o.botToken) this.single = this.client(o.botToken);
  }

  /** The Web API client for a workspace; throws slack_not_installed when SafeStep has no token there. */
  for(teamId: string | undefined, enterpriseId?: string): SlackApi {
    const bot = this.o.installs?.bot({ teamId, enterpriseId });
    if (bot) return this.client(bot.token);
    if (this.single) return this.single;
    throw Object.assign(new Error('workspace not installed'), { code: 'slack_not_installed' });
  }

  /** The bot's token and ids for Bolt's authorize; undefined when SafeStep has no token there. */
  authorize(source: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean }): { botToken: string; botUserId?: string; botId?: string } | undefined {
    const bot = this.o.installs?.bot(source);
    if (bot) return { botToken: bot.token, botUserId: bot.botUserId, botId: bot.botId };
    if (this.single && this.o.botToken) return { botToken: this.o.botToken, ...this.single.knownIdentity() };
    return undefined;
  }

  /** Remembers which workspace a person or channel was seen in (stored only when it is new or changed). */
  saw(userId: string, teamId: string | undefined): void {
    if (!this.o.installs || !teamId || this.teamOfUser.get(userId) === teamId) return;
    this.teamOfUser.set(userId, teamId);
    if (this.members.get<{ team: string }>(userId)?.team !== teamId) this.members.put(userId, { team: teamId });
  }

  /** The client for a proactive post to a channel id or person. */
  forTarget(target: string): SlackApi {
    if (!this.o.installs) return this.for(undefined);
    const bot = this.botOf(target);
    if (bot) return this.client(bot.token);
    if (this.single) return this.single;
    throw Object.assign(new Error('no workspace for this target'), { code: 'slack_workspace_unknown' });
  }

  /** The workspace a channel id or person is in, as far as SafeStep knows (see forTarget). */
  teamOf(target: string): string | undefined {
    return this.o.installs ? this.botOf(target)?.teamId : undefined;
  }

  /** The installed bot for a target: where it was seen, else the deployment's workspaces, else the only installed one. */
  private botOf(target: string) {
    const installs = this.o.installs!;
    const seen = this.teamOfUser.get(target) ?? this.members.get<{ team: string }>(target)?.team;
    for (const team of [...(seen ? [seen] : []), ...(this.o.teamsOfTarget?.[target] ?? [])]) {
      const bot = installs.bot({ teamId: team });
      if (bot) return bot;
    }
    if (this.single) return undefined;
    // With exactly one workspace installed (and no SLACK_BOT_TOKEN), that is where everything goes.
    const installed = installs.installed();
    return installed.length === 1 ? installed[0] : undefined;
  }

  /** Forgets the client of a token no longer valid (uninstalled or revoked). */
  forget(token: string | undefined): void {
    if (token) this.apis.delete(token);
  }

  private client(token: string): SlackApi {
    let api = this.apis.get(token);
    if (!api) {
      api = new SlackApi({ ...this.o.api, token });
      this.apis.set(token, api);
    }
    return api;
  }
}

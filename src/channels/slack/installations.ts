/**
 * Slack installations (one per workspace that installed SafeStep through /slack/install), kept in
 * SafeStep's own store as channel records (`slack-install`, keyed by the team id, or the
 * enterprise id for an org-wide install), which are sealed at rest like every channel reference:
 * the same rows on SQLite or PostgreSQL, so any server sharing the database can use them. An
 * uninstall blanks the record: the token is gone from the store. Tokens are never logged.
 */
import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { ChannelRecords } from '../../core/host';

/** The records channel installations are kept under. */
export const INSTALL_RECORDS = 'slack-install';

/** What SafeStep needs to act in one installed workspace. */
export interface InstalledBot {
  token: string;
  botUserId?: string;
  botId?: string;
  teamId?: string;
  enterpriseId?: string;
}

type AnyInstallation = Installation<'v1' | 'v2', boolean>;

/** The record key of an installation or a query: the enterprise for org-wide installs, else the team. */
function keyOf(o: { isEnterpriseInstall?: boolean; enterpriseId?: string; teamId?: string }): string | undefined {
  return o.isEnterpriseInstall && o.enterpriseId ? o.enterpriseId : o.teamId;
}

/** Bolt's InstallationStore on SafeStep's channel records. */
export class SlackInstallations implements InstallationStore {
  constructor(private readonly records: ChannelRecords) {}

  async storeInstallation(installation: AnyInstallation): Promise<void> {
    const key = keyOf({ isEnterpriseInstall: installation.isEnterpriseInstall, enterpriseId: installation.enterprise?.id, teamId: installation.team?.id });
    if (!key) throw Object.assign(new Error('installation names no workspace'), { code: 'slack_install_without_team' });
    this.records.put(key, installation);
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<AnyInstallation> {
    const found = this.find(query);
    if (!found) throw Object.assign(new Error('workspace not installed'), { code: 'slack_not_installed' });
    return found;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    const key = keyOf(query);
    if (key) this.records.put(key, null);
  }

  /** The bot of an installed workspace (an org-wide install covers its workspaces), or undefined. */
  bot(where: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean }): InstalledBot | undefined {
    const found = this.find(where) ?? (where.enterpriseId ? this.find({ enterpriseId: where.enterpriseId, isEnterpriseInstall: true }) : undefined);
    const bot = found?.bot;
    if (!found || !bot?.token) return undefined;
    return { token: bot.token, botUserId: bot.userId, botId: bot.id, teamId: found.team?.id, enterpriseId: found.enterprise?.id };
  }

  /** Every workspace installed now. */
  installed(): InstalledBot[] {
    return this.records
      .list<AnyInstallation>('')
      .map((i) => this.bot({ teamId: i.team?.id, enterpriseId: i.enterprise?.id, isEnterpriseInstall: i.isEnterpriseInstall }))
      .filter((b): b is InstalledBot => b !== undefined);
  }

  private find(q: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean }): AnyInstallation | undefined {
    const key = keyOf(q);
    return key ? this.records.get<AnyInstallation>(key) : undefined;
  }
}

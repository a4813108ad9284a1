/**
 * How the DSL notifier reaches people in Slack: a new report is posted to SLACK_DSL_CHANNEL (if
 * set) and DMed to each DSL user; reminders go to each DSL user; the reporter is DMed when a DSL
 * acknowledges. It only sends (and throws on failure); the notifier records and retries.
 */
import type { ContentBundle } from '../../core/content';
import type { DeliveryPurpose, DslChannel } from '../../core/delivery';
import type { SettingProfile } from '../../core/model';
import type { FiledReport } from '../../core/report';
import { notificationMessage, reporterAckMessage } from './dsl-blocks';
import type { SlackApi } from './slack-api';

export interface SlackDslOptions {
  api: SlackApi;
  content: ContentBundle;
  /** The setting this workspace serves (used when a report's own setting has no profile). */
  settingId: string;
  dslChannel?: string;
  dslUsers: readonly string[];
}

export class SlackDslChannel implements DslChannel {
  readonly name = 'slack';

  constructor(private readonly o: SlackDslOptions) {}

  announceTargets(): string[] {
    return [...(this.o.dslChannel ? [this.o.dslChannel] : []), ...this.o.dslUsers];
  }

  dslUsers(): string[] {
    return [...this.o.dslUsers];
  }

  isDsl(userId: string): boolean {
    return this.o.dslUsers.includes(userId);
  }

  /** The profile a report's wording is rendered with. */
  settingOf(report: Pick<FiledReport, 'settingId'>): SettingProfile {
    const { settings } = this.o.content;
    const setting = settings.get(report.settingId) ?? settings.get(this.o.settingId);
    if (!setting) throw Object.assign(new Error('no setting profile'), { code: 'unknown_setting' });
    return setting;
  }

  async deliver(report: FiledReport, target: string, purpose: DeliveryPurpose): Promise<void> {
    const setting = this.settingOf(report);
    const { catalog } = this.o.content;
    const message =
      purpose === 'reporter-ack' ? reporterAckMessage(report, setting, catalog) : notificationMessage(report, setting, catalog, purpose);
    await this.o.api.post(target, message);
  }
}

/**
 * How the DSL notifier reaches people on Teams: the DSL team channel (TEAMS_DSL_CHANNEL, once the
 * app is installed in that team) and each DSL user (TEAMS_DSL_USERS, AAD object ids, once they
 * have installed the app), and the reporter when a DSL acknowledges. Sends through the stored
 * conversation references; with none stored it throws `no_conversation_reference`, which the
 * notifier records as a failed delivery (shown in `safestep reports list`). Sends only.
 */
import type { Activity } from 'botbuilder';
import type { ContentBundle } from '../../core/content';
import type { DeliveryPurpose, DslChannel } from '../../core/delivery';
import type { FiledReport } from '../../core/report';
import { render } from '../../core/template';
import { noticeCard, notificationCard } from './dsl-cards';
import { NoReferenceError, type Reach } from './reach';
import { teamKey, type RefBook, type StoredRef } from './refs';
import { TEAMS_CHANNEL } from './to-inbound';

export interface TeamsDslChannelDeps {
  dslUsers: readonly string[];
  dslChannel?: string;
  settingId: string;
  content: ContentBundle;
  refs: RefBook;
  reach: Reach;
}

export class TeamsDslChannel implements DslChannel {
  readonly name = TEAMS_CHANNEL;

  constructor(private readonly d: TeamsDslChannelDeps) {}

  announceTargets(): string[] {
    return [...(this.d.dslChannel ? [teamKey(this.d.dslChannel)] : []), ...this.d.dslUsers];
  }

  dslUsers(): string[] {
    return [...this.d.dslUsers];
  }

  isDsl(userId: string): boolean {
    return this.d.dslUsers.includes(userId);
  }

  async deliver(report: FiledReport, target: string, purpose: DeliveryPurpose): Promise<void> {
    const ref = this.referenceFor(target);
    if (!ref) throw new NoReferenceError();
    await this.d.reach.send(ref, this.message(report, purpose));
  }

  private referenceFor(target: string): StoredRef | undefined {
    const channel = target.startsWith('team:') ? target.slice('team:'.length) : undefined;
    return channel !== undefined ? this.d.refs.team(channel) : this.d.refs.user(target);
  }

  private message(report: FiledReport, purpose: DeliveryPurpose): Partial<Activity> {
    const { content } = this.d;
    const setting = content.settings.get(report.settingId) ?? content.settings.get(this.d.settingId)!;
    if (purpose === 'reporter-ack') return noticeCard(render(content.catalog.dsl.reporterAcknowledged, setting, { reference: report.reference }));
    return notificationCard(report, setting, content.catalog, purpose);
  }
}

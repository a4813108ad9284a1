/**
 * The DSL card buttons: Acknowledge (recorded by the DSL notifier, which then tells the reporter)
 * and View full report (sent only to the DSL, in their personal chat, never into a channel).
 * Only the configured DSL users may use them, identified by the AAD object id Teams gives; anyone
 * else gets the content's polite refusal and nothing changes.
 */
import type { TurnContext } from 'botbuilder';
import type { App } from '../../app';
import type { SettingProfile } from '../../core/model';
import { render } from '../../core/template';
import { ACK_ACTION, VIEW_ACTION, formatWhen, fullReportCards, noticeCard } from './dsl-cards';
import { labelsFor } from './labels';
import type { Reach } from './reach';
import type { RefBook } from './refs';
import { TEAMS_CHANNEL, isPersonal } from './to-inbound';

/** A DSL button press read from a card's submit data. */
export interface DslAction {
  kind: 'ack' | 'view';
  reference: string;
}

/** The DSL action a submit value carries, if any. */
export function dslActionOf(value: unknown): DslAction | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if ((v.ss !== ACK_ACTION && v.ss !== VIEW_ACTION) || typeof v.ref !== 'string' || v.ref.length > 64) return undefined;
  return { kind: v.ss === ACK_ACTION ? 'ack' : 'view', reference: v.ref.trim().toUpperCase() };
}

export interface DslActionsDeps {
  app: App;
  setting: SettingProfile;
  refs: RefBook;
  reach: Reach;
}

export class DslActions {
  constructor(private readonly d: DslActionsDeps) {}

  /** Handles one press; replies where it was pressed, except the full report (personal chat only). */
  async handle(context: TurnContext, action: DslAction): Promise<void> {
    const { app, setting } = this.d;
    const dsl = app.content.catalog.dsl;
    // Only the AAD object id identifies a DSL: Teams' own user id is never trusted for this.
    const userId = context.activity.from?.aadObjectId;
    const say = (text: string) => context.sendActivity(noticeCard(text));
    if (!userId || !app.notifier.isDsl(TEAMS_CHANNEL, userId)) {
      app.log.warn('teams_dsl_action_refused', { action: action.kind });
      await say(render(dsl.notAuthorised, setting));
      return;
    }
    if (action.kind === 'view') return this.view(context, action.reference);
    const outcome = await app.notifier.acknowledge(action.reference, TEAMS_CHANNEL, userId);
    switch (outcome.kind) {
      case 'refused':
        await say(render(dsl.notAuthorised, setting));
        return;
      case 'unknown':
        await say(render(dsl.unknownReport, setting, { reference: action.reference }));
        return;
      case 'already': {
        const r = outcome.report;
        await say(render(dsl.alreadyAcknowledged, setting, { reference: r.reference, who: this.nameOf(r.acknowledgedBy), when: formatWhen(r.acknowledgedAt ?? '') }));
        return;
      }
      case 'acknowledged': {
        const r = outcome.report;
        const who = context.activity.from?.name || this.nameOf(r.acknowledgedBy);
        await say(render(dsl.acknowledged, setting, { reference: r.reference, who, when: formatWhen(r.acknowledgedAt ?? '') }));
        return;
      }
    }
  }

  private async view(context: TurnContext, reference: string): Promise<void> {
    const { app, setting } = this.d;
    const report = app.stores.reports.get(reference);
    if (!report) {
      await context.sendActivity(noticeCard(render(app.content.catalog.dsl.unknownReport, setting, { reference })));
      return;
    }
    app.log.info('teams_report_viewed', { reference });
    for (const card of fullReportCards(report, labelsFor(app.content.catalog, app.content.settings.get(report.settingId) ?? setting))) {
      if (isPersonal(context.activity)) await context.sendActivity(card);
      else await this.d.reach.toPersonalChat(context, card);
    }
  }

  /** A display name for "teams:<aad id>" from the DSL's stored reference, else the id (the DSL's role if none). */
  private nameOf(acknowledgedBy: string | undefined): string {
    if (!acknowledgedBy) return this.d.setting.people.dsl.role;
    const id = acknowledgedBy.startsWith(`${TEAMS_CHANNEL}:`) ? acknowledgedBy.slice(TEAMS_CHANNEL.length + 1) : acknowledgedBy;
    return this.d.refs.user(id)?.user?.name || id;
  }
}

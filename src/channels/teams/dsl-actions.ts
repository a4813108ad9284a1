/**
 * The DSL card buttons, translated to the host: Acknowledge (the host records it and tells the
 * reporter) and View full report (sent only to the DSL, in their personal chat, never into a
 * channel). The host decides who may use them, by the AAD object id Teams vouches for; anyone
 * else gets its refusal and nothing changes.
 */
import type { TurnContext } from 'botbuilder';
import type { ChannelHost } from '../../core/host';
import { ACK_ACTION, VIEW_ACTION, fullReportCards, textCard } from './dsl-cards';
import type { Reach } from './reach';
import type { RefBook } from './refs';
import { cardText } from './rich';
import { TEAMS_CHANNEL, isPersonal, tenantOf } from './to-inbound';

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

export class DslActions {
  constructor(private readonly d: { host: ChannelHost; refs: RefBook; reach: Reach }) {}

  /** Handles one press; replies where it was pressed, except the full report (personal chat only). */
  async handle(context: TurnContext, action: DslAction): Promise<void> {
    const { host, refs } = this.d;
    // Only the AAD object id identifies a DSL: Teams' own user id is never trusted for this.
    const from = context.activity.from;
    const actor = { channel: TEAMS_CHANNEL, workspace: tenantOf(context.activity), userId: from?.aadObjectId ?? '', ...(from?.name ? { name: from.name } : {}) };
    if (action.kind === 'ack') {
      const outcome = await host.acknowledge(actor, action.reference);
      await context.sendActivity(textCard(cardText(outcome.ok ? outcome.value.say : outcome.say, refs)));
      return;
    }
    const outcome = host.viewReport(actor, action.reference);
    if (!outcome.ok) {
      await context.sendActivity(textCard(cardText(outcome.say, refs)));
      return;
    }
    for (const card of fullReportCards(outcome.value, refs)) {
      if (isPersonal(context.activity)) await context.sendActivity(card);
      else await this.d.reach.toPersonalChat(context, card);
    }
  }
}

/**
 * The DSL card buttons, translated to the host: Acknowledge (the host records it and tells the
 * reporter) and View full report (sent only to the DSL, in their personal chat, never into a
 * channel). The host decides who may use them, by the AAD object id Teams vouches for; anyone
 * else gets its refusal and nothing changes.
 */
import type { Activity, TurnContext } from 'botbuilder';
import type { Actor, CaseKind, ChannelHost, Outcome } from '../../core/host';
import { auditCards, caseCard, exportCards } from './case-cards';
import { ACK_ACTION, VIEW_ACTION, fullReportCards, textCard } from './dsl-cards';
import type { Reach } from './reach';
import type { RefBook } from './refs';
import { cardText } from './rich';
import { TEAMS_CHANNEL, isPersonal, tenantOf } from './to-inbound';

/** A DSL button press read from a card's submit data. */
export interface DslAction {
  kind: 'ack' | 'view' | CaseKind | 'audit' | 'export';
  reference: string;
}

const MARKERS: readonly string[] = [ACK_ACTION, VIEW_ACTION, 'note', 'action', 'outcome', 'correct', 'audit', 'export'];
const CASE_KINDS: readonly CaseKind[] = ['note', 'action', 'outcome', 'correct'];

/** The DSL action a submit value carries, if any. */
export function dslActionOf(value: unknown): DslAction | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.ss !== 'string' || !MARKERS.includes(v.ss) || typeof v.ref !== 'string' || v.ref.length > 64) return undefined;
  return { kind: v.ss as DslAction['kind'], reference: v.ref.trim().toUpperCase() };
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
    const outcome = this.cardsFor(actor, action);
    if (!outcome.ok) {
      await context.sendActivity(textCard(cardText(outcome.say, refs)));
      return;
    }
    for (const card of outcome.value) {
      if (isPersonal(context.activity)) await context.sendActivity(card);
      else await this.d.reach.toPersonalChat(context, card);
    }
  }

  /** A submitted casework form: the host saves it (DSLs only) and its answer comes back here. */
  async submit(context: TurnContext, form: { kind: string; reference: string; values: Record<string, string> }): Promise<void> {
    const actor = this.actorOf(context);
    if (!(CASE_KINDS as readonly string[]).includes(form.kind)) return;
    const saved = this.d.host.submitCase(actor, { kind: form.kind as CaseKind, reference: form.reference, values: form.values });
    await context.sendActivity(textCard(cardText(saved.ok ? saved.value.say : saved.say, this.d.refs)));
  }

  /** What a DSL-only button shows (the full report, a form, the audit trail, the export), or the refusal. */
  private cardsFor(actor: Actor, action: DslAction): Outcome<Partial<Activity>[]> {
    const { host, refs } = this.d;
    const map = <T>(o: Outcome<T>, f: (v: T) => Partial<Activity>[]): Outcome<Partial<Activity>[]> => (o.ok ? { ok: true, value: f(o.value) } : o);
    switch (action.kind) {
      case 'audit':
        return map(host.reportAudit(actor, action.reference), (v) => auditCards(v, refs));
      case 'export':
        return map(host.exportReport(actor, action.reference, 'cpoms'), exportCards);
      case 'note':
      case 'action':
      case 'outcome':
      case 'correct':
        return map(host.caseForm(actor, action.reference, action.kind), (f) => [caseCard(f)]);
      default:
        return map(host.viewReport(actor, action.reference), (v) => fullReportCards(v, refs));
    }
  }

  private actorOf(context: TurnContext): Actor {
    const from = context.activity.from;
    return { channel: TEAMS_CHANNEL, workspace: tenantOf(context.activity), userId: from?.aadObjectId ?? '', ...(from?.name ? { name: from.name } : {}) };
  }
}

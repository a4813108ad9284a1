/**
 * SafeStep's Teams bot (an ActivityHandler). It translates only:
 *  - a message in the personal chat (typed text, or a card button's submit value) goes to the
 *    conversation runner, and the replies come back as one card;
 *  - an @mention in a team channel runs the same conversation, but every reply goes to the
 *    person's personal chat: nothing about a concern is ever posted in the channel;
 *  - installing the app (personal or team) stores the conversation reference, so DSLs can be
 *    reached later; a personal install is greeted;
 *  - DSL buttons (Acknowledge, View full report) go to DslActions;
 *  - the induction quiz (TeamsQuiz): a DSL's "@SafeStep quiz" posts the invitation card in the
 *    channel; its "Start the quiz" button, or "quiz" typed anywhere, runs the quiz in the
 *    person's personal chat; a DSL's "quiz report" gets the staff results there.
 * Logs carry ids and codes only, never what anyone typed.
 */
import { ActivityHandler, type TurnContext } from 'botbuilder';
import type { ChannelHost, Reply } from '../../core/host';
import { codeOf } from './codes';
import { caseSubmitOf } from './case-cards';
import { DslActions, dslActionOf } from './dsl-actions';
import { TeamsQuiz } from './quiz';
import { quizActionOf } from './quiz-cards';
import type { Reach } from './reach';
import type { TeamsRoster } from './roster';
import { teamChannelOf, type RefBook } from './refs';
import { renderReplies } from './render-cards';
import { isPersonal, placeOf, teamsConversation, tenantOf, toInbound } from './to-inbound';

export { codeOf } from './codes';

export interface BotDeps {
  host: ChannelHost;
  refs: RefBook;
  reach: Reach;
  /** Quiz outreach's view of Teams: told of people who join a team. */
  roster: TeamsRoster;
  /** Only activities from these tenants are served, when any are listed (the deployment; MicrosoftAppTenantId). */
  tenantIds: readonly string[];
  /** Only Teams activities are served unless running locally (the Emulator and tests). */
  local: boolean;
}

export class SafeStepBot extends ActivityHandler {
  private readonly dslActions: DslActions;
  private readonly quiz: TeamsQuiz;
  /** Recent message activity ids: the Bot Connector may re-send one it thinks timed out. */
  private readonly seen = new Set<string>();

  constructor(private readonly d: BotDeps) {
    super();
    this.dslActions = new DslActions({ host: d.host, refs: d.refs, reach: d.reach });
    this.quiz = new TeamsQuiz({ host: d.host, refs: d.refs, reach: d.reach });
    this.onMessage(async (ctx, next) => {
      await this.guarded(ctx, 'message', () => this.message(ctx));
      await next();
    });
    this.onMembersAdded(async (ctx, next) => {
      await this.guarded(ctx, 'members_added', () => this.installed(ctx, true));
      await next();
    });
    this.onInstallationUpdateAdd(async (ctx, next) => {
      await this.guarded(ctx, 'installation_add', () => this.installed(ctx, false));
      await next();
    });
  }

  /** Serves only allowed activities, and keeps every failure in the log as a code. */
  private async guarded(ctx: TurnContext, event: string, work: () => Promise<void>): Promise<void> {
    const a = ctx.activity;
    if (!this.d.local && a.channelId !== 'msteams') {
      this.d.host.log.warn('teams_foreign_channel', { event });
      return;
    }
    if (this.d.tenantIds.length > 0 && !this.d.tenantIds.includes(tenantOf(a))) {
      this.d.host.log.warn('teams_foreign_tenant', { event });
      return;
    }
    if (a.type === 'message' && a.id) {
      if (this.seen.has(a.id)) {
        this.d.host.log.warn('teams_duplicate_activity', { event });
        return;
      }
      this.seen.add(a.id);
      if (this.seen.size > 1000) this.seen.delete(this.seen.values().next().value as string);
    }
    try {
      await work();
    } catch (err) {
      this.d.host.log.error('teams_turn_failed', { event, code: codeOf(err) });
    }
  }

  private async message(ctx: TurnContext): Promise<void> {
    const a = ctx.activity;
    const personal = isPersonal(a);
    if (personal) this.rememberUser(ctx);
    const action = dslActionOf(a.value);
    if (action) return this.dslActions.handle(ctx, action);
    const form = caseSubmitOf(a.value);
    if (form) return this.dslActions.submit(ctx, form);

    const inbound = toInbound(a);
    const bare = inbound.text === undefined && inbound.choice === undefined && inbound.files === undefined;
    if (!personal) {
      this.d.host.log.info('teams_channel_mention', { files: inbound.files?.length ?? 0 });
      this.rememberTeam(ctx);
    }
    const quizAction = quizActionOf(a.value) ?? this.d.host.quizCommand(placeOf(a), inbound.text);
    if (quizAction === 'report') return this.quiz.report(ctx);
    let replies: Reply[];
    if (quizAction === 'start' && !personal && !quizActionOf(a.value) && (await this.quiz.invite(ctx))) return;
    if (quizAction === 'start') replies = await this.quiz.start(ctx);
    else replies = !personal && bare ? await this.d.host.start(inbound) : await this.d.host.turn(inbound);
    await this.reply(ctx, replies);
  }

  private async installed(ctx: TurnContext, viaMembersAdded: boolean): Promise<void> {
    const a = ctx.activity;
    if (viaMembersAdded && !isPersonal(a)) await this.welcomeMembers(ctx);
    if (viaMembersAdded && !(a.membersAdded ?? []).some((m) => m.id === a.recipient?.id)) return;
    if (!isPersonal(a)) {
      const channel = this.rememberTeam(ctx);
      this.d.host.log.info('teams_team_installed', { channel: channel ?? 'unknown' });
      return;
    }
    this.rememberUser(ctx);
    this.d.host.log.info('teams_personal_installed', { user: teamsConversation(a).user.id });
    if (!viaMembersAdded) return;
    await this.reply(ctx, await this.d.host.start(teamsConversation(a)));
  }

  /** People who joined a team: the host decides whether to welcome them with the induction quiz. */
  private async welcomeMembers(ctx: TurnContext): Promise<void> {
    const a = ctx.activity;
    const place = teamChannelOf(a);
    if (!place) return;
    for (const m of a.membersAdded ?? []) {
      if (m.id === a.recipient?.id) continue;
      const userId = (m as { aadObjectId?: string }).aadObjectId ?? m.id;
      this.d.roster.know(userId, m, place);
      await this.d.host.memberJoined({ channel: 'teams', workspace: tenantOf(a), userId }, place);
    }
  }

  /** Replies in the personal chat: this one, or the sender's own when they wrote in a channel. */
  private async reply(ctx: TurnContext, replies: Reply[]): Promise<void> {
    for (const message of renderReplies(replies, this.d.host.labels(placeOf(ctx.activity)))) {
      if (isPersonal(ctx.activity)) await ctx.sendActivity(message);
      else await this.d.reach.toPersonalChat(ctx, message);
    }
  }

  private rememberUser(ctx: TurnContext): boolean {
    try {
      return this.d.refs.rememberUser(ctx.activity);
    } catch (err) {
      this.d.host.log.error('teams_reference_store_failed', { code: codeOf(err) });
      return false;
    }
  }

  private rememberTeam(ctx: TurnContext): string | undefined {
    try {
      return this.d.refs.rememberTeam(ctx.activity);
    } catch (err) {
      this.d.host.log.error('teams_reference_store_failed', { code: codeOf(err) });
      return undefined;
    }
  }
}

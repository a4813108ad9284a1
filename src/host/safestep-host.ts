/**
 * SafeStep's ChannelHost: the one place that decides, for every channel alike, what a person is
 * told, who may see or act on a report (and logs each view), when the platform-retention notice is
 * due, what a failure looks like, and the quiz's outreach. Channels translate to and from it.
 */
import type { ContentBundle } from '../core/content';
import { labelsFor } from '../core/desk/labels';
import { reportNotice } from '../core/desk/notice';
import { reportLine, reportView } from '../core/desk/report-view';
import type { DslNotifier } from '../core/dsl-notifier';
import { UnknownSettingError, errorCode } from '../core/errors';
import type { Acknowledgement, Actor, Address, AuditView, CaseForm, CaseSaved, CaseSubmission, ChannelHost, ChannelRecords, DigestView, ExportView, HomeView, Labels, Outcome, Place, QuizInvite, QuizResultsView, ReportView, TurnInput } from '../core/host';
import type { Casework } from '../core/case/casework';
import { DeskHost } from './desk-host';
import { richFrom, tokenMark, type Rich } from '../core/host';
import { personFromStored } from '../core/desk/people';
import type { Inbound, Reply } from '../core/messages';
import type { SettingProfile } from '../core/model';
import type { ChannelRefStore, Clock, Logger, ReportStore } from '../core/ports';
import type { DeliveryStore } from '../core/delivery';
import type { ConversationRunner } from '../core/runner';
import { render } from '../core/template';
import type { QuizContent } from '../quiz/model';
import type { QuizRunner } from '../quiz/runner';
import type { QuizStore } from '../quiz/ports';
import { ChatRouter } from './chat-router';
import { channelRecords } from './records';
import { DEFAULT_RETENTION_GAP_MS, takeRetentionNotice } from './retention-notice';
import { QuizDesk } from './quiz-desk';
import type { QuizOutreach } from './quiz-outreach';

/** How many reports a DSL sees on their home. */
export const HOME_REPORTS = 10;

export interface HostDeps {
  content: ContentBundle;
  quizContent?: QuizContent;
  runner: ConversationRunner;
  quiz?: QuizRunner;
  notifier: DslNotifier;
  reports: ReportStore;
  deliveries: DeliveryStore;
  quizStore: QuizStore;
  channelRefs: ChannelRefStore;
  /** The reports' casework and audit trail. */
  casework: Casework;
  /** The setting someone is in, from where they are (the console names its own). */
  settingOf: (where: Place) => string | undefined;
  outreach?: QuizOutreach;
  clock: Clock;
  log: Logger;
  retentionGapMs?: number;
}

/** Where someone is, as the setting look-up needs it. */
function placeOf(x: Address | Actor): Place {
  return 'userId' in x ? { channel: x.channel, workspace: x.workspace, userId: x.userId } : { channel: x.channel, workspace: x.workspace, userId: x.user.id };
}

export class SafeStepHost implements ChannelHost {
  readonly log: Logger;
  private readonly chat: ChatRouter;
  private readonly quiz: QuizDesk;
  /** The DSL's desk: full report, casework, audit, export, digest. */
  readonly desk: DeskHost;

  constructor(private readonly d: HostDeps) {
    this.log = d.log;
    this.desk = new DeskHost({
      content: d.content,
      reports: d.reports,
      deliveries: d.deliveries,
      casework: d.casework,
      isDsl: (actor) => {
        const setting = this.settingOf(actor);
        return !!setting && d.notifier.isDsl(setting.id, actor.channel, actor.userId);
      },
      acknowledge: (reference, actor) => d.notifier.acknowledge(reference, this.settingFor(placeOf(actor)).id, actor.channel, actor.userId),
      settingFor: (actor) => this.settingFor(placeOf(actor)),
      clock: d.clock,
      log: d.log,
    });
    this.chat = new ChatRouter(d.runner, d.quiz, d.quizContent?.messages.commands.start ?? []);
    this.quiz = new QuizDesk({
      content: d.content,
      quizContent: d.quizContent,
      quizStore: d.quizStore,
      outreach: d.outreach,
      settingHasQuiz: (settingId) => this.chat.hasQuiz(settingId),
      isDsl: (settingId, channel, userId) => d.notifier.isDsl(settingId, channel, userId),
      settingOf: d.settingOf,
      settingFor: (where) => this.settingFor(where),
      clock: d.clock,
      log: d.log,
    });
  }

  start(who: Address): Promise<Reply[]> {
    return this.guard(who, 'start', (conv) => this.chat.start(conv));
  }

  turn(input: TurnInput): Promise<Reply[]> {
    return this.guard(input, 'turn', (conv) => this.chat.handle({ ...conv, text: input.text, choice: input.choice, questionId: input.questionId, files: input.files }));
  }

  menu(who: Address): Promise<Reply[]> {
    return this.guard(who, 'menu', (conv) => {
      const menu = this.d.content.catalog.commands.menu[0];
      return this.d.runner.underWay(conv.conversationId) || !menu ? this.chat.start(conv) : this.chat.handle({ ...conv, text: menu });
    });
  }

  startQuiz(who: Address): Promise<Reply[]> {
    return this.guard(who, 'quiz', (conv) => this.chat.startQuiz(conv));
  }

  quizCommand(where: Place, text: string | undefined): 'start' | 'report' | undefined {
    return this.quiz.quizCommand(where, text);
  }

  hasQuiz(where: Place): boolean {
    return this.quiz.hasQuiz(where);
  }

  async acknowledge(actor: Actor, reference: string): Promise<Outcome<Acknowledgement>> {
    if (!this.settingOf(actor)) return this.notSetUp(actor);
    return this.desk.acknowledge(actor, reference);
  }

  viewReport(actor: Actor, reference: string): Outcome<ReportView> {
    if (!this.settingOf(actor)) return this.notSetUp(actor);
    return this.desk.view(actor, reference);
  }

  caseForm(actor: Actor, reference: string, kind: CaseSubmission['kind']): Outcome<CaseForm> {
    return this.settingOf(actor) ? this.desk.form(actor, reference, kind) : this.notSetUp(actor);
  }

  submitCase(actor: Actor, submission: CaseSubmission): Outcome<CaseSaved> {
    return this.settingOf(actor) ? this.desk.submit(actor, submission) : this.notSetUp(actor);
  }

  reportAudit(actor: Actor, reference: string): Outcome<AuditView> {
    return this.settingOf(actor) ? this.desk.audit(actor, reference) : this.notSetUp(actor);
  }

  exportReport(actor: Actor, reference: string, format: 'cpoms' | 'myconcern'): Outcome<ExportView> {
    return this.settingOf(actor) ? this.desk.export(actor, reference, format) : this.notSetUp(actor);
  }

  digest(actor: Actor): Outcome<DigestView> {
    return this.settingOf(actor) ? this.desk.digest(actor) : this.notSetUp(actor);
  }

  home(actor: Actor): HomeView {
    const setting = this.settingFor(placeOf(actor));
    const { catalog } = this.d.content;
    const label = labelsFor(catalog, setting);
    const quiz = this.hasQuiz(placeOf(actor));
    const view: HomeView = {
      title: `SafeStep · ${setting.name}`,
      greeting: render(catalog.greeting, setting),
      retention: render(catalog.chatRetention, setting),
      buttons: [
        { action: 'report', label: label.reportConcern, primary: true },
        { action: 'ask', label: label.askQuestion },
        ...(quiz ? [{ action: 'quiz' as const, label: render(this.d.quizContent!.messages.channel.startButton, setting) }] : []),
      ],
    };
    if (!this.d.notifier.isDsl(setting.id, actor.channel, actor.userId)) return view;
    const reports = this.d.reports.list({ settingId: setting.id, limit: HOME_REPORTS });
    view.reports = {
      heading: label.latestReports,
      empty: label.noReports,
      lines: reports.map((r) => reportLine(r, this.d.deliveries.forReport(r.reference), setting, catalog)),
    };
    view.digest = this.desk.digestFor(setting);
    if (quiz) {
      const results = this.quizResults(actor);
      if (results.ok) view.quiz = results.value;
    }
    return view;
  }

  quizResults(actor: Actor): Outcome<QuizResultsView> {
    return this.quiz.quizResults(actor);
  }

  quizInvitation(actor: Actor): Outcome<QuizInvite> {
    return this.quiz.quizInvitation(actor);
  }

  postQuizInvitation(actor: Actor, place: string): Promise<Outcome<Rich>> {
    return this.quiz.postQuizInvitation(actor, place);
  }

  async memberJoined(who: Actor, place: string): Promise<void> {
    await this.d.outreach?.memberJoined(who.channel, place, who.userId);
  }

  labels(where: Place): Labels {
    return labelsFor(this.d.content.catalog, this.settingOf(where) ?? this.anySetting());
  }

  records(channel: string): ChannelRecords {
    return channelRecords(this.d.channelRefs, channel, this.d.clock, this.log);
  }

  /** A setting's quiz invitations, when it has a quiz (for outreach). */
  invites(settingId: string): ReturnType<QuizDesk['invites']> {
    return this.quiz.invites(settingId);
  }

  /** Platform user ids who have passed a setting's quiz on a channel. */
  passed(settingId: string, channel: string): Set<string> {
    return this.quiz.passed(settingId, channel);
  }

  /** Runs a conversation call for the address's setting; a failure becomes the core's failure reply. */
  private async guard(who: Address, what: string, work: (conv: Pick<Inbound, 'channel' | 'conversationId' | 'user' | 'settingId'>) => Promise<Reply[]>): Promise<Reply[]> {
    const setting = who.settingId !== undefined ? this.settingFor(placeOf(who), who.settingId) : this.settingOf(placeOf(who));
    if (!setting) {
      this.log.warn('workspace_not_set_up', { channel: who.channel });
      return [{ type: 'error', text: this.d.content.catalog.notSetUp }];
    }
    try {
      const conv = { channel: who.channel, conversationId: who.conversationId, user: who.user, settingId: setting.id };
      const replies = await work(conv);
      return this.withRetentionNotice(who, setting, replies);
    } catch (err) {
      this.log.error('turn_failed', { channel: who.channel, what, code: errorCode(err) });
      return [{ type: 'error', text: render(this.d.content.catalog.dslNow, setting) }];
    }
  }

  private withRetentionNotice(who: Address, setting: SettingProfile, replies: Reply[]): Reply[] {
    const due = takeRetentionNotice({
      records: this.records(who.channel),
      channel: who.channel,
      conversationId: who.conversationId,
      underWay: this.d.runner.underWay(who.conversationId) || replies.some((r) => r.type === 'question'),
      now: this.d.clock(),
      gapMs: this.d.retentionGapMs ?? DEFAULT_RETENTION_GAP_MS,
    });
    return due ? [...replies, { type: 'footnote', text: render(this.d.content.catalog.chatRetention, setting) }] : replies;
  }

  /** The setting someone is in, or undefined where none is configured for their workspace. */
  private settingOf(where: Place | Actor): SettingProfile | undefined {
    const place = 'userId' in where ? { channel: where.channel, workspace: where.workspace, userId: where.userId } : where;
    const id = this.d.settingOf(place);
    return id ? this.d.content.settings.get(id) : undefined;
  }

  /** Like settingOf, with the console's own choice; throws unknown_setting where there is none. */
  private settingFor(where: Place, explicit?: string): SettingProfile {
    const setting = explicit !== undefined ? this.d.content.settings.get(explicit) : this.settingOf(where);
    if (!setting) throw new UnknownSettingError(explicit ?? where.workspace ?? where.channel, [...this.d.content.settings.keys()]);
    return setting;
  }

  /** Labels need a setting only for placeholders: where none is configured, any profile's serve. */
  private anySetting(): SettingProfile {
    return this.d.content.settings.values().next().value!;
  }

  private notSetUp(actor: Actor): { ok: false; say: Rich } {
    this.log.warn('workspace_not_set_up', { channel: actor.channel });
    return { ok: false, say: [this.d.content.catalog.notSetUp] };
  }

  private settingOfReport(settingId: string, fallback: SettingProfile): SettingProfile {
    return this.d.content.settings.get(settingId) ?? fallback;
  }

  /** The acknowledger's name when it is the person acting now (the platform told us), else undefined. */
  private ackName(stored: string | undefined, actor: Actor): string | undefined {
    return stored === `${actor.channel}:${actor.userId}` ? actor.name : undefined;
  }

  private whoWhen(template: string, setting: SettingProfile, reference: string, by: string, at: string, actor: Actor): Rich {
    const text = render(template, setting, { reference, who: tokenMark('who'), when: tokenMark('when') });
    return richFrom(text, { who: personFromStored(by, this.ackName(by, actor)), when: { time: at } });
  }
}

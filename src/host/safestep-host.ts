/**
 * SafeStep's ChannelHost: the one place that decides, for every channel alike, what a person is
 * told, who may see or act on a report (and logs each view), when the platform-retention notice is
 * due, what a failure looks like, and the quiz's outreach. Channels translate to and from it.
 */
import type { ContentBundle } from '../core/content';
import { labelsFor } from '../core/desk/labels';
import { reportLine } from '../core/desk/report-view';
import type { DslNotifier } from '../core/dsl-notifier';
import { errorCode } from '../core/errors';
import type { Rich } from '../core/host';
import type { Acknowledgement, Actor, Address, AuditView, CaseForm, CaseSaved, CaseSubmission, ChannelHost, ChannelRecords, DigestView, ExportView, HomeView, Labels, Outcome, QuizInvite, QuizResultsView, ReportView, TurnInput } from '../core/host';
import type { Casework } from '../core/case/casework';
import { DeskHost } from './desk-host';
import type { Inbound, Reply } from '../core/messages';
import type { SettingProfile } from '../core/model';
import type { ChannelRefStore, Clock, Logger, ReportStore } from '../core/ports';
import type { DeliveryStore } from '../core/delivery';
import type { ConversationRunner } from '../core/runner';
import { render } from '../core/template';
import type { QuizContent } from '../quiz/model';
import { buildQuizReport } from '../quiz/report';
import { resolveQuiz } from '../quiz/resolve';
import type { QuizRunner } from '../quiz/runner';
import type { QuizStore } from '../quiz/ports';
import { simplify } from '../core/input';
import { ChatRouter } from './chat-router';
import { channelRecords } from './records';
import { DEFAULT_RETENTION_GAP_MS, takeRetentionNotice } from './retention-notice';
import { quizResultsView } from './quiz-results';
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
  /** The setting a chat channel serves (the console names its own). */
  settingOf: (channel: string) => string | undefined;
  outreach?: QuizOutreach;
  clock: Clock;
  log: Logger;
  retentionGapMs?: number;
}

export class SafeStepHost implements ChannelHost {
  readonly log: Logger;
  private readonly chat: ChatRouter;
  /** The DSL's desk: full report, casework, audit, export, digest. */
  readonly desk: DeskHost;

  constructor(private readonly d: HostDeps) {
    this.log = d.log;
    this.desk = new DeskHost({
      content: d.content,
      reports: d.reports,
      deliveries: d.deliveries,
      casework: d.casework,
      isDsl: (channel, userId) => d.notifier.isDsl(channel, userId),
      acknowledge: (reference, channel, userId) => d.notifier.acknowledge(reference, channel, userId),
      settingFor: (channel) => this.settingFor(channel),
      clock: d.clock,
      log: d.log,
    });
    this.chat = new ChatRouter(d.runner, d.quiz, d.quizContent?.messages.commands.start ?? []);
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

  quizCommand(channel: string, text: string | undefined): 'start' | 'report' | undefined {
    if (text === undefined || !this.hasQuiz(channel)) return undefined;
    const said = simplify(text);
    const commands = this.d.quizContent!.messages.commands;
    if ((commands.report ?? []).some((p) => simplify(p) === said)) return 'report';
    if (commands.start.some((p) => simplify(p) === said)) return 'start';
    return undefined;
  }

  hasQuiz(channel: string): boolean {
    const settingId = this.d.settingOf(channel);
    return !!settingId && this.chat.hasQuiz(settingId);
  }

  async acknowledge(actor: Actor, reference: string): Promise<Outcome<Acknowledgement>> {
    return this.desk.acknowledge(actor, reference);
  }

  viewReport(actor: Actor, reference: string): Outcome<ReportView> {
    return this.desk.view(actor, reference);
  }

  caseForm(actor: Actor, reference: string, kind: CaseSubmission['kind']): Outcome<CaseForm> { return this.desk.form(actor, reference, kind); }

  submitCase(actor: Actor, submission: CaseSubmission): Outcome<CaseSaved> { return this.desk.submit(actor, submission); }

  reportAudit(actor: Actor, reference: string): Outcome<AuditView> { return this.desk.audit(actor, reference); }

  exportReport(actor: Actor, reference: string, format: 'cpoms' | 'myconcern'): Outcome<ExportView> { return this.desk.export(actor, reference, format); }

  digest(actor: Actor): Outcome<DigestView> { return this.desk.digest(actor); }

  home(actor: Actor): HomeView {
    const setting = this.settingFor(actor.channel);
    const { catalog } = this.d.content;
    const label = this.labels(actor.channel);
    const quiz = this.hasQuiz(actor.channel);
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
    if (!this.d.notifier.isDsl(actor.channel, actor.userId)) return view;
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
    const setting = this.settingFor(actor.channel);
    const content = this.d.quizContent;
    const quiz = content && resolveQuiz(content, setting, this.d.content.national);
    if (!content || !quiz) return { ok: false, say: [render(this.d.content.catalog.outOfScope, setting)] };
    if (!this.d.notifier.isDsl(actor.channel, actor.userId)) {
      this.log.warn('quiz_results_refused', { channel: actor.channel });
      return { ok: false, say: [render(content.messages.channel.notDsl, setting)] };
    }
    const filter = { settingId: setting.id };
    const questions = new Map(quiz.questions.map((q) => [q.id, q.text]));
    const report = buildQuizReport({
      attempts: this.d.quizStore.attempts(filter),
      answers: this.d.quizStore.answers(filter),
      attestations: this.d.quizStore.attestations(filter),
      questionText: (settingId, id) => (settingId === setting.id ? questions.get(id) : undefined),
      now: this.d.clock(),
    });
    const places = this.d.outreach?.places(actor.channel) ?? [];
    return { ok: true, value: quizResultsView(report, content.messages.channel, this.labels(actor.channel).policyVersion, setting, actor.channel, places) };
  }

  quizInvitation(actor: Actor): Outcome<QuizInvite> {
    const setting = this.settingFor(actor.channel);
    const invite = this.invites(actor.channel)?.channel;
    if (!invite) return { ok: false, say: [render(this.d.content.catalog.outOfScope, setting)] };
    if (!this.d.notifier.isDsl(actor.channel, actor.userId)) return { ok: false, say: [render(this.d.quizContent!.messages.channel.notDsl, setting)] };
    return { ok: true, value: invite };
  }

  async postQuizInvitation(actor: Actor, place: string): Promise<Outcome<Rich>> {
    const invitation = this.quizInvitation(actor);
    if (!invitation.ok) {
      this.log.warn('quiz_post_refused', { channel: actor.channel });
      return invitation;
    }
    const setting = this.settingFor(actor.channel);
    try {
      await this.d.outreach!.post(actor.channel, place);
      return { ok: true, value: [render(this.d.quizContent!.messages.channel.posted, setting)] };
    } catch (err) {
      this.log.warn('quiz_post_failed', { channel: actor.channel, code: errorCode(err) });
      return { ok: false, say: [errorCode(err)] };
    }
  }

  async memberJoined(channel: string, place: string, userId: string): Promise<void> {
    await this.d.outreach?.memberJoined(channel, place, userId);
  }

  labels(channel: string): Labels {
    return labelsFor(this.d.content.catalog, this.settingFor(channel));
  }

  records(channel: string): ChannelRecords {
    return channelRecords(this.d.channelRefs, channel, this.d.clock, this.log);
  }

  /** The quiz invitations for a channel's setting, when it has a quiz (for outreach). */
  invites(channel: string): { channel: QuizInvite; joined: QuizInvite; reminder: (days: number) => QuizInvite } | undefined {
    if (!this.hasQuiz(channel)) return undefined;
    const setting = this.settingFor(channel);
    const words = this.d.quizContent!.messages.channel;
    const quiz = resolveQuiz(this.d.quizContent!, setting, this.d.content.national)!;
    const startLabel = render(words.startButton, setting);
    const count = String(Math.min(quiz.questionsPerQuiz, quiz.questions.length));
    return {
      channel: { text: render(words.invite, setting, { count, passmark: String(quiz.passMark) }), startLabel, postLabel: render(words.postButton, setting) },
      joined: { text: render(words.joinedInvite, setting), startLabel },
      reminder: (days) => ({ text: render(words.reminder, setting, { days: String(days) }), startLabel }),
    };
  }

  /** Platform user ids who have passed the quiz of a channel's setting. */
  passed(channel: string): Set<string> {
    const settingId = this.d.settingOf(channel);
    if (!settingId) return new Set();
    return new Set(this.d.quizStore.attempts({ settingId }).filter((a) => a.passed && a.channel === channel).map((a) => a.user.id));
  }

  /** Runs a conversation call for the address's setting; a failure becomes the core's failure reply. */
  private async guard(who: Address, what: string, work: (conv: Pick<Inbound, 'channel' | 'conversationId' | 'user' | 'settingId'>) => Promise<Reply[]>): Promise<Reply[]> {
    let setting: SettingProfile | undefined;
    try {
      setting = this.settingFor(who.channel, who.settingId);
      const conv = { channel: who.channel, conversationId: who.conversationId, user: who.user, settingId: setting.id };
      const replies = await work(conv);
      return this.withRetentionNotice(who, setting, replies);
    } catch (err) {
      this.log.error('turn_failed', { channel: who.channel, what, code: errorCode(err) });
      if (!setting) throw err;
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

  private settingFor(channel: string, explicit?: string): SettingProfile {
    const id = explicit ?? this.d.settingOf(channel);
    const setting = id ? this.d.content.settings.get(id) : undefined;
    if (!setting) throw Object.assign(new Error(`no setting for ${channel}`), { code: 'unknown_setting' });
    return setting;
  }
}

/**
 * The induction quiz in Teams:
 *  - a DSL's "@SafeStep quiz" in a team channel posts the invitation card there (and remembers
 *    the channel); the DSL is told privately. Anyone else's "@SafeStep quiz" starts their own
 *    quiz in their personal chat, and nothing is posted in the channel;
 *  - "Start the quiz" on that card starts (or resumes) the presser's quiz in their personal chat,
 *    opening it if needed: questions, answers, explanations and the score never go to a channel;
 *  - a DSL's "quiz report" (or the results button) gets the staff results in their personal chat;
 *    anyone else gets the content's refusal there, and nothing else.
 * The DSL is recognised by AAD object id only, as for the report buttons. Translates only: the
 * quiz runner (through ChatService) decides what the quiz says.
 */
import type { Activity, TurnContext } from 'botbuilder';
import type { App } from '../../app';
import { simplify } from '../../core/input';
import type { Reply } from '../../core/messages';
import type { SettingProfile } from '../../core/model';
import { render } from '../../core/template';
import type { QuizContent } from '../../quiz/model';
import { buildQuizReport } from '../../quiz/report';
import { resolveQuiz } from '../../quiz/resolve';
import { codeOf } from './codes';
import { noticeCard } from './dsl-cards';
import { labelsFor } from './labels';
import { invitationCard, postedCard, resultsCards } from './quiz-cards';
import type { Reach } from './reach';
import { teamChannelOf, type RefBook } from './refs';
import { TEAMS_CHANNEL, isPersonal, teamsConversation } from './to-inbound';

export interface TeamsQuizDeps {
  app: App;
  settingId: string;
  setting: SettingProfile;
  refs: RefBook;
  reach: Reach;
}

export class TeamsQuiz {
  private readonly startPhrases: Set<string>;
  private readonly reportPhrases: Set<string>;

  constructor(private readonly d: TeamsQuizDeps) {
    const commands = d.app.quizContent?.messages.commands;
    this.startPhrases = new Set((commands?.start ?? []).map(simplify));
    this.reportPhrases = new Set((commands?.report ?? []).map(simplify));
  }

  /** The quiz content, when this setting has a quiz. */
  private get content(): QuizContent | undefined {
    return this.d.app.chat.hasQuiz(this.d.settingId) ? this.d.app.quizContent : undefined;
  }

  /** Whether a typed message asks to start the quiz ("quiz", "start quiz" …). */
  isStartCommand(text: string | undefined): boolean {
    return text !== undefined && this.content !== undefined && this.startPhrases.has(simplify(text));
  }

  /** Whether a typed message asks for the staff results ("quiz report" …). */
  isReportCommand(text: string | undefined): boolean {
    return text !== undefined && this.content !== undefined && this.reportPhrases.has(simplify(text));
  }

  /** True when the sender is one of the configured DSLs (by AAD object id only). */
  private isDsl(context: TurnContext): boolean {
    const id = context.activity.from?.aadObjectId;
    return !!id && this.d.app.notifier.isDsl(TEAMS_CHANNEL, id);
  }

  /**
   * "@SafeStep quiz" in a team channel, by a DSL: posts the invitation in that channel (a new
   * post, through the channel's stored reference) and tells the DSL privately. Returns false,
   * doing nothing, when the sender is not a DSL (their own quiz starts instead).
   */
  async invite(context: TurnContext): Promise<boolean> {
    const content = this.content;
    if (!content || isPersonal(context.activity) || !this.isDsl(context)) return false;
    const { app, setting } = this.d;
    const quiz = resolveQuiz(content, setting, app.content.national)!;
    const count = Math.min(quiz.questionsPerQuiz, quiz.questions.length);
    const card = invitationCard(content.messages, setting, { count, passMark: quiz.passMark });
    const channelId = teamChannelOf(context.activity);
    const ref = channelId ? this.d.refs.team(channelId) : undefined;
    if (ref) await this.d.reach.send(ref, card);
    else await context.sendActivity(card);
    if (channelId) {
      try {
        this.d.refs.rememberQuizChannel(channelId, context.activity.from!.aadObjectId!);
      } catch (err) {
        app.log.error('teams_reference_store_failed', { code: codeOf(err) });
      }
    }
    app.log.info('teams_quiz_invited', { channel: channelId ?? 'unknown' });
    await this.privately(context, postedCard(content.messages, setting));
    return true;
  }

  /** The person's quiz, started or resumed, as replies for their personal chat. */
  start(context: TurnContext): Promise<Reply[]> {
    this.d.app.log.info('teams_quiz_start', { personal: isPersonal(context.activity) });
    return this.d.app.chat.startQuiz(teamsConversation(context.activity, this.d.settingId));
  }

  /** The staff results for a DSL, or the refusal for anyone else: always in the personal chat. */
  async report(context: TurnContext): Promise<void> {
    const { app, setting, settingId } = this.d;
    const content = app.quizContent;
    if (!content) return;
    if (!this.isDsl(context)) {
      app.log.warn('teams_quiz_report_refused', {});
      await this.privately(context, noticeCard(render(content.messages.channel.notDsl, setting)));
      return;
    }
    const quiz = resolveQuiz(content, setting, app.content.national);
    const built = buildQuizReport({
      attempts: app.stores.quiz.attempts({ settingId }),
      answers: app.stores.quiz.answers({ settingId }),
      attestations: app.stores.quiz.attestations({ settingId }),
      questionText: (_setting, questionId) => quiz?.questions.find((q) => q.id === questionId)?.text,
      now: new Date(),
    });
    app.log.info('teams_quiz_report', { passed: built.passed.length, notPassed: built.notPassed.length });
    for (const card of resultsCards(built, content.messages, labelsFor(app.content.catalog, setting), setting)) await this.privately(context, card);
  }

  /** Sends to the sender's personal chat: this one, or theirs when they wrote in a channel. */
  private async privately(context: TurnContext, message: Partial<Activity>): Promise<void> {
    if (isPersonal(context.activity)) await context.sendActivity(message);
    else await this.d.reach.toPersonalChat(context, message);
  }
}

/**
 * The induction quiz's side of the host, decided once for every channel: the quiz commands, the
 * DSL's staff results, who may post the invitation (and posting it through quiz outreach), the
 * invitation texts outreach sends, and who has passed. DSLs only where it says so.
 */
import { errorCode } from '../core/errors';
import type { Actor, Outcome, Place, QuizInvite, QuizResultsView, Rich } from '../core/host';
import { labelsFor } from '../core/desk/labels';
import { simplify } from '../core/input';
import type { SettingProfile } from '../core/model';
import type { Clock, Logger } from '../core/ports';
import type { ContentBundle } from '../core/content';
import { render } from '../core/template';
import type { QuizContent } from '../quiz/model';
import type { QuizStore } from '../quiz/ports';
import { buildQuizReport } from '../quiz/report';
import { resolveQuiz } from '../quiz/resolve';
import type { QuizOutreach } from './quiz-outreach';
import { quizResultsView } from './quiz-results';

export interface QuizDeskDeps {
  content: ContentBundle;
  quizContent?: QuizContent;
  quizStore: QuizStore;
  outreach?: QuizOutreach;
  /** Whether a setting has a quiz (the quiz runner's answer). */
  settingHasQuiz: (settingId: string) => boolean;
  isDsl: (settingId: string, channel: string, userId: string) => boolean;
  settingOf: (where: Place) => string | undefined;
  /** The setting there; throws when none is configured. */
  settingFor: (where: Place) => SettingProfile;
  clock: Clock;
  log: Logger;
}

/** Where an actor is. */
const placeOf = (a: Actor): Place => ({ channel: a.channel, workspace: a.workspace, userId: a.userId });

/** The quiz decisions behind the ChannelHost's quiz methods. */
export class QuizDesk {
  constructor(private readonly d: QuizDeskDeps) {}

  quizCommand(where: Place, text: string | undefined): 'start' | 'report' | undefined {
    if (text === undefined || !this.hasQuiz(where)) return undefined;
    const said = simplify(text);
    const commands = this.d.quizContent!.messages.commands;
    if ((commands.report ?? []).some((p) => simplify(p) === said)) return 'report';
    if (commands.start.some((p) => simplify(p) === said)) return 'start';
    return undefined;
  }

  hasQuiz(where: Place): boolean {
    const settingId = this.d.settingOf(where);
    return !!settingId && this.d.settingHasQuiz(settingId);
  }

  quizResults(actor: Actor): Outcome<QuizResultsView> {
    const setting = this.d.settingFor(placeOf(actor));
    const content = this.d.quizContent;
    const quiz = content && resolveQuiz(content, setting, this.d.content.national);
    if (!content || !quiz) return { ok: false, say: [render(this.d.content.catalog.outOfScope, setting)] };
    if (!this.d.isDsl(setting.id, actor.channel, actor.userId)) {
      this.d.log.warn('quiz_results_refused', { channel: actor.channel });
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
    const places = this.d.outreach?.places(actor.channel, setting.id) ?? [];
    const policyLabel = labelsFor(this.d.content.catalog, setting).policyVersion;
    return { ok: true, value: quizResultsView(report, content.messages.channel, policyLabel, setting, actor.channel, places) };
  }

  quizInvitation(actor: Actor): Outcome<QuizInvite> {
    const setting = this.d.settingFor(placeOf(actor));
    const invite = this.invites(setting.id)?.channel;
    if (!invite) return { ok: false, say: [render(this.d.content.catalog.outOfScope, setting)] };
    if (!this.d.isDsl(setting.id, actor.channel, actor.userId)) return { ok: false, say: [render(this.d.quizContent!.messages.channel.notDsl, setting)] };
    return { ok: true, value: invite };
  }

  async postQuizInvitation(actor: Actor, place: string): Promise<Outcome<Rich>> {
    const invitation = this.quizInvitation(actor);
    if (!invitation.ok) {
      this.d.log.warn('quiz_post_refused', { channel: actor.channel });
      return invitation;
    }
    const setting = this.d.settingFor(placeOf(actor));
    try {
      await this.d.outreach!.post(actor.channel, place, setting.id);
      return { ok: true, value: [render(this.d.quizContent!.messages.channel.posted, setting)] };
    } catch (err) {
      this.d.log.warn('quiz_post_failed', { channel: actor.channel, code: errorCode(err) });
      return { ok: false, say: [errorCode(err)] };
    }
  }

  /** The quiz invitations of a setting, when it has a quiz (for outreach). */
  invites(settingId: string): { channel: QuizInvite; joined: QuizInvite; reminder: (days: number) => QuizInvite } | undefined {
    const setting = this.d.content.settings.get(settingId);
    if (!setting || !this.d.settingHasQuiz(settingId)) return undefined;
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

  /** Platform user ids who have passed a setting's quiz on a channel. */
  passed(settingId: string, channel: string): Set<string> {
    return new Set(this.d.quizStore.attempts({ settingId }).filter((a) => a.passed && a.channel === channel).map((a) => a.user.id));
  }
}

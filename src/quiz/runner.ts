/**
 * The quiz runner: what a channel adapter calls to run the induction quiz. It loads the
 * person's attempt, steps the pure engine, and commits the new state together with the answers
 * and attestation it produced (all or nothing) before anything is shown, so a restart resumes
 * mid-quiz and nothing is ever announced as recorded that is not. Messages of one conversation
 * are handled one at a time, in arrival order.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { ContentBundle } from '../core/content';
import { UnknownSettingError, errorCode } from '../core/errors';
import { KeyedQueue } from '../core/serial';
import type { Inbound, Reply } from '../core/messages';
import type { Clock, ConversationLock, DangerDetector, Logger } from '../core/ports';
import { render } from '../core/template';
import { beginAttempt, isCurrent, pauseAttempt, resumeAttempt, settingQuiz, stepQuiz, type QuizContext, type QuizStepResult } from './engine';
import { isAboutSomethingElse } from './handover';
import type { QuizContent } from './model';
import type { QuizStore } from './ports';
import { resolveQuiz } from './resolve';
import { isOpen, isResumable, type QuizState } from './state';

/** What the runner is built from. */
export interface QuizRunnerDeps {
  content: ContentBundle;
  quiz: QuizContent;
  store: QuizStore;
  clock: Clock;
  log: Logger;
  /** Says "call 999" first when a message signals a child in danger, as the chat does. */
  danger?: DangerDetector;
  /** Seeds for new attempts (tests pass a fixed one); random otherwise. */
  seed?: () => number;
  /** Questions per attempt, overriding each setting's questionsPerQuiz (e.g. `--questions`). */
  questions?: number;
  /** Serialises one conversation's steps across servers sharing the database (absent: this process only). */
  lock?: ConversationLock;
}

/** Who is taking the quiz, where. */
export type QuizConversation = Pick<Inbound, 'channel' | 'conversationId' | 'user' | 'settingId'>;

/** Runs the quiz for every channel: `start`, then `handle` each message; `isActive` for routing. */
export class QuizRunner {
  private readonly queue = new KeyedQueue();

  constructor(private readonly deps: QuizRunnerDeps) {}

  /** Whether the setting has a quiz bank. */
  hasQuiz(settingId: string): boolean {
    const setting = this.deps.content.settings.get(settingId);
    return !!setting && resolveQuiz(this.deps.quiz, setting, this.deps.content.national) !== undefined;
  }

  /**
   * Starts the quiz for a person: resumes their unfinished attempt in this setting (from any
   * conversation), or asks for the attestation they have not given yet, or begins a new attempt.
   */
  start(conv: QuizConversation): Promise<Reply[]> {
    return this.queue.run(conv.conversationId, () => this.locked(conv.conversationId, () => {
      this.requireQuiz(conv.settingId);
      const latest = this.tryLoad(() => this.deps.store.latestFor(conv.settingId, conv.user.id));
      const ctx = this.ctx();
      if (latest && isResumable(latest) && isCurrent(latest, settingQuiz(ctx, conv.settingId))) {
        const moved = { ...latest, conversationId: conv.conversationId, channel: conv.channel, user: { ...latest.user, ...conv.user } };
        return this.commit(resumeAttempt(moved, ctx));
      }
      const fresh = this.begin(conv, ctx);
      if (latest && isResumable(latest)) fresh.replies.unshift(this.text(conv.settingId, this.deps.quiz.messages.contentChanged));
      return this.commit(fresh);
    }));
  }

  /** Handles one message of a conversation whose quiz was started; returns the replies in order. */
  handle(inbound: Inbound): Promise<Reply[]> {
    return this.queue.run(inbound.conversationId, () => this.locked(inbound.conversationId, () => {
      this.requireQuiz(inbound.settingId);
      const state = this.tryLoad(() => this.deps.store.load(inbound.conversationId));
      const ctx = this.ctx();
      if (!state || state.settingId !== inbound.settingId || state.phase === 'done') {
        return [this.text(inbound.settingId, this.deps.quiz.messages.noQuiz)];
      }
      if (!isCurrent(state, settingQuiz(ctx, state.settingId))) {
        const fresh = this.begin(inbound, ctx);
        fresh.replies.unshift(this.text(inbound.settingId, this.deps.quiz.messages.contentChanged));
        return this.commit(fresh);
      }
      const { text, choice, questionId, files } = inbound;
      return this.commit(stepQuiz(state, { text, choice, questionId, files }, ctx));
    }));
  }

  /**
   * True when a message sent while this conversation's attempt waits is about something else (an
   * incident, a child in danger) and belongs to the safeguarding conversation: not a quiz button,
   * command or answer (see handover.ts). The caller then calls `pauseFor`.
   */
  handsOver(inbound: Inbound): boolean {
    if (inbound.questionId?.startsWith('quiz:') || !this.hasQuiz(inbound.settingId)) return false;
    const state = this.tryLoad(() => this.deps.store.load(inbound.conversationId));
    const ctx = this.ctx();
    if (!state || !isOpen(state) || state.settingId !== inbound.settingId || !isCurrent(state, settingQuiz(ctx, state.settingId))) return false;
    return isAboutSomethingElse(state, { text: inbound.text, choice: inbound.choice, files: inbound.files }, ctx);
  }

  /** Pauses this conversation's open attempt (progress kept) for a message handed over; returns the note saying so. */
  pauseFor(conv: QuizConversation): Promise<Reply[]> {
    return this.queue.run(conv.conversationId, () => this.locked(conv.conversationId, () => {
      const state = this.tryLoad(() => this.deps.store.load(conv.conversationId));
      if (!state || !isOpen(state)) return [];
      return this.commit(pauseAttempt(state, this.ctx()));
    }));
  }

  /** True while this conversation's attempt waits for an answer (not finished, not paused). */
  isActive(conversationId: string): boolean {
    const state = this.tryLoad(() => this.deps.store.load(conversationId));
    return !!state && isOpen(state);
  }

  /** Runs one step (load, advance, commit) under the conversation's lock when there is one. */
  private locked<T>(conversationId: string, work: () => T): T {
    return this.deps.lock ? this.deps.lock(conversationId, work) : work();
  }

  private ctx(): QuizContext {
    const { content, quiz, danger, clock } = this.deps;
    return { content, quiz, danger, now: clock() };
  }

  private requireQuiz(settingId: string): void {
    if (!this.hasQuiz(settingId)) throw new UnknownSettingError(settingId, [...this.deps.quiz.settings.keys()]);
  }

  private begin(conv: QuizConversation, ctx: QuizContext): QuizStepResult {
    const seed = this.deps.seed ? this.deps.seed() : randomBytes(4).readUInt32LE(0);
    const { channel, conversationId, user, settingId } = conv;
    return beginAttempt({ attemptId: randomUUID(), seed, channel, conversationId, user, settingId, questions: this.deps.questions }, ctx);
  }

  /** Commits state and effects; on failure shows only the save-failed message and keeps the old state. */
  private commit(result: QuizStepResult): Reply[] {
    try {
      this.deps.store.commit(result.state, result.effects);
      const answers = result.effects.filter((e) => e.type === 'record-answer').length;
      this.deps.log.info('quiz_step', { setting: result.state.settingId, phase: result.state.phase, answers });
      return result.replies;
    } catch (err) {
      this.deps.log.error('quiz_save_failed', { code: errorCode(err), setting: result.state.settingId });
      const danger = result.replies.filter((r) => r.type === 'danger');
      return [...danger, { type: 'error', text: render(this.deps.quiz.messages.saveFailed, this.setting(result.state.settingId)) }];
    }
  }

  private tryLoad(load: () => QuizState | undefined): QuizState | undefined {
    try {
      return load();
    } catch (err) {
      this.deps.log.error('quiz_load_failed', { code: errorCode(err) });
      return undefined;
    }
  }

  private setting(settingId: string) {
    const s = this.deps.content.settings.get(settingId);
    if (!s) throw new UnknownSettingError(settingId, [...this.deps.content.settings.keys()]);
    return s;
  }

  private text(settingId: string, text: string): Reply {
    return { type: 'text', text: render(text, this.setting(settingId)) };
  }

}


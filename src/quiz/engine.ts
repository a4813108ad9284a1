/**
 * The quiz engine: pure functions (state, input) → (state, replies, effects), like the chat
 * engine. It decides everything the quiz says and performs no I/O; the runner commits the state
 * and the effects (answers, attestation) together. Beginning, resuming and stepping an attempt.
 */
import type { ContentBundle } from '../core/content';
import { commandOf, pickChoice, simplify } from '../core/input';
import type { FileRef, Reply, UserRef } from '../core/messages';
import type { DangerDetector } from '../core/ports';
import { render } from '../core/template';
import { draw, roundRng, shuffle, type Rng } from './draw';
import type { QuizContent } from './model';
import type { QuizEffect } from './ports';
import { resolveQuiz, type SettingQuiz } from './resolve';
import { isPass, missedOf, scoreOf, type QuizItem, type QuizState } from './state';
import { CHOICES, promptChoices, promptId, pushExplanation, pushPrompt, pushResult, questionOf, say, type QuizTurn } from './turn';

/** What the engine needs besides the state. */
export interface QuizContext {
  content: ContentBundle;
  quiz: QuizContent;
  now: Date;
  danger?: DangerDetector;
}

/** One message from the person taking the quiz. */
export interface QuizInput {
  text?: string;
  choice?: string;
  /** The prompt a button answered (Inbound.questionId); a stale one is refused. */
  questionId?: string;
  files?: FileRef[];
}

/** The outcome of a step. */
export interface QuizStepResult {
  state: QuizState;
  replies: Reply[];
  effects: QuizEffect[];
}

/** Who is starting which attempt, with the seed that fixes its draw. */
export interface AttemptInit {
  attemptId: string;
  seed: number;
  conversationId: string;
  channel: string;
  user: UserRef;
  settingId: string;
  /** Overrides the setting's questionsPerQuiz. */
  questions?: number;
}

/** The setting's quiz, or throws if there is none (the runner checks first). */
export function settingQuiz(ctx: QuizContext, settingId: string): SettingQuiz {
  const setting = ctx.content.settings.get(settingId);
  const quiz = setting && resolveQuiz(ctx.quiz, setting, ctx.content.national);
  if (!quiz) throw new Error(`no quiz bank for setting "${settingId}"`);
  return quiz;
}

/** Whether every question and option the attempt refers to still exists in the bank. */
export function isCurrent(s: QuizState, quiz: SettingQuiz): boolean {
  const byId = new Map(quiz.questions.map((q) => [q.id, q]));
  const optionsExist = (item: QuizItem) => item.options.every((o) => byId.get(item.id)?.options.some((x) => x.id === o));
  return s.questions.every((id) => byId.has(id)) && s.items.every(optionsExist);
}

/** A working copy of one step (the state cloned, the setting's quiz and words resolved). */
export function turn(state: QuizState, ctx: QuizContext): QuizTurn {
  const setting = ctx.content.settings.get(state.settingId);
  if (!setting) throw new Error(`no setting profile "${state.settingId}"`);
  const s = structuredClone(state);
  s.updatedAt = ctx.now.toISOString();
  return { state: s, setting, quiz: settingQuiz(ctx, s.settingId), words: ctx.quiz.messages, chat: ctx.content.catalog, now: ctx.now, replies: [], effects: [] };
}

const done = (t: QuizTurn): QuizStepResult => ({ state: t.state, replies: t.replies, effects: t.effects });

function itemsFor(t: QuizTurn, ids: readonly string[], rng: Rng): QuizItem[] {
  return ids.map((id) => ({ id, options: shuffle((questionOf(t, id)?.options ?? []).map((o) => o.id), rng) }));
}

/** A new attempt: draws its questions (every area first), says what the quiz is and asks question 1. */
export function beginAttempt(init: AttemptInit, ctx: QuizContext): QuizStepResult {
  const quiz = settingQuiz(ctx, init.settingId);
  const at = ctx.now.toISOString();
  const n = Math.min(init.questions ?? quiz.questionsPerQuiz, quiz.questions.length);
  const rng = roundRng(init.seed, 1);
  const questions = draw(quiz.questions, n, rng).map((q) => q.id);
  const state: QuizState = {
    attemptId: init.attemptId, conversationId: init.conversationId, channel: init.channel, user: init.user, settingId: init.settingId,
    seed: init.seed, passMark: quiz.passMark, policyVersion: quiz.policyVersion, questions, round: 1, items: [], position: 0,
    results: {}, phase: 'question', paused: false, passed: false, startedAt: at, updatedAt: at,
  };
  const t = turn(state, ctx);
  t.state.items = itemsFor(t, questions, rng);
  say(t, t.words.intro, { count: String(questions.length), passmark: String(quiz.passMark) });
  pushPrompt(t);
  return done(t);
}

/** Picks an attempt up again: where it was, or (passed but not attested) the attestation. */
export function resumeAttempt(state: QuizState, ctx: QuizContext): QuizStepResult {
  const t = turn(state, ctx);
  t.state.paused = false;
  if (t.state.phase === 'done' && t.state.passed && !t.state.attestedAt) {
    t.state.phase = 'attest';
    say(t, t.words.attestReopen, { date: (t.state.passedAt ?? '').slice(0, 10) });
  } else {
    say(t, t.words.resume);
  }
  pushPrompt(t);
  return done(t);
}

/** Handles one message: an answer, a retake or attestation choice, or a command. */
export function stepQuiz(state: QuizState, input: QuizInput, ctx: QuizContext): QuizStepResult {
  const t = turn(state, ctx);
  t.state.paused = false;
  if (t.state.phase === 'done') {
    say(t, t.words.noQuiz);
    return done(t);
  }
  const text = (input.text ?? '').trim();
  // Danger first. The quiz cannot hold a message back for the danger question, so a possible
  // signal gets the (conditional) 999 reply too; in chat, such messages go to the conversation
  // instead (see handover.ts), which asks the question.
  // An option typed out is an answer, not a message about a child: its words are the quiz's own.
  const picksOption = text !== '' && pickChoice({ text }, promptChoices(t)) !== undefined;
  const verdict = text !== '' && !picksOption ? ctx.danger?.detect(text) : undefined;
  if (verdict?.danger || verdict?.question) t.replies.push({ type: 'danger', text: render(t.chat.danger, t.setting) });
  if (input.files && input.files.length > 0) {
    t.replies.push({ type: 'warning', text: render(t.chat.imageryWarning, t.setting) });
    if (text === '' && input.choice === undefined) return repeat(t);
  }
  if (input.choice === undefined && text !== '') {
    const said = simplify(text);
    if (t.words.commands.stop.some((c) => simplify(c) === said)) return pause(t);
    if (t.words.commands.help.some((c) => simplify(c) === said)) return repeat(t, t.words.help);
    if (commandOf(text, t.chat) === 'dslNow') return repeat(t, t.chat.dslNow);
  }
  const stale = input.choice !== undefined && input.questionId !== undefined && input.questionId !== promptId(t.state);
  const picked = stale ? undefined : pickChoice({ text, choice: input.choice }, promptChoices(t));
  if (!picked) return repeat(t, t.words.notAChoice);
  if (t.state.phase === 'question') answer(t, picked.id.slice(picked.id.lastIndexOf(':') + 1));
  else if (t.state.phase === 'retake-offer') decideRetake(t, picked.id === CHOICES.retakeYes);
  else attest(t, picked.id === CHOICES.attestYes, picked.label);
  return done(t);
}

/** Pauses the attempt (progress kept; the next start resumes it) and says so. */
export function pauseAttempt(state: QuizState, ctx: QuizContext): QuizStepResult {
  return pause(turn(state, ctx));
}

function pause(t: QuizTurn): QuizStepResult {
  t.state.paused = true;
  say(t, t.words.paused);
  return done(t);
}

function repeat(t: QuizTurn, text?: string): QuizStepResult {
  if (text) say(t, text);
  pushPrompt(t);
  return done(t);
}

function answer(t: QuizTurn, chosen: string): void {
  const s = t.state;
  const q = questionOf(t, s.items[s.position]!.id)!;
  const right = chosen === q.correct;
  s.results[q.id] = right;
  t.effects.push({
    type: 'record-answer',
    answer: { attemptId: s.attemptId, settingId: s.settingId, userId: s.user.id, questionId: q.id, area: q.area, round: s.round, chosen, correct: right, answeredAt: s.updatedAt },
  });
  pushExplanation(t, q, right);
  s.position += 1;
  if (s.position < s.items.length) return pushPrompt(t);
  s.passed = isPass(scoreOf(s), s.questions.length, s.passMark);
  if (s.passed) {
    s.passedAt = s.updatedAt;
    s.phase = 'attest';
  } else s.phase = 'retake-offer';
  pushResult(t);
  pushPrompt(t);
}

function decideRetake(t: QuizTurn, yes: boolean): void {
  const s = t.state;
  if (!yes) {
    s.phase = 'done';
    s.finishedAt = s.updatedAt;
    return say(t, t.words.retakeDeclined);
  }
  const missed = missedOf(s);
  s.round += 1;
  const rng = roundRng(s.seed, s.round);
  s.items = itemsFor(t, shuffle(missed, rng), rng);
  s.position = 0;
  s.phase = 'question';
  say(t, t.words.retakeStart, { missed: String(missed.length) });
  pushPrompt(t);
}

function attest(t: QuizTurn, yes: boolean, statement: string): void {
  const s = t.state;
  s.phase = 'done';
  s.finishedAt = s.updatedAt;
  if (!yes) return say(t, t.words.attestLater);
  s.attestedAt = s.updatedAt;
  t.effects.push({
    type: 'record-attestation',
    attestation: { attemptId: s.attemptId, settingId: s.settingId, user: s.user, statement, policyVersion: s.policyVersion, attestedAt: s.updatedAt },
  });
  say(t, t.words.attested, { date: s.updatedAt.slice(0, 10), version: s.policyVersion });
}

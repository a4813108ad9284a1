/**
 * One engine step's working copy (the "turn") and the replies built from it: the current
 * prompt (question, retake offer or attestation), the explanation after an answer and the
 * end-of-round result. Pure; builds replies, never performs I/O.
 */
import type { Catalog } from '../core/catalog';
import type { Reply, ReplyChoice } from '../core/messages';
import type { SettingProfile } from '../core/model';
import { render } from '../core/template';
import type { QuizCatalog } from './model';
import type { QuizEffect } from './ports';
import type { ResolvedQuestion, SettingQuiz } from './resolve';
import { missedOf, percentOf, scoreOf, type QuizState } from './state';

/** The working copy of one step. */
export interface QuizTurn {
  state: QuizState;
  setting: SettingProfile;
  quiz: SettingQuiz;
  words: QuizCatalog;
  /** The chat's catalogue: danger, imagery warning and "I need the DSL now" wording. */
  chat: Catalog;
  now: Date;
  replies: Reply[];
  effects: QuizEffect[];
}

/** Reply id of the retake offer. */
export const RETAKE_ID = 'quiz:retake';
/** Reply id of the attestation question. */
export const ATTEST_ID = 'quiz:attest';

/** Choice ids of the non-question prompts. */
export const CHOICES = { retakeYes: 'retake:yes', retakeNo: 'retake:no', attestYes: 'attest:yes', attestNotYet: 'attest:not-yet' } as const;

/** Adds a text reply rendered for the setting. */
export function say(t: QuizTurn, text: string, vars: Record<string, string> = {}): void {
  t.replies.push({ type: 'text', text: render(text, t.setting, vars) });
}

/** The resolved question with this id (undefined only if the content changed under an attempt). */
export function questionOf(t: QuizTurn, id: string): ResolvedQuestion | undefined {
  return t.quiz.questions.find((q) => q.id === id);
}

/** The reply id of what the attempt is waiting for: `quiz:<question id>`, `quiz:retake` or `quiz:attest`. */
export function promptId(s: QuizState): string {
  if (s.phase === 'retake-offer') return RETAKE_ID;
  if (s.phase === 'attest') return ATTEST_ID;
  return `quiz:${s.items[s.position]?.id ?? ''}`;
}

/** The choices of the current prompt, in the order shown. */
export function promptChoices(t: QuizTurn): ReplyChoice[] {
  const s = t.state;
  const r = (text: string) => render(text, t.setting);
  if (s.phase === 'retake-offer') return [{ id: CHOICES.retakeYes, label: r(t.words.retakeYes) }, { id: CHOICES.retakeNo, label: r(t.words.retakeNo) }];
  if (s.phase === 'attest') return [{ id: CHOICES.attestYes, label: r(t.words.attestYes) }, { id: CHOICES.attestNotYet, label: r(t.words.attestNotYet) }];
  const item = s.items[s.position];
  const q = item && questionOf(t, item.id);
  if (!item || !q) return [];
  return item.options.map((o) => ({ id: `${q.id}:${o}`, label: q.options.find((x) => x.id === o)?.text ?? o }));
}

/** Adds the current prompt (nothing once the attempt is done). */
export function pushPrompt(t: QuizTurn): void {
  const s = t.state;
  if (s.phase === 'done') return;
  const choices = promptChoices(t);
  if (s.phase === 'retake-offer') {
    const text = render(t.words.retakeOffer, t.setting, { missed: String(missedOf(s).length) });
    t.replies.push({ type: 'question', id: RETAKE_ID, text, choices });
    return;
  }
  if (s.phase === 'attest') {
    t.replies.push({ type: 'question', id: ATTEST_ID, text: render(t.words.attestQuestion, t.setting), choices });
    return;
  }
  const q = questionOf(t, s.items[s.position]?.id ?? '');
  const template = s.round === 1 ? t.words.question : t.words.retakeQuestion;
  const vars = { number: String(s.position + 1), count: String(s.items.length), question: q?.text ?? '' };
  t.replies.push({ type: 'question', id: promptId(s), text: render(template, t.setting, vars), choices });
}

/** "Right." or "Not quite - the answer is …", then the explanation, carrying the question's citations. */
export function pushExplanation(t: QuizTurn, q: ResolvedQuestion, right: boolean): void {
  const answer = (q.options.find((o) => o.id === q.correct)?.text ?? '').replace(/[.\s]+$/, '');
  const verdict = right ? render(t.words.right, t.setting) : render(t.words.wrong, t.setting, { answer });
  t.replies.push({ type: 'text', text: `${verdict} ${q.explanation}`, citations: q.citations });
}

/** The end-of-round result: score, pass or not, and the questions still missed. */
export function pushResult(t: QuizTurn): void {
  const s = t.state;
  const score = scoreOf(s);
  const total = s.questions.length;
  const vars = { score: String(score), total: String(total), percent: String(percentOf(score, total)), passmark: String(s.passMark) };
  const lines = [render(s.passed ? t.words.resultPassed : t.words.resultFailed, t.setting, vars)];
  const missed = missedOf(s);
  if (missed.length > 0) {
    lines.push(render(t.words.missedHeading, t.setting, { missed: String(missed.length) }));
    for (const id of missed) lines.push(`- ${questionOf(t, id)?.text ?? id}`);
  }
  t.replies.push({ type: 'quiz-result', score, total, passed: s.passed, text: lines.join('\n') });
}

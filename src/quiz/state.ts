/**
 * An attempt at the induction quiz between messages: plain JSON, saved after every step, so an
 * attempt resumes exactly where it was after a restart (same questions, same order, same seed).
 */
import type { UserRef } from '../core/messages';

/**
 * Where the attempt is: asking a question, offering a retake of the missed ones, asking for
 * the attestation after a pass, or finished (passed and attested or not, or retake declined).
 */
export type QuizPhase = 'question' | 'retake-offer' | 'attest' | 'done';

/** One question of the current round, with its options in the order shown in this attempt. */
export interface QuizItem {
  id: string;
  options: string[];
}

/** The saved state of one attempt. */
export interface QuizState {
  attemptId: string;
  conversationId: string;
  channel: string;
  user: UserRef;
  settingId: string;
  /** Seeds the draw and every shuffle of this attempt. */
  seed: number;
  passMark: number;
  /** The documents and bank versions the attempt was drawn from. */
  policyVersion: string;
  /** The attempt's questions, in the order first asked. */
  questions: string[];
  /** 1 for the first go; 2, 3 … for retakes of the missed questions. */
  round: number;
  /** The current round's questions in order. */
  items: QuizItem[];
  /** Index into `items` of the question being asked. */
  position: number;
  /** Question id → whether its latest answer was right. */
  results: Record<string, boolean>;
  phase: QuizPhase;
  /** Set by "stop quiz": the attempt waits, and chat channels route messages elsewhere. */
  paused: boolean;
  passed: boolean;
  startedAt: string;
  updatedAt: string;
  passedAt?: string;
  finishedAt?: string;
  attestedAt?: string;
}

/** Questions answered right on their latest try. */
export function scoreOf(s: QuizState): number {
  return s.questions.filter((q) => s.results[q] === true).length;
}

/** Questions whose latest answer was wrong, in attempt order. */
export function missedOf(s: QuizState): string[] {
  return s.questions.filter((q) => s.results[q] === false);
}

/** Whether `score` out of `total` reaches a pass mark given in per cent. */
export function isPass(score: number, total: number, passMark: number): boolean {
  return total > 0 && score * 100 >= passMark * total;
}

/** Score as a whole percentage. */
export function percentOf(score: number, total: number): number {
  return total === 0 ? 0 : Math.round((score * 100) / total);
}

/** Whether the attempt is waiting for an answer (a chat channel should route messages to it). */
export function isOpen(s: QuizState): boolean {
  return s.phase !== 'done' && !s.paused;
}

/** Whether a later start should pick this attempt up again rather than begin a new one. */
export function isResumable(s: QuizState): boolean {
  return s.phase !== 'done' || (s.passed && s.attestedAt === undefined);
}

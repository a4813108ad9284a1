/**
 * What the quiz needs from storage, and the records it keeps: every answer (for the DSL's
 * "most missed" list) and every attestation (with the policy versions it was given against).
 * SQLite implementation in src/store/sqlite-quiz.ts; in-memory twin in src/store/memory-quiz.ts.
 */
import type { UserRef } from '../core/messages';
import type { QuizState } from './state';

/** One answer given in an attempt. */
export interface QuizAnswerRecord {
  attemptId: string;
  settingId: string;
  userId: string;
  questionId: string;
  area: string;
  round: number;
  /** The option id chosen. */
  chosen: string;
  correct: boolean;
  answeredAt: string;
}

/** "I have read and understood the policy", given after a pass. */
export interface QuizAttestationRecord {
  attemptId: string;
  settingId: string;
  user: UserRef;
  /** The statement exactly as the person confirmed it. */
  statement: string;
  policyVersion: string;
  attestedAt: string;
}

/** A record the engine asks the runner to keep, committed together with the attempt's state. */
export type QuizEffect =
  | { type: 'record-answer'; answer: QuizAnswerRecord }
  | { type: 'record-attestation'; attestation: QuizAttestationRecord };

/** Filter for the DSL's report. */
export interface QuizFilter {
  settingId?: string;
}

/** Keeps attempts, answers and attestations. `commit` is all or nothing. */
export interface QuizStore {
  /** The latest attempt taken in this conversation, or undefined. */
  load(conversationId: string): QuizState | undefined;
  /** The person's latest attempt in this setting (any conversation), or undefined. */
  latestFor(settingId: string, userId: string): QuizState | undefined;
  /** Saves the attempt and keeps the effects' records in one transaction; store_write_error if not. */
  commit(state: QuizState, effects: readonly QuizEffect[]): void;
  /** Every attempt, oldest first. */
  attempts(filter?: QuizFilter): QuizState[];
  /** Every answer, oldest first. */
  answers(filter?: QuizFilter): QuizAnswerRecord[];
  /** Every attestation, oldest first. */
  attestations(filter?: QuizFilter): QuizAttestationRecord[];
}

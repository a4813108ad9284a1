/**
 * The in-memory twin of SqliteQuizStore: same "latest attempt" rules, same all-or-nothing
 * commit (including the one-answer-per-question-per-round and one-attestation-per-attempt
 * constraints), copies in and out. For tests and for running without a database.
 */
import { StoreError } from '../core/errors';
import type { QuizAnswerRecord, QuizAttestationRecord, QuizEffect, QuizFilter, QuizStore } from '../quiz/ports';
import type { QuizState } from '../quiz/state';

/** QuizStore in arrays; lost when the process ends. */
export class MemoryQuizStore implements QuizStore {
  private readonly states: QuizState[] = [];
  private readonly answerList: QuizAnswerRecord[] = [];
  private readonly attestationList: QuizAttestationRecord[] = [];

  /** The latest attempt taken in this conversation, or undefined. */
  load(conversationId: string): QuizState | undefined {
    return copy(this.states.filter((s) => s.conversationId === conversationId).at(-1));
  }

  /** The person's latest attempt in this setting, or undefined. */
  latestFor(settingId: string, userId: string): QuizState | undefined {
    return copy(this.states.filter((s) => s.settingId === settingId && s.user.id === userId).at(-1));
  }

  /** Saves the attempt and its records; throws store_write_error (saving nothing) on a duplicate record. */
  commit(state: QuizState, effects: readonly QuizEffect[]): void {
    for (const e of effects) {
      const clash =
        e.type === 'record-answer'
          ? this.answerList.some((a) => a.attemptId === e.answer.attemptId && a.round === e.answer.round && a.questionId === e.answer.questionId)
          : this.attestationList.some((a) => a.attemptId === e.attestation.attemptId);
      if (clash) throw new StoreError('store_write_error', 'The quiz answer could not be saved (already recorded)');
    }
    const at = this.states.findIndex((s) => s.attemptId === state.attemptId);
    if (at >= 0) this.states[at] = structuredClone(state);
    else this.states.push(structuredClone(state));
    for (const e of effects) {
      if (e.type === 'record-answer') this.answerList.push(structuredClone(e.answer));
      else this.attestationList.push(structuredClone(e.attestation));
    }
  }

  /** Every attempt, oldest first. */
  attempts(filter: QuizFilter = {}): QuizState[] {
    return this.states.filter((s) => matches(s, filter)).map((s) => structuredClone(s));
  }

  /** Every answer, oldest first. */
  answers(filter: QuizFilter = {}): QuizAnswerRecord[] {
    return this.answerList.filter((a) => matches(a, filter)).map((a) => structuredClone(a));
  }

  /** Every attestation, oldest first. */
  attestations(filter: QuizFilter = {}): QuizAttestationRecord[] {
    return this.attestationList.filter((a) => matches(a, filter)).map((a) => structuredClone(a));
  }
}

function matches(x: { settingId: string }, filter: QuizFilter): boolean {
  return filter.settingId === undefined || x.settingId === filter.settingId;
}

function copy(s: QuizState | undefined): QuizState | undefined {
  return s === undefined ? undefined : structuredClone(s);
}

/**
 * A QuizStore that cannot save: every `commit` throws store_write_error, so the quiz says it
 * could not record anything instead of claiming a pass or attestation. Used when the database
 * cannot be opened.
 */
export class FailingQuizStore implements QuizStore {
  /** Nothing was ever saved here. */
  load(_conversationId: string): QuizState | undefined {
    return undefined;
  }

  /** Nothing was ever saved here. */
  latestFor(_settingId: string, _userId: string): QuizState | undefined {
    return undefined;
  }

  /** Always throws store_write_error. */
  commit(_state: QuizState, _effects: readonly QuizEffect[]): void {
    throw new StoreError('store_write_error', 'The quiz store is unavailable, so the answer was not saved');
  }

  /** Nothing was ever saved here. */
  attempts(_filter?: QuizFilter): QuizState[] {
    return [];
  }

  /** Nothing was ever saved here. */
  answers(_filter?: QuizFilter): QuizAnswerRecord[] {
    return [];
  }

  /** Nothing was ever saved here. */
  attestations(_filter?: QuizFilter): QuizAttestationRecord[] {
    return [];
  }
}

/**
 * The quiz tables' rows as both databases store them, and the records they are. Shared by the
 * SQLite and PostgreSQL stores so the two can never read a row differently.
 */
import type { QuizAnswerRecord, QuizAttestationRecord } from '../quiz/ports';

/** One row of `quiz_answers`. */
export interface AnswerRow {
  attempt_id: string;
  setting_id: string;
  user_id: string;
  question_id: string;
  area: string;
  round: number;
  chosen: string;
  correct: number;
  answered_at: string;
}

/** One row of `quiz_attestations`. */
export interface AttestationRow {
  attempt_id: string;
  setting_id: string;
  user_id: string;
  user_name: string | null;
  statement: string;
  policy_version: string;
  attested_at: string;
}

/** The answer a row holds. */
export function toAnswer(r: AnswerRow): QuizAnswerRecord {
  return {
    attemptId: r.attempt_id, settingId: r.setting_id, userId: r.user_id, questionId: r.question_id, area: r.area,
    round: r.round, chosen: r.chosen, correct: Number(r.correct) === 1, answeredAt: r.answered_at,
  };
}

/** The attestation a row holds. */
export function toAttestation(r: AttestationRow): QuizAttestationRecord {
  return {
    attemptId: r.attempt_id, settingId: r.setting_id, user: { id: r.user_id, ...(r.user_name === null ? {} : { name: r.user_name }) },
    statement: r.statement, policyVersion: r.policy_version, attestedAt: r.attested_at,
  };
}

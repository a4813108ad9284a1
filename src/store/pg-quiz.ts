/**
 * Keeps induction-quiz attempts, answers and attestations in PostgreSQL (migration 2). An
 * attempt's state and the records of one step are committed in one transaction, as in SQLite.
 */
import type { QuizAnswerRecord, QuizAttestationRecord, QuizEffect, QuizFilter, QuizStore } from '../quiz/ports';
import { toAnswer, toAttestation, type AnswerRow, type AttestationRow } from './quiz-rows';
import { scoreOf, type QuizState } from '../quiz/state';
import type { SyncPg } from './pg-sync';
import { toStoreError } from './store-error';

export class PgQuizStore implements QuizStore {
  constructor(private readonly db: SyncPg) {}

  load(conversationId: string): QuizState | undefined {
    return parse(this.db.one<{ state: string }>('SELECT state FROM quiz_attempts WHERE conversation_id = $1 ORDER BY seq DESC LIMIT 1', [conversationId]));
  }

  latestFor(settingId: string, userId: string): QuizState | undefined {
    return parse(this.db.one<{ state: string }>('SELECT state FROM quiz_attempts WHERE setting_id = $1 AND user_id = $2 ORDER BY seq DESC LIMIT 1', [settingId, userId]));
  }

  commit(state: QuizState, effects: readonly QuizEffect[]): void {
    try {
      this.db.transaction(() => {
        this.db.run(
          `INSERT INTO quiz_attempts (attempt_id, conversation_id, setting_id, user_id, phase, score, total, passed, policy_version, started_at, updated_at, passed_at, state)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
           ON CONFLICT (attempt_id) DO UPDATE SET conversation_id = excluded.conversation_id, phase = excluded.phase, score = excluded.score,
             passed = excluded.passed, updated_at = excluded.updated_at, passed_at = excluded.passed_at, state = excluded.state`,
          [
            state.attemptId, state.conversationId, state.settingId, state.user.id, state.phase, scoreOf(state), state.questions.length,
            state.passed ? 1 : 0, state.policyVersion, state.startedAt, state.updatedAt, state.passedAt ?? null, JSON.stringify(state),
          ],
        );
        for (const e of effects) {
          if (e.type === 'record-answer') {
            const a = e.answer;
            this.db.run(
              `INSERT INTO quiz_answers (attempt_id, setting_id, user_id, question_id, area, round, chosen, correct, answered_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
              [a.attemptId, a.settingId, a.userId, a.questionId, a.area, a.round, a.chosen, a.correct ? 1 : 0, a.answeredAt],
            );
          } else {
            const a = e.attestation;
            this.db.run(
              `INSERT INTO quiz_attestations (attempt_id, setting_id, user_id, user_name, statement, policy_version, attested_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7)`,
              [a.attemptId, a.settingId, a.user.id, a.user.name ?? null, a.statement, a.policyVersion, a.attestedAt],
            );
          }
        }
      });
    } catch (err) {
      throw toStoreError('store_write_error', 'The quiz answer could not be saved', err);
    }
  }

  attempts(filter: QuizFilter = {}): QuizState[] {
    return this.rows<{ state: string }>('quiz_attempts', 'seq', filter).map((r) => JSON.parse(r.state) as QuizState);
  }

  answers(filter: QuizFilter = {}): QuizAnswerRecord[] {
    return this.rows<AnswerRow>('quiz_answers', 'id', filter).map(toAnswer);
  }

  attestations(filter: QuizFilter = {}): QuizAttestationRecord[] {
    return this.rows<AttestationRow>('quiz_attestations', 'id', filter).map(toAttestation);
  }

  private rows<T>(table: string, order: string, filter: QuizFilter): T[] {
    return filter.settingId === undefined
      ? this.db.query<T>(`SELECT * FROM ${table} ORDER BY ${order}`)
      : this.db.query<T>(`SELECT * FROM ${table} WHERE setting_id = $1 ORDER BY ${order}`, [filter.settingId]);
  }
}

function parse(row: { state: string } | undefined): QuizState | undefined {
  return row === undefined ? undefined : (JSON.parse(row.state) as QuizState);
}

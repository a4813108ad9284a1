/**
 * Keeps induction-quiz attempts, answers and attestations in SQLite (migration 5). An attempt's
 * state and the records of one step are committed in one IMMEDIATE transaction, so a restart
 * finds the attempt exactly as the person last saw it, with every answer it counted.
 */
import type { Statement } from 'better-sqlite3';
import type { QuizAnswerRecord, QuizAttestationRecord, QuizEffect, QuizFilter, QuizStore } from '../quiz/ports';
import { toAnswer, toAttestation, type AnswerRow, type AttestationRow } from './quiz-rows';
import { scoreOf, type QuizState } from '../quiz/state';
import type { Database } from './sqlite';
import { toStoreError } from './store-error';

const bySetting = (table: string, order: string) => ({
  all: `SELECT * FROM ${table} ORDER BY ${order}`,
  one: `SELECT * FROM ${table} WHERE setting_id = ? ORDER BY ${order}`,
});

/** QuizStore on an open, migrated database (see openDatabase). Does not close it. */
export class SqliteQuizStore implements QuizStore {
  private readonly byConversation: Statement<[string], string>;
  private readonly byPerson: Statement<[string, string], string>;
  private readonly upsert: Statement<[Record<string, string | number | null>]>;
  private readonly insertAnswer: Statement<[Record<string, string | number>]>;
  private readonly insertAttestation: Statement<[Record<string, string | null>]>;

  constructor(private readonly db: Database) {
    this.byConversation = db.prepare<[string], string>('SELECT state FROM quiz_attempts WHERE conversation_id = ? ORDER BY seq DESC LIMIT 1').pluck();
    this.byPerson = db.prepare<[string, string], string>('SELECT state FROM quiz_attempts WHERE setting_id = ? AND user_id = ? ORDER BY seq DESC LIMIT 1').pluck();
    this.upsert = db.prepare(
      `INSERT INTO quiz_attempts (attempt_id, conversation_id, setting_id, user_id, phase, score, total, passed, policy_version, started_at, updated_at, passed_at, state)
       VALUES (@attemptId, @conversationId, @settingId, @userId, @phase, @score, @total, @passed, @policyVersion, @startedAt, @updatedAt, @passedAt, @state)
       ON CONFLICT (attempt_id) DO UPDATE SET conversation_id = excluded.conversation_id, phase = excluded.phase, score = excluded.score,
         passed = excluded.passed, updated_at = excluded.updated_at, passed_at = excluded.passed_at, state = excluded.state`,
    );
    this.insertAnswer = db.prepare(
      `INSERT INTO quiz_answers (attempt_id, setting_id, user_id, question_id, area, round, chosen, correct, answered_at)
       VALUES (@attemptId, @settingId, @userId, @questionId, @area, @round, @chosen, @correct, @answeredAt)`,
    );
    this.insertAttestation = db.prepare(
      `INSERT INTO quiz_attestations (attempt_id, setting_id, user_id, user_name, statement, policy_version, attested_at)
       VALUES (@attemptId, @settingId, @userId, @userName, @statement, @policyVersion, @attestedAt)`,
    );
  }

  /** The latest attempt taken in this conversation, or undefined. */
  load(conversationId: string): QuizState | undefined {
    return parse(this.byConversation.get(conversationId));
  }

  /** The person's latest attempt in this setting, or undefined. */
  latestFor(settingId: string, userId: string): QuizState | undefined {
    return parse(this.byPerson.get(settingId, userId));
  }

  /** Saves the attempt and its records in one transaction; store_write_error if it cannot. */
  commit(state: QuizState, effects: readonly QuizEffect[]): void {
    try {
      this.db
        .transaction(() => {
          this.upsert.run({
            attemptId: state.attemptId, conversationId: state.conversationId, settingId: state.settingId, userId: state.user.id,
            phase: state.phase, score: scoreOf(state), total: state.questions.length, passed: state.passed ? 1 : 0,
            policyVersion: state.policyVersion, startedAt: state.startedAt, updatedAt: state.updatedAt, passedAt: state.passedAt ?? null,
            state: JSON.stringify(state),
          });
          for (const e of effects) {
            if (e.type === 'record-answer') this.insertAnswer.run({ ...e.answer, correct: e.answer.correct ? 1 : 0 });
            else {
              const { user, ...a } = e.attestation;
              this.insertAttestation.run({ ...a, userId: user.id, userName: user.name ?? null });
            }
          }
        })
        .immediate();
    } catch (err) {
      throw toStoreError('store_write_error', 'The quiz answer could not be saved', err);
    }
  }

  /** Every attempt, oldest first. */
  attempts(filter: QuizFilter = {}): QuizState[] {
    return this.rows<{ state: string }>('quiz_attempts', 'seq', filter).map((r) => JSON.parse(r.state) as QuizState);
  }

  /** Every answer, oldest first. */
  answers(filter: QuizFilter = {}): QuizAnswerRecord[] {
    return this.rows<AnswerRow>('quiz_answers', 'id', filter).map(toAnswer);
  }

  /** Every attestation, oldest first. */
  attestations(filter: QuizFilter = {}): QuizAttestationRecord[] {
    return this.rows<AttestationRow>('quiz_attestations', 'id', filter).map(toAttestation);
  }

  private rows<T>(table: string, order: string, filter: QuizFilter): T[] {
    const sql = bySetting(table, order);
    return filter.settingId === undefined
      ? (this.db.prepare(sql.all).all() as T[])
      : (this.db.prepare(sql.one).all(filter.settingId) as T[]);
  }
}

function parse(data: string | undefined): QuizState | undefined {
  return data === undefined ? undefined : (JSON.parse(data) as QuizState);
}

/**
 * The quiz stores: SQLite (migration 5) and its in-memory twin behave the same — latest attempt
 * per conversation and per person, all-or-nothing commits, records read back by setting.
 */
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { QuizStore } from '../../src/quiz/ports';
import type { QuizState } from '../../src/quiz/state';
import { MemoryQuizStore } from '../../src/store/memory-quiz';
import { openDatabase } from '../../src/store/sqlite';
import { SqliteQuizStore } from '../../src/store/sqlite-quiz';
import { makeTempDir } from '../store/fixtures';

function attempt(overrides: Partial<QuizState> = {}): QuizState {
  return {
    attemptId: 'att-1', conversationId: 'dm-1', channel: 'test', user: { id: 'u1', name: 'Ana' }, settingId: 'upton-junior', seed: 1,
    passMark: 80, policyVersion: 'doc (approved 2022); quiz bank shared v1, upton-junior v1', questions: ['q1', 'q2'], round: 1,
    items: [{ id: 'q1', options: ['a', 'b', 'c'] }, { id: 'q2', options: ['c', 'a', 'b'] }], position: 0, results: {}, phase: 'question',
    paused: false, passed: false, startedAt: '2026-01-05T09:00:00.000Z', updatedAt: '2026-01-05T09:00:00.000Z', ...overrides,
  };
}

const answer = (questionId: string, correct: boolean, round = 1) => ({
  type: 'record-answer' as const,
  answer: { attemptId: 'att-1', settingId: 'upton-junior', userId: 'u1', questionId, area: 'x', round, chosen: 'a', correct, answeredAt: '2026-01-05T09:01:00.000Z' },
});

let temp: ReturnType<typeof makeTempDir>;
const dbs: BetterSqlite3.Database[] = [];
beforeEach(() => (temp = makeTempDir()));
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
  temp.cleanup();
});

const makers: [string, () => QuizStore][] = [
  ['memory', () => new MemoryQuizStore()],
  ['sqlite', () => {
    const db = openDatabase(path.join(temp.dir, 'q.db'));
    dbs.push(db);
    return new SqliteQuizStore(db);
  }],
];

describe.each(makers)('%s quiz store', (_name, make) => {
  test('keeps the latest attempt per conversation and per person, and updates in place', () => {
    const store = make();
    expect(store.load('dm-1')).toBeUndefined();
    store.commit(attempt(), []);
    store.commit(attempt({ position: 1, results: { q1: true } }), [answer('q1', true)]);
    expect(store.load('dm-1')).toMatchObject({ position: 1, results: { q1: true } });
    store.commit(attempt({ attemptId: 'att-2', conversationId: 'slack-dm', startedAt: '2026-02-01T09:00:00.000Z' }), []);
    expect(store.latestFor('upton-junior', 'u1')?.attemptId).toBe('att-2');
    expect(store.load('dm-1')?.attemptId).toBe('att-1');
    expect(store.attempts().map((a) => a.attemptId)).toEqual(['att-1', 'att-2']);
    expect(store.attempts({ settingId: 'headcorn-primary' })).toEqual([]);
  });

  test('a commit is all or nothing', () => {
    const store = make();
    store.commit(attempt(), [answer('q1', false)]);
    expect(() => store.commit(attempt({ position: 2 }), [answer('q2', true), answer('q1', true)])).toThrow(expect.objectContaining({ code: 'store_write_error' }));
    expect(store.load('dm-1')?.position).toBe(0);
    expect(store.answers().map((a) => [a.questionId, a.correct])).toEqual([['q1', false]]);
    store.commit(attempt({ round: 2 }), [answer('q1', true, 2)]);
    expect(store.answers({ settingId: 'upton-junior' })).toHaveLength(2);
  });

  test('keeps the attestation with its statement and policy version', () => {
    const store = make();
    store.commit(attempt({ phase: 'done', passed: true, attestedAt: '2026-01-05T10:00:00.000Z' }), [{
      type: 'record-attestation',
      attestation: { attemptId: 'att-1', settingId: 'upton-junior', user: { id: 'u1', name: 'Ana' }, statement: 'I have read and understood', policyVersion: 'v-1', attestedAt: '2026-01-05T10:00:00.000Z' },
    }]);
    expect(store.attestations()).toEqual([{ attemptId: 'att-1', settingId: 'upton-junior', user: { id: 'u1', name: 'Ana' }, statement: 'I have read and understood', policyVersion: 'v-1', attestedAt: '2026-01-05T10:00:00.000Z' }]);
  });
});

test('migration 5 creates the quiz tables, and a restart reads the attempt back', () => {
  const file = path.join(temp.dir, 'restart.db');
  const first = openDatabase(file);
  new SqliteQuizStore(first).commit(attempt({ position: 1, results: { q1: false } }), [answer('q1', false)]);
  first.close();
  const db = openDatabase(file);
  dbs.push(db);
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'quiz_%' ORDER BY name").pluck().all();
  expect(tables).toEqual(['quiz_answers', 'quiz_attempts', 'quiz_attestations']);
  expect(new SqliteQuizStore(db).load('dm-1')).toEqual(attempt({ position: 1, results: { q1: false } }));
  expect(db.prepare('SELECT phase, score, total, passed FROM quiz_attempts').get()).toEqual({ phase: 'question', score: 0, total: 2, passed: 0 });
});

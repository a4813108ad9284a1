/**
 * The DSL's quiz report: who has passed (date, score, attestation, policy version), who has
 * started but not passed, and the most-missed questions; as CSV safe to open in a spreadsheet.
 * Ordered by name, never by score.
 */
import { buildQuizReport } from '../../src/quiz/report';
import { quizReportCsv, quizReportTable } from '../../src/quiz/report-format';
import type { QuizAnswerRecord } from '../../src/quiz/ports';
import type { QuizState } from '../../src/quiz/state';

const base: QuizState = {
  attemptId: 'a1', conversationId: 'c', channel: 'test', user: { id: 'u1', name: 'Zed Adams' }, settingId: 'upton-junior', seed: 1, passMark: 80,
  policyVersion: 'pv-1', questions: ['q1', 'q2', 'q3', 'q4', 'q5'], round: 1, items: [], position: 0, results: {}, phase: 'question', paused: false,
  passed: false, startedAt: '2026-01-05T09:00:00.000Z', updatedAt: '2026-01-05T09:10:00.000Z',
};
const all = { q1: true, q2: true, q3: true, q4: true, q5: true };
const ans = (userId: string, questionId: string, correct: boolean): QuizAnswerRecord => ({ attemptId: 'x', settingId: 'upton-junior', userId, questionId, area: 'a', round: 1, chosen: 'a', correct, answeredAt: '2026-01-05T09:05:00.000Z' });

const report = buildQuizReport({
  attempts: [
    { ...base, results: all, passed: true, passedAt: '2026-01-05T09:10:00.000Z', phase: 'done', attestedAt: '2026-01-05T09:11:00.000Z' },
    { ...base, attemptId: 'a2', user: { id: 'u2', name: '=HYPERLINK("x")' }, results: { ...all, q5: false }, passed: true, passedAt: '2026-01-06T09:00:00.000Z', phase: 'done' },
    { ...base, attemptId: 'a3', user: { id: 'u3', name: 'Amy "Bee" Cole' }, results: { q1: false, q2: true }, position: 2 },
    { ...base, attemptId: 'a4', user: { id: 'u4', name: 'Bo, Dee' }, results: { q1: false, q2: false, q3: false, q4: true, q5: true }, phase: 'done', updatedAt: '2026-01-07T09:00:00.000Z' },
  ],
  answers: [ans('u2', 'q5', false), ans('u3', 'q1', false), ans('u4', 'q1', false), ans('u1', 'q1', true), ans('u4', 'q2', false)],
  attestations: [{ attemptId: 'a1', settingId: 'upton-junior', user: { id: 'u1' }, statement: 'I have read', policyVersion: 'pv-1 attested', attestedAt: '2026-01-05T09:11:00.000Z' }],
  questionText: (_s, id) => (id === 'q1' ? 'What do you do first?' : undefined),
  now: new Date('2026-01-08T00:00:00Z'),
});

test('passed: by name, with date, score, attestation and policy version', () => {
  expect(report.passed.map((p) => [p.name, p.passedAt, p.score, p.total, p.attested, p.policyVersion])).toEqual([
    ['=HYPERLINK("x")', '2026-01-06T09:00:00.000Z', 4, 5, false, 'pv-1'],
    ['Zed Adams', '2026-01-05T09:10:00.000Z', 5, 5, true, 'pv-1 attested'],
  ]);
});

test('started but not passed, and the most-missed questions', () => {
  expect(report.notPassed.map((p) => [p.name, p.status, p.answered, p.score])).toEqual([['Amy "Bee" Cole', 'in progress', 2, 1], ['Bo, Dee', 'retake declined', 5, 2]]);
  expect(report.mostMissed.map((m) => [m.questionId, m.missed, m.asked, m.question])).toEqual([['q1', 2, 3, 'What do you do first?'], ['q2', 1, 1, ''], ['q5', 1, 1, '']]);
});

test('CSV: RFC 4180 quoting, formulas defused, one section column', () => {
  const csv = quizReportCsv(report);
  const lines = csv.split('\r\n');
  expect(lines[0]).toBe('section,setting_id,user_id,name,status,started_at,passed_at,last_activity,score,total,percent,attested,attested_at,policy_version,question_id,question,area,asked,missed');
  expect(lines[1]).toBe(`passed,upton-junior,u2,"'=HYPERLINK(""x"")",passed,2026-01-05T09:00:00.000Z,2026-01-06T09:00:00.000Z,,4,5,80,no,,pv-1,,,,,`);
  expect(lines[3]).toContain('not-passed,upton-junior,u3,"Amy ""Bee"" Cole",in progress');
  expect(lines[4]).toContain('"Bo, Dee",retake declined');
  expect(lines[5]).toBe('most-missed,upton-junior,,,,,,,,,,,,,q1,What do you do first?,a,3,2');
  expect(csv.endsWith('\r\n')).toBe(true);
  expect(lines.filter(Boolean).every((l) => l.split(',').length >= 19)).toBe(true);
});

test('the terminal table has the three sections and no ranking by score', () => {
  const text = quizReportTable(report);
  expect(text).toMatch(/^PASSED \(2\)\n/);
  expect(text).toContain('STARTED BUT NOT PASSED (2)');
  expect(text).toContain('MOST MISSED QUESTIONS');
  expect(text).toContain('yes, 2026-01-05');
});

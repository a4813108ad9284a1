/**
 * The induction quiz through the real CLI process (`safestep quiz --json`) and a real SQLite
 * file: explanations with citations after each answer, the score, a retake of exactly the missed
 * questions, the attestation stored with the policy versions, a crash mid-quiz that resumes, and
 * `safestep quiz report --format csv` for the DSL. Needs a build (npm test runs one).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { runCli, type JsonReply } from '../support/cli-process';
import { realQuiz } from './fixture';
import { QuizProcess } from './quiz-process';

let dataDir: string;
let env: Record<string, string>;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'safestep-quiz-'));
  env = { SAFESTEP_DATA_DIR: dataDir, SAFESTEP_LOG_LEVEL: 'silent' };
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const upton = realQuiz('upton-junior');
const ARGS = ['--setting', 'upton-junior', '--user', 't1', '--name', 'Tess Teacher'];
type Question = { type: 'question'; id: string; text: string; choices: { id: string; label: string }[] };
const lastQuestion = (rs: JsonReply[]) => rs.filter((r) => r.type === 'question').at(-1) as unknown as Question;
const qid = (q: Question) => q.id.replace(/^quiz:/, '');

/** Answers the current question, right or wrong; checks the explanation and its citations. */
async function answer(quiz: QuizProcess, replies: JsonReply[], right: boolean): Promise<JsonReply[]> {
  const q = lastQuestion(replies);
  const question = upton.questions.find((x) => x.id === qid(q))!;
  const option = right ? question.correct : question.options.find((o) => o.id !== question.correct)!.id;
  const next = await quiz.send({ choice: `${question.id}:${option}` });
  expect(next[0]).toMatchObject({ type: 'text', text: expect.stringMatching(right ? /^Right\. / : /^Not quite - the answer is: /) });
  expect(next[0]!.text).toContain(question.explanation);
  expect(next[0]!.citations).toEqual(question.citations);
  return next;
}

test('a whole quiz: crash and resume mid-quiz, fail, retake the missed, pass, attest; then the DSL report', async () => {
  const first = new QuizProcess(ARGS, env);
  let replies = await first.untilAwait();
  expect(replies[0]).toMatchObject({ type: 'text', text: expect.stringContaining("Upton Junior School's induction quiz") });
  expect(lastQuestion(replies)).toMatchObject({ id: expect.stringMatching(/^quiz:/), text: expect.stringMatching(/^Question 1 of 10: /) });
  const asked: string[] = [];
  for (let i = 0; i < 4; i++) {
    asked.push(qid(lastQuestion(replies)));
    replies = await answer(first, replies, i >= 3);
  }
  const fifth = lastQuestion(replies);
  await first.kill();

  const second = new QuizProcess(ARGS, env);
  replies = await second.untilAwait();
  expect(replies[0]).toMatchObject({ type: 'text', text: expect.stringContaining('Welcome back') });
  expect(lastQuestion(replies).text).toMatch(/^Question 5 of 10: /);
  expect(lastQuestion(replies)).toEqual(fifth);
  for (let i = 4; i < 10; i++) {
    asked.push(qid(lastQuestion(replies)));
    replies = await answer(second, replies, true);
  }
  const missed = asked.slice(0, 3);
  expect(replies.find((r) => r.type === 'quiz-result')).toMatchObject({ type: 'quiz-result', score: 7, total: 10, passed: false });
  expect(lastQuestion(replies)).toMatchObject({ id: 'quiz:retake' });

  replies = await second.send({ choice: 'retake:yes' });
  const retaken: string[] = [];
  while (lastQuestion(replies).id.startsWith('quiz:') && !['quiz:retake', 'quiz:attest'].includes(lastQuestion(replies).id)) {
    expect(lastQuestion(replies).text).toMatch(/^Retake \d of 3: /);
    retaken.push(qid(lastQuestion(replies)));
    replies = await answer(second, replies, true);
  }
  expect(retaken.sort()).toEqual([...missed].sort());
  expect(replies.find((r) => r.type === 'quiz-result')).toMatchObject({ score: 10, total: 10, passed: true });
  expect(lastQuestion(replies)).toMatchObject({ id: 'quiz:attest' });
  replies = await second.send({ choice: 'attest:yes' });
  expect(replies).toEqual([{ type: 'text', text: expect.stringContaining('recorded on') }]);
  expect(await second.end()).toBe(0);

  const other = new QuizProcess(['--setting', 'upton-junior', '--user', 't2', '--name', '=Sam, "Temp"'], env);
  const otherFirst = await other.untilAwait();
  const otherMissed = qid(lastQuestion(otherFirst));
  await answer(other, otherFirst, false);
  expect(await other.end()).toBe(0);

  const db = new BetterSqlite3(path.join(dataDir, 'safestep.db'), { readonly: true });
  try {
    const attestation = db.prepare('SELECT user_id, user_name, statement, policy_version FROM quiz_attestations').all();
    expect(attestation).toEqual([{ user_id: 't1', user_name: 'Tess Teacher', statement: "I have read and understood Upton Junior School's policy", policy_version: upton.policyVersion }]);
    expect(upton.policyVersion).toContain('upton-junior-mobile-smart-tech-and-social-media-2022 (approved Term 1 2022; review due');
    expect(db.prepare("SELECT COUNT(*) FROM quiz_answers WHERE user_id = 't1'").pluck().get()).toBe(13);
    expect(db.prepare("SELECT phase, score, total, passed FROM quiz_attempts WHERE user_id = 't1'").get()).toEqual({ phase: 'done', score: 10, total: 10, passed: 1 });
  } finally {
    db.close();
  }

  const csv = runCli(['quiz', 'report', '--setting', 'upton-junior', '--format', 'csv'], env);
  expect(csv.status).toBe(0);
  const lines = csv.stdout.split('\r\n');
  expect(lines[0]).toMatch(/^section,setting_id,user_id,name,status,/);
  expect(lines[1]).toMatch(/^passed,upton-junior,t1,Tess Teacher,passed,[^,]+,[^,]+,,10,10,100,yes,[^,]+,/);
  expect(lines[1]).toContain(upton.policyVersion.split(';')[0]);
  expect(lines[2]).toMatch(/^not-passed,upton-junior,t2,"'=Sam, ""Temp""",in progress,/);
  const missedIds = lines.filter((l) => l.startsWith('most-missed,')).map((l) => l.split(',')[14]);
  expect(missedIds.sort()).toEqual([...new Set([...missed, otherMissed])].sort());
  const text = upton.questions.find((q) => q.id === missed[0])!.text;
  expect(csv.stdout).toContain(`most-missed,upton-junior,,,,,,,,,,,,,${missed[0]},`);
  expect(csv.stdout).toContain(text.includes(',') || text.includes('"') ? `"${text.replace(/"/g, '""')}"` : text);

  const table = runCli(['quiz', 'report'], env);
  expect(table.stdout).toContain('PASSED (1)');
  expect(table.stdout).toContain('STARTED BUT NOT PASSED (1)');
});

test('usage errors and an unknown setting', () => {
  expect(runCli(['quiz', '--json'], env, '').status).toBe(2);
  const unknown = runCli(['quiz', '--json', '--setting', 'hogwarts'], env, '');
  expect(unknown.status).toBe(2);
  expect(unknown.stderr).toContain('Unknown setting "hogwarts"');
  expect(runCli(['quiz', 'report', '--format', 'xml'], env).status).toBe(2);
  expect(runCli(['quiz', 'report', '--format', 'json'], env).stdout).toContain('"passed": []');
});

/**
 * Exactly once, whatever instant the process dies: a real `safestep chat --json` process with a
 * real SQLite file is killed with SIGKILL at a random instant around the answer that files a
 * report, 50 times. After each kill a new process resumes the conversation: either no report was
 * committed and the last question is still open (answering it again files one), or one report
 * was committed and the conversation is past it. Never two, never none.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ChatProcess, type JsonReply } from '../support/cli-process';

const TRIALS = 50;
const AT_ONCE = 2;
const FINAL = { text: 'Phone locked in the office' };
const STEPS: object[] = [
  { text: 'found a nude photo on a year 6 pupils phone' },
  { choice: 'device-with-me' },
  { choice: 'risk-no' },
  { text: 'Sam, 6B' },
  { text: 'Saw it when I took the phone' },
  { text: 'skip' },
  { text: 'skip' },
];

let dataDir: string;
let env: Record<string, string>;
beforeAll(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'safestep-crash-'));
  env = { SAFESTEP_DATA_DIR: dataDir, SAFESTEP_LOG_LEVEL: 'silent' };
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/**
 * Reports filed by one person, read straight from the database file. Read-write, not read-only:
 * a commit whose WAL frames reached the disk just before SIGKILL, but not the shared WAL index, is
 * seen by a connection that can recover the index, while a read-only one may still read the older
 * snapshot for a moment (seen here as "0 filed" and then a conversation past the question).
 */
function reportsBy(user: string): number {
  const db = new Database(path.join(dataDir, 'safestep.db'), { fileMustExist: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM reports WHERE reporter_id = ?').get(user) as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Starts a chat for `user` and walks it to the last question before filing. */
async function upToTheLastAnswer(user: string): Promise<ChatProcess> {
  const chat = new ChatProcess(['--setting', 'upton-junior', '--user', user], env);
  await chat.untilAwait();
  let replies: JsonReply[] = [];
  for (const step of STEPS) replies = await chat.send(step);
  // The walk must end at the last report question, or a failure later would be misread.
  expect(last(replies)).toMatchObject({ type: 'question', id: 'record.actions' });
  return chat;
}

const last = (rs: JsonReply[]) => rs[rs.length - 1];

/** One trial: kill `delayMs` after the filing answer is written, then resume in a new process. */
async function trial(n: number, delayMs: number): Promise<'before' | 'after'> {
  const user = `crash-${n}`;
  const chat = await upToTheLastAnswer(user);
  chat.write(JSON.stringify(FINAL));
  await new Promise((resolve) => setTimeout(resolve, delayMs));
  await chat.kill('SIGKILL');
  expect([0, 1]).toContain(reportsBy(user));

  const again = new ChatProcess(['--setting', 'upton-junior', '--user', user], env);
  try {
    return await resume(again, user);
  } finally {
    // A failed expectation must not leave the process running (jest would never exit).
    await again.kill('SIGKILL');
  }
}

async function resume(again: ChatProcess, user: string): Promise<'before' | 'after'> {
  const resumed = await again.untilAwait();
  // Counted once the new process has opened the database and shown where the conversation is, so
  // both read the same committed state.
  const committed = reportsBy(user);
  expect([0, 1]).toContain(committed);
  if (committed === 0) {
    // Nothing was filed: the question is still open, and answering it files exactly one.
    expect(last(resumed)).toMatchObject({ type: 'question', freeText: true });
    const filed = await again.send(FINAL);
    expect(filed[0]).toMatchObject({ type: 'report' });
  } else {
    // Filed: the conversation is past the question, so nothing is asked twice.
    expect(JSON.stringify(resumed)).not.toContain('"freeText":true');
  }
  await again.end();
  expect(reportsBy(user)).toBe(1);
  return committed === 0 ? 'before' : 'after';
}

test(`SIGKILL at ${TRIALS} random instants around filing: every report filed exactly once`, async () => {
  // How long the filing answer takes here, so the kills spread over before, during and after it.
  const probe = await upToTheLastAnswer('probe');
  const started = process.hrtime.bigint();
  await probe.send(FINAL);
  const turnMs = Number(process.hrtime.bigint() - started) / 1e6;
  await probe.end();
  const window = Math.max(2, turnMs * 2);

  const outcomes: string[] = [];
  for (let n = 0; n < TRIALS; n += AT_ONCE) {
    const batch = Array.from({ length: Math.min(AT_ONCE, TRIALS - n) }, (_, i) => trial(n + i, Math.random() * window));
    outcomes.push(...(await Promise.all(batch)));
  }
  expect(outcomes).toHaveLength(TRIALS);
  // The kills must land on both sides of the commit, or the test proves nothing.
  expect(outcomes).toContain('before');
  expect(outcomes).toContain('after');
}, 300_000);

/**
 * The DSL outbox across a crash, with real processes: SafeStep (`node dist/src/main.js`, Slack over
 * HTTP, a real SQLite file) against a fake Slack Web API on loopback that can hang posts. Each DSL
 * recipient is sent on its own, so a hanging DSL-channel post never holds up a DSL's DM; and when
 * the process is killed (SIGKILL) with deliveries still pending, the next process sends every one
 * of them, and nothing already sent is sent again.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { FakeSlackApi, textOf } from '../slack/fake-slack-api';
import { DEPUTY, DSL, DSL_CHANNEL, SECRET, STAFF, dmOf, slackClient } from '../slack/harness';
import { walkNudeImageFlow } from '../slack/walk';
import { ROOT } from '../support/cli-process';
import { startServerProcess, type ServerProcess } from '../support/server-process';

let fake: FakeSlackApi;
let dataDir: string;
beforeEach(async () => {
  fake = new FakeSlackApi();
  await fake.start();
  fake.users.set(STAFF, { real_name: 'Jo Pike', title: 'TA' });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'safestep-outbox-'));
});
afterEach(async () => {
  await fake.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Starts SafeStep serving Slack against the fake Web API, on the test's data folder. */
function startSafeStep(): Promise<ServerProcess> {
  return startServerProcess(ROOT, {
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.url,
    SLACK_DSL_CHANNEL: DSL_CHANNEL,
    SLACK_DSL_USERS: `${DSL},${DEPUTY}`,
    SAFESTEP_SETTING: 'upton-junior',
    SAFESTEP_DATA_DIR: dataDir,
    SAFESTEP_LOG_LEVEL: 'silent',
    PORT: '0',
  });
}

/** Posts of the report's notice to a target, and how many Slack answered. */
const postsOf = (target: string, reference: string) => fake.of('chat.postMessage', target).filter((c) => textOf(c.args.blocks).includes(reference));
const answered = (target: string, reference: string) => postsOf(target, reference).filter((c) => c.response.ok === true);

function deliveryRows(reference: string): [string, string][] {
  const db = new Database(path.join(dataDir, 'safestep.db'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT target, status FROM deliveries WHERE reference = ? ORDER BY id').all(reference) as { target: string; status: string }[]).map((r) => [r.target, r.status]);
  } finally {
    db.close();
  }
}

/** Files one report through Slack on a running SafeStep. */
async function fileReport(port: number): Promise<string> {
  const client = slackClient(`http://127.0.0.1:${port}/slack/events`, fake.url);
  return (await walkNudeImageFlow({ fake, dm: client.dm, click: client.click })).reference;
}

test('a hanging DSL-channel post never holds up the DMs; killed with it pending, the next process sends it, once', async () => {
  fake.hangPostTo.add(DSL_CHANNEL);
  const first = await startSafeStep();
  let reference = '';
  try {
    reference = await fileReport(first.port);
    // Both DSLs have their DM while the channel post is still hanging, and SafeStep has recorded
    // both as sent (Slack answering comes a moment before the row is marked: under load, killing
    // in that moment would leave a sent DM pending, which is the other test's case, not this one).
    const dmsRecorded = () => deliveryRows(reference).filter(([t, s]) => (t === DSL || t === DEPUTY) && s === 'sent').length === 2;
    await fake.waitFor(() => (answered(dmOf(DSL), reference).length === 1 && answered(dmOf(DEPUTY), reference).length === 1 && postsOf(DSL_CHANNEL, reference).length === 1 && dmsRecorded() ? true : undefined), 'the DMs');
    expect(answered(DSL_CHANNEL, reference)).toEqual([]);
  } finally {
    await first.kill('SIGKILL');
  }
  expect(deliveryRows(reference)).toEqual([[`place:${DSL_CHANNEL}`, 'pending'], [DSL, 'sent'], [DEPUTY, 'sent']]);

  fake.hangPostTo.clear();
  const second = await startSafeStep();
  try {
    await fake.waitFor(() => (answered(DSL_CHANNEL, reference).length === 1 ? true : undefined), 'the channel post after the restart');
    await fake.waitFor(() => (deliveryRows(reference).every(([, status]) => status === 'sent') ? true : undefined), 'every delivery recorded as sent');
    expect(answered(dmOf(DSL), reference)).toHaveLength(1);
    expect(answered(dmOf(DEPUTY), reference)).toHaveLength(1);
  } finally {
    await second.kill('SIGKILL');
  }
}, 90_000);

test('killed while every DSL post hangs, the next process delivers every notice exactly once', async () => {
  for (const target of [DSL_CHANNEL, dmOf(DSL), dmOf(DEPUTY)]) fake.hangPostTo.add(target);
  const first = await startSafeStep();
  let reference = '';
  try {
    reference = await fileReport(first.port);
    await fake.waitFor(() => (postsOf(dmOf(DEPUTY), reference).length === 1 ? true : undefined), 'the hanging posts');
  } finally {
    await first.kill('SIGKILL');
  }
  expect(deliveryRows(reference).map(([, status]) => status)).toEqual(['pending', 'pending', 'pending']);

  fake.hangPostTo.clear();
  const second = await startSafeStep();
  try {
    await fake.waitFor(() => (deliveryRows(reference).every(([, status]) => status === 'sent') ? true : undefined), 'every delivery sent after the restart');
    for (const target of [DSL_CHANNEL, dmOf(DSL), dmOf(DEPUTY)]) expect(answered(target, reference)).toHaveLength(1);
  } finally {
    await second.kill('SIGKILL');
  }
}, 90_000);

/**
 * Graceful shutdown with a real process (`node dist/src/main.js`, Slack over HTTP, a real SQLite
 * file, a fake Slack Web API on loopback that answers slowly): SIGTERM arrives while the turn
 * that files a report is in flight. New requests get 503 at once; the turn finishes, the report
 * is committed, every DSL notice and the reporter's "filed" message are delivered exactly once,
 * and the process exits 0 within its grace period. A shutdown that cannot finish in time still
 * exits 0 within the bound, leaving the unsent notices pending for the next start.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { FakeSlackApi, textOf } from '../slack/fake-slack-api';
import { DEPUTY, DSL, DSL_CHANNEL, SECRET, STAFF, dmOf, slackClient } from '../slack/harness';
import { ACCOUNT, walkNudeImageFlow } from '../slack/walk';
import { ROOT } from '../support/cli-process';
import { startServerProcess, type ServerProcess } from '../support/server-process';

const GRACE_S = 6;
let fake: FakeSlackApi;
let dataDir: string;
beforeEach(async () => {
  fake = new FakeSlackApi();
  await fake.start();
  fake.users.set(STAFF, { real_name: 'Jo Pike', title: 'TA' });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'safestep-sigterm-'));
});
afterEach(async () => {
  await fake.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

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
    SAFESTEP_SHUTDOWN_GRACE_SECONDS: String(GRACE_S),
    PORT: '0',
  });
}

function rows(sql: string, ...args: unknown[]): unknown[] {
  const db = new Database(path.join(dataDir, 'safestep.db'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...args);
  } finally {
    db.close();
  }
}

const postsOf = (target: string, reference: string) => fake.of('chat.postMessage', target).filter((c) => textOf(c.args.blocks).includes(reference));

/**
 * Walks the flow to its last answer; just after that answer is acknowledged, Slack's Web API
 * turns slow (`slow`) and SIGTERM is sent. Resolves with the report's
 * reference, the exit code, how long the exit took after SIGTERM, and what a request sent while
 * stopping got.
 */
async function fileWhileStopping(server: ServerProcess, slow: () => void): Promise<{ reference: string; code: number | null; exitMs: number; duringStop: number }> {
  const client = slackClient(`http://127.0.0.1:${server.port}/slack/events`, fake.url);
  const exited = new Promise<number | null>((resolve) => server.child.once('exit', (code) => resolve(code)));
  let signalledAt = 0;
  let duringStop = Promise.resolve(0);
  const dm: typeof client.dm = async (user, text, extra) => {
    if (text !== ACCOUNT.actions) return client.dm(user, text, extra);
    slow();
    const acked = await client.dm(user, text, extra);
    // The turn is now under way (Slack was answered first); stop the server in the middle of it.
    await new Promise((r) => setTimeout(r, 200));
    signalledAt = Date.now();
    server.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    duringStop = fetch(`http://127.0.0.1:${server.port}/healthz`).then((r) => r.status, () => -1);
    return acked;
  };
  const { reference } = await walkNudeImageFlow({ fake, dm, click: client.click });
  const code = await exited;
  return { reference, code, exitMs: Date.now() - signalledAt, duringStop: await duringStop };
}

test('SIGTERM during the filing turn: 503 for new requests, the turn and its notices finish, each delivered once, exit 0', async () => {
  const server = await startSafeStep();
  try {
    const { reference, code, exitMs, duringStop } = await fileWhileStopping(server, () => fake.delays.set('chat.postMessage', 1500));
    expect(code).toBe(0);
    expect(exitMs).toBeLessThan(GRACE_S * 1000 + 1500);
    expect(duringStop).toBe(503);
    expect(rows('SELECT reference FROM reports')).toEqual([{ reference }]);
    expect(rows('SELECT target, status, attempts FROM deliveries WHERE reference = ? ORDER BY id', reference)).toEqual([
      { target: `place:${DSL_CHANNEL}`, status: 'sent', attempts: 1 },
      { target: DSL, status: 'sent', attempts: 1 },
      { target: DEPUTY, status: 'sent', attempts: 1 },
    ]);
    for (const target of [DSL_CHANNEL, dmOf(DSL), dmOf(DEPUTY)]) {
      expect(postsOf(target, reference)).toHaveLength(1);
      expect(postsOf(target, reference)[0]!.answered).toBe(true);
    }
    // The reporter was told it was filed, once, before the process left.
    const filed = postsOf(dmOf(STAFF), reference).filter((c) => textOf(c.args.blocks).includes('Filed for the DSL'));
    expect(filed).toHaveLength(1);
    expect(filed[0]!.answered).toBe(true);
  } finally {
    await server.kill('SIGKILL');
  }
}, 90_000);

test('a shutdown that cannot finish in time still exits 0 within the bound; the next start sends what was left, once', async () => {
  const server = await startSafeStep();
  let reference = '';
  try {
    // Slack never answers these posts: the grace period runs out.
    const stopped = await fileWhileStopping(server, () => [DSL_CHANNEL, dmOf(DSL), dmOf(DEPUTY), dmOf(STAFF)].forEach((c) => fake.hangPostTo.add(c)));
    reference = stopped.reference;
    expect(stopped.code).toBe(0);
    expect(stopped.exitMs).toBeLessThan(GRACE_S * 1000 + 2500);
    expect(stopped.exitMs).toBeGreaterThanOrEqual(GRACE_S * 1000 - 1000);
  } finally {
    await server.kill('SIGKILL');
  }
  expect(rows('SELECT reference FROM reports')).toEqual([{ reference }]);
  expect((rows('SELECT status FROM deliveries WHERE reference = ?', reference) as { status: string }[]).map((r) => r.status)).toEqual(['pending', 'pending', 'pending']);

  fake.hangPostTo.clear();
  const before = fake.calls.length;
  const next = await startSafeStep();
  try {
    await fake.waitFor(() => ((rows('SELECT status FROM deliveries WHERE reference = ?', reference) as { status: string }[]).every((r) => r.status === 'sent') ? true : undefined), 'the notices after the restart');
    for (const target of [DSL_CHANNEL, dmOf(DSL), dmOf(DEPUTY)]) {
      expect(fake.calls.slice(before).filter((c) => c.method === 'chat.postMessage' && c.args.channel === target && textOf(c.args.blocks).includes(reference))).toHaveLength(1);
    }
  } finally {
    await next.kill('SIGKILL');
  }
}, 90_000);

/**
 * Three real SafeStep server processes (`node dist/src/main.js`, Slack over HTTP) on one real
 * PostgreSQL, behind a round-robin "load balancer": every request of every conversation goes to
 * the next live server, so each conversation's turns are taken by all of them. The same Slack
 * event sent to two servers at once is handled once. Midway one server is killed (SIGKILL); the
 * others carry on. Every conversation files exactly one report, references are unique, and each
 * DSL notice reaches each DSL target exactly once.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SyncPg } from '../../src/store/pg-sync';
import { FakeSlackApi, textOf } from '../slack/fake-slack-api';
import { DEPUTY, DSL, DSL_CHANNEL, SECRET, dmOf, slackClient, type SlackClient } from '../slack/harness';
import { walkNudeImageFlow } from '../slack/walk';
import { ROOT } from '../support/cli-process';
import { describePg } from '../support/describe-pg';
import { startPostgres, type PgCluster } from '../support/postgres';
import { startServerProcess, type ServerProcess } from '../support/server-process';

describePg('three servers on one PostgreSQL, one killed mid-run', () => {
  let cluster: PgCluster;
  let fake: FakeSlackApi;
  let dataDir: string;
  const servers: ServerProcess[] = [];
  beforeAll(async () => {
    cluster = startPostgres();
    fake = new FakeSlackApi();
    await fake.start();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'safestep-pg-servers-'));
  });
  afterAll(async () => {
    for (const s of servers) await s.kill('SIGKILL');
    await fake?.close();
    cluster?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('files every report once and delivers every DSL notice once', async () => {
    const url = cluster.freshDatabase();
    const env = {
      SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.url, SLACK_DSL_CHANNEL: DSL_CHANNEL,
      SLACK_DSL_USERS: `${DSL},${DEPUTY}`, SAFESTEP_SETTING: 'upton-junior', SAFESTEP_DATA_DIR: dataDir, SAFESTEP_LOG_LEVEL: 'silent',
      SAFESTEP_KEY: randomBytes(32).toString('base64'), SAFESTEP_DATABASE_URL: url, PORT: '0',
    };
    for (let i = 0; i < 3; i++) servers.push(await startServerProcess(ROOT, env));
    const live = new Set(servers);
    const clients = new Map(servers.map((s) => [s, slackClient(`http://127.0.0.1:${s.port}/slack/events`, fake.url)]));
    let next = 0;
    const pick = (): SlackClient => {
      const alive = servers.filter((s) => live.has(s));
      return clients.get(alive[next++ % alive.length]!)!;
    };
    const balanced: Pick<SlackClient, 'dm' | 'click'> = { dm: (...a) => pick().dm(...a), click: (...a) => pick().click(...a) };
    const staff = Array.from({ length: 6 }, (_, i) => `U0STAFF0${i}`);
    for (const user of staff) fake.users.set(user, { real_name: `Staff ${user}`, title: 'TA' });

    // The same event, at two servers at once, is one conversation turn, not two (baseline: once).
    const hello = (user: string) => ({ type: 'message', channel: dmOf(user), channel_type: 'im', user, text: 'hello', ts: `${Date.now() / 1000}` });
    const postsTo = (user: string) => fake.of('chat.postMessage', dmOf(user)).length;
    const settle = async (user: string) => {
      await fake.waitFor(() => (postsTo(user) > 0 ? true : undefined), `the greeting of ${user}`);
      await new Promise((r) => setTimeout(r, 700));
    };
    for (const user of ['U0ONCE01', 'U0TWICE1']) fake.users.set(user, { real_name: 'Staff', title: 'TA' });
    await clients.get(servers[2]!)!.event(hello('U0ONCE01'), { eventId: 'EvONCE' });
    await settle('U0ONCE01');
    await Promise.all([clients.get(servers[0]!)!.event(hello('U0TWICE1'), { eventId: 'EvTWICE' }), clients.get(servers[1]!)!.event(hello('U0TWICE1'), { eventId: 'EvTWICE' })]);
    await settle('U0TWICE1');
    expect(postsTo('U0TWICE1')).toBe(postsTo('U0ONCE01'));

    const references: string[] = [];
    for (const user of staff.slice(0, 3)) references.push((await walkNudeImageFlow({ fake, ...balanced }, user)).reference);
    await servers[0]!.kill('SIGKILL');
    live.delete(servers[0]!);
    for (const user of staff.slice(3)) references.push((await walkNudeImageFlow({ fake, ...balanced }, user)).reference);

    expect(new Set(references).size).toBe(6);
    const postsOf = (target: string, reference: string) =>
      fake.of('chat.postMessage', target).filter((c) => c.response.ok === true && textOf(c.args.blocks).includes(reference) && textOf(c.args.blocks).includes('Upton'));
    for (const reference of references) {
      await fake.waitFor(() => ([DSL_CHANNEL, dmOf(DSL), dmOf(DEPUTY)].every((t) => postsOf(t, reference).length >= 1) ? true : undefined), `the notices of ${reference}`);
    }
    await new Promise((r) => setTimeout(r, 1000));
    for (const reference of references) for (const t of [DSL_CHANNEL, dmOf(DSL), dmOf(DEPUTY)]) expect([reference, t, postsOf(t, reference).length]).toEqual([reference, t, 1]);
    const db = new SyncPg(url);
    try {
      expect(db.one('SELECT count(*) AS n FROM reports')).toEqual({ n: 6 });
      expect(db.query("SELECT status, count(*) AS n FROM deliveries WHERE purpose = 'report-filed' GROUP BY status")).toEqual([{ status: 'sent', n: 18 }]);
    } finally {
      db.close();
    }
  }, 240_000);
});

/**
 * Several SafeStep servers on one database (issue 16): N real server processes (`node
 * dist/src/main.js`, Slack over HTTP) on one throwaway PostgreSQL, or one server on SQLite for
 * comparison, with the fake Slack Web API on loopback. Each conversation walks the whole
 * nude-image flow to a filed report, every request going to the next server round-robin (as a
 * load balancer would), `concurrency` conversations at a time. Reports: throughput, p50/p99
 * acknowledgement and turn time (request sent → the reply's first post), reports filed versus
 * conversations, and duplicates (reports filed twice, or a DSL notice posted twice: must be 0).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { SyncPg } from '../src/store/pg-sync';
import { FakeSlackApi, textOf } from '../test/slack/fake-slack-api';
import { DSL_CHANNEL, SECRET, slackClient, type SlackClient } from '../test/slack/harness';
import { walkNudeImageFlow } from '../test/slack/walk';
import { postgresBin, startPostgres, type PgCluster } from '../test/support/postgres';
import { startServerProcess, type ServerProcess } from '../test/support/server-process';

export interface MultiServerResults {
  database: 'postgres' | 'sqlite';
  servers: number;
  conversations: number;
  seconds: number;
  /** Turns (requests) handled per second, and whole conversations per second. */
  turnsPerSecond: number;
  conversationsPerSecond: number;
  ack: { p50: number; p99: number };
  turn: { p50: number; p99: number };
  reportsFiled: number;
  failedWalks: number;
  duplicates: number;
}

const q = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;

/** Runs `count` conversations across `servers` servers on PostgreSQL (or one on SQLite). */
export async function measureMultiServer(root: string, database: 'postgres' | 'sqlite', servers: number, count: number, concurrency = 20): Promise<MultiServerResults | undefined> {
  if (database === 'postgres' && !postgresBin()) return undefined;
  const fake = new FakeSlackApi();
  await fake.start();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'safestep-multi-'));
  let cluster: PgCluster | undefined;
  const running: ServerProcess[] = [];
  try {
    const env: Record<string, string> = {
      SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.url, SLACK_DSL_CHANNEL: DSL_CHANNEL, SLACK_DSL_USERS: 'U0DSL001',
      SAFESTEP_SETTING: 'upton-junior', SAFESTEP_DATA_DIR: dataDir, SAFESTEP_LOG_LEVEL: 'silent', SAFESTEP_KEY: randomBytes(32).toString('base64'), PORT: '0',
    };
    let url = '';
    if (database === 'postgres') {
      cluster = startPostgres();
      url = cluster.freshDatabase();
      env.SAFESTEP_DATABASE_URL = url;
    }
    for (let i = 0; i < servers; i++) running.push(await startServerProcess(root, env));
    const clients = running.map((s) => slackClient(`http://127.0.0.1:${s.port}/slack/events`, fake.url));
    const acks: number[] = [];
    const sent: { dm: string; at: number }[] = [];
    let next = 0;
    const timed = <R>(user: string, call: (c: SlackClient) => Promise<R>): Promise<R> => {
      const at = performance.now();
      sent.push({ dm: `D${user.slice(1)}`, at });
      return call(clients[next++ % clients.length]!).then((r) => (acks.push(performance.now() - at), r));
    };
    const balanced: Pick<SlackClient, 'dm' | 'click'> = {
      dm: (user, ...rest) => timed(user, (c) => c.dm(user, ...rest)),
      click: (user, ...rest) => timed(user, (c) => c.click(user, ...rest)),
    };
    const users = Array.from({ length: count }, (_, i) => `U0M${String(i).padStart(6, '0')}`);
    for (const u of users) fake.users.set(u, { real_name: `Staff ${u}`, title: 'TA' });
    const started = performance.now();
    const references: string[] = [];
    let failedWalks = 0;
    let cursor = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (cursor < users.length) {
          const user = users[cursor++]!;
          try {
            references.push((await walkNudeImageFlow({ fake, ...balanced }, user)).reference);
          } catch {
            failedWalks += 1;
          }
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    // Let the outbox finish, then count each report's notices to the DSL channel.
    const notices = (ref: string) => fake.of('chat.postMessage', DSL_CHANNEL).filter((c) => c.response.ok === true && textOf(c.args.blocks).includes(ref)).length;
    const deadline = performance.now() + 30_000;
    while (references.some((r) => notices(r) === 0) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1000));
    const postsByDm = new Map<string, number[]>();
    for (const c of fake.calls) if (c.method === 'chat.postMessage') postsByDm.set(String(c.args.channel), [...(postsByDm.get(String(c.args.channel)) ?? []), c.at]);
    const turns = sent
      .map((s) => (postsByDm.get(s.dm) ?? []).find((t) => t >= s.at))
      .map((t, i) => (t === undefined ? NaN : t - sent[i]!.at))
      .filter((t) => !Number.isNaN(t))
      .sort((a, b) => a - b);
    const reportsFiled = database === 'postgres' ? countPg(url) : countSqlite(path.join(dataDir, 'safestep.db'));
    const duplicates = reportsFiled - new Set(references).size + references.filter((r) => notices(r) > 1).length;
    acks.sort((a, b) => a - b);
    return {
      database, servers, conversations: count, seconds, turnsPerSecond: sent.length / seconds, conversationsPerSecond: references.length / seconds,
      ack: { p50: q(acks, 0.5), p99: q(acks, 0.99) }, turn: { p50: q(turns, 0.5), p99: q(turns, 0.99) }, reportsFiled, failedWalks, duplicates,
    };
  } finally {
    for (const s of running) await s.kill('SIGTERM');
    await fake.close();
    cluster?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function countPg(url: string): number {
  const db = new SyncPg(url);
  try {
    return db.one<{ n: number }>('SELECT count(*) AS n FROM reports')?.n ?? 0;
  } finally {
    db.close();
  }
}

function countSqlite(file: string): number {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM reports').pluck().get() as number;
  } finally {
    db.close();
  }
}

/** One line per run, for the console. */
export function describeMultiServer(r: MultiServerResults): string {
  const ms = (n: number) => `${Math.round(n)} ms`;
  return `${r.servers} server(s) on ${r.database}: ${r.conversations} conversations in ${r.seconds.toFixed(1)} s (${r.turnsPerSecond.toFixed(1)} turns/s), ack p50 ${ms(r.ack.p50)} p99 ${ms(r.ack.p99)}, turn p50 ${ms(r.turn.p50)} p99 ${ms(r.turn.p99)}, reports ${r.reportsFiled}/${r.conversations} (walks failed ${r.failedWalks}), duplicates ${r.duplicates}`;
}

if (require.main === module) {
  const count = Number(process.argv[2] ?? 1000);
  const root = path.resolve(__dirname, '..', '..');
  void (async () => {
    for (const [db, n] of [['postgres', 3], ['sqlite', 1]] as const) {
      const r = await measureMultiServer(root, db, n, count);
      process.stdout.write(`${r ? describeMultiServer(r) : `${db}: skipped (PostgreSQL not installed)`}\n`);
    }
  })();
}

/**
 * A burst of staff opening SafeStep at once in Slack: N signed DM events sent together to one
 * SafeStep process (`node dist/src/main.js`, Slack over HTTP, SQLite) on loopback, with the fake
 * Slack Web API (test/slack/fake-slack-api.ts) in this process. Measures, per request, the time
 * until SafeStep acknowledged Slack (Slack gives up after 3 s) and the time until the reply reached
 * the person's DM; checks that every conversation was answered exactly once; reads the server's
 * peak resident memory. Local only, bounded in count and time.
 */
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { FakeSlackApi } from '../test/slack/fake-slack-api';
import { startServerProcess, type ServerProcess } from '../test/support/server-process';

const SECRET = 'bench-signing-secret';
const TEAM = 'T0BENCH';
const MESSAGE = 'a parent has messaged me on my personal facebook asking about her sons report';

export interface BurstResults {
  conversations: number;
  ack: { p50: number; p99: number; max: number; over3s: number };
  turn: { p50: number; p99: number; max: number };
  answered: number;
  doubled: number;
  serverPeakRssMb: number;
  seconds: number;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

/** Starts SafeStep serving Slack against `fake`, on `dataDir`. */
function startServer(root: string, fake: FakeSlackApi, dataDir: string): Promise<ServerProcess> {
  return startServerProcess(root, {
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.url,
    SLACK_DSL_USERS: 'U0DSL',
    SAFESTEP_SETTING: 'upton-junior',
    SAFESTEP_DATA_DIR: dataDir,
    SAFESTEP_LOG_LEVEL: 'silent',
    PORT: '0',
  });
}

/** Peak resident memory of a process (Linux VmHWM), in MB; NaN elsewhere. */
function peakRssMb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

function signedEvent(user: string, n: number): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify({
    token: 'legacy',
    team_id: TEAM,
    api_app_id: 'A0BENCH',
    type: 'event_callback',
    event_id: `EvBench${n}`,
    event_time: Math.floor(Date.now() / 1000),
    event: { type: 'message', channel: `D${user.slice(1)}`, channel_type: 'im', user, text: MESSAGE, ts: `${Date.now() / 1000}`, event_ts: `${Date.now() / 1000}` },
  });
  const ts = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  return { body, headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature } };
}

/** Sends `count` first messages from `count` different people at once and measures them. */
export async function measureSlackBurst(root: string, count: number, timeoutMs = 120_000): Promise<BurstResults> {
  const started = performance.now();
  const fake = new FakeSlackApi();
  await fake.start();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'safestep-burst-'));
  const users = Array.from({ length: count }, (_, i) => `U0B${String(i).padStart(6, '0')}`);
  for (const u of users) fake.users.set(u, { real_name: `Staff ${u}`, title: 'TA' });
  const server = await startServer(root, fake, dataDir);
  try {
    const url = `http://127.0.0.1:${server.port}/slack/events`;
    const requests = users.map((user, n) => ({ dm: `D${user.slice(1)}`, ...signedEvent(user, n) }));
    const results = await new Promise<{ dm: string; sentAt: number; ackMs: number; status: number }[]>((resolve, reject) => {
      const worker = new Worker(path.join(__dirname, 'burst-client.js'), { workerData: { url, requests } });
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    if (results.some((r) => r.status !== 200)) throw new Error(`Slack events refused: ${results.filter((r) => r.status !== 200).length}`);
    const sentAt = new Map(results.map((r) => [r.dm, r.sentAt]));
    const acks = results.map((r) => r.ackMs).sort((a, b) => a - b);
    // Every person's reply reaches their DM, once the server has worked through the burst.
    const deadline = performance.now() + timeoutMs;
    const posts = () => fake.calls.filter((c) => c.method === 'chat.postMessage');
    while (new Set(posts().map((c) => String(c.args.channel))).size < count && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 500));
    const byDm = new Map<string, number[]>();
    for (const c of posts()) byDm.set(String(c.args.channel), [...(byDm.get(String(c.args.channel)) ?? []), c.at]);
    const perTurn = [...byDm.values()].map((times) => times.length);
    const usual = perTurn.sort((a, b) => a - b)[Math.floor(perTurn.length / 2)] ?? 0;
    const turns = [...byDm.entries()].map(([dm, times]) => performance.timeOrigin + Math.min(...times) - (sentAt.get(dm) ?? 0)).sort((a, b) => a - b);
    return {
      conversations: count,
      ack: { p50: quantile(acks, 0.5), p99: quantile(acks, 0.99), max: acks.at(-1) ?? NaN, over3s: acks.filter((a) => a > 3000).length },
      turn: { p50: quantile(turns, 0.5), p99: quantile(turns, 0.99), max: turns.at(-1) ?? NaN },
      answered: byDm.size,
      doubled: perTurn.filter((n) => n > usual).length,
      serverPeakRssMb: peakRssMb(server.child.pid ?? 0),
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await server.kill('SIGTERM');
    await fake.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

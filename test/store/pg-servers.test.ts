/**
 * Several servers on one PostgreSQL: two store sets ("servers") on one database, and real
 * processes filing at the same moment. The same Slack event reaching both is handled once; an
 * outbox drained by both sends each delivery once (and a delivery whose server died is finished
 * by the other once its lease ends); references stay unique under concurrent filing; one
 * conversation's turns wait for each other across servers.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { RecentIds } from '../../src/channels/slack/dedupe';
import type { DeliveryPurpose } from '../../src/core/delivery';
import { DslNotifier } from '../../src/core/dsl-notifier';
import { Ticker } from '../../src/core/ticker';
import type { Deliverer, Outbound } from '../../src/core/host';
import type { Logger } from '../../src/core/ports';
import { openStores, type Stores } from '../../src/store/open-stores';
import { bundle } from '../doubles/content';
import { fakeClock } from '../doubles/nlu';
import { makeDraft } from './fixtures';
import { describePg } from '../support/describe-pg';
import { startPostgres, type PgCluster } from '../support/postgres';

const ROOT = path.resolve(__dirname, '../..');
const BUILT = path.join(ROOT, 'dist/src/store/open-stores.js');

/** Every post any server made, in order: (delivery's report, target, purpose). */
class SharedSlack {
  readonly posts: string[] = [];
  deliverer(): Deliverer {
    return {
      send: async (target: string, message: Outbound) => {
        await new Promise((r) => setTimeout(r, 2));
        const ref = message.kind === 'notice' ? message.notice.reference : message.kind === 'text' ? /SS-\d{4}-\d{4}/.exec(message.text)?.[0] : 'digest';
        this.posts.push(`${ref} ${target}`);
      },
    };
  }
}

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const directory = { team: (settingId: string, channel: string) => (settingId === 'oak-primary' && channel === 'slack' ? { dslUsers: ['U-DSL', 'U-DEP'], dslChannel: 'C-DSL' } : undefined) };
const content = { ...bundle, settings: new Map([['oak-primary', { ...[...bundle.settings.values()][0]!, id: 'oak-primary' }]]) };

function server(stores: Stores, slack: SharedSlack, clock: ReturnType<typeof fakeClock>): DslNotifier {
  const n = new DslNotifier({ content, reports: stores.reports, deliveries: stores.deliveries, transaction: stores.transaction, directory, clock, log: quiet, attemptTimeoutMs: 1000 });
  n.addChannel('slack', slack.deliverer());
  return n;
}

function runFiler(url: string, count: number, startAt: number, name: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'test/support/pg-filer.cjs'), BUILT, url, String(count), String(startAt), name], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as string[]) : reject(new Error(`${name} exited ${code}: ${err.slice(0, 500)}`))));
  });
}

describePg('several servers on one PostgreSQL', () => {
  let cluster: PgCluster;
  let a: Stores;
  let b: Stores;
  beforeAll(() => {
    cluster = startPostgres();
  });
  beforeEach(() => {
    const url = cluster.freshDatabase();
    a = openStores(url);
    b = openStores(url);
  });
  afterEach(() => {
    a?.close();
    b?.close();
  });
  afterAll(() => cluster?.stop());

  it('handles the same Slack event once, whichever server each delivery of it reaches', () => {
    const onA = new RecentIds(5000, a.events);
    const onB = new RecentIds(5000, b.events);
    expect(onA.first('Ev0001')).toBe(true);
    expect(onB.first('Ev0001')).toBe(false);
    expect(onA.first('Ev0001')).toBe(false);
    expect(onB.first('Ev0002')).toBe(true);
    expect(onA.first('Ev0002')).toBe(false);
  });

  it('drains one outbox from two servers without sending any delivery twice', async () => {
    const clock = fakeClock('2026-11-21T10:00:00.000Z');
    const slack = new SharedSlack();
    const [sa, sb] = [server(a, slack, clock), server(b, slack, clock)];
    // 30 reports filed on A, 3 deliveries each, left pending (as after a restart).
    const rows = [];
    for (let i = 0; i < 30; i++) rows.push(...a.transaction(() => sa.record(a.reports.file(makeDraft({ channel: 'slack', createdAt: clock().toISOString() })))));
    // Both servers try to send the same rows at once, and both tick.
    sa.dispatch(rows);
    sb.dispatch(rows);
    await Promise.all([sa.tick(), sb.tick(), sb.tick()]);
    await Promise.all([sa.drain(), sb.drain()]);
    expect(slack.posts).toHaveLength(90);
    expect(new Set(slack.posts).size).toBe(90);
    expect(a.deliveries.due('2027-01-01T00:00:00.000Z')).toEqual([]);
  });

  it('finishes a delivery whose server died mid-send once its lease ends, and only then', async () => {
    const clock = fakeClock('2026-11-21T10:00:00.000Z');
    const slack = new SharedSlack();
    const sb = server(b, slack, clock);
    const report = a.reports.file(makeDraft({ channel: 'slack', createdAt: clock().toISOString() }));
    const row = a.deliveries.add({ reference: report.reference, channel: 'slack', target: 'C-DSL', purpose: 'report-filed', at: clock().toISOString() });
    // Server A leases it and is killed before it posts.
    expect(a.deliveries.claim(row.id, clock().toISOString(), new Date(clock().getTime() + 31_000).toISOString())).toBe(true);
    a.close();
    await sb.tick();
    await sb.drain();
    expect(slack.posts).toEqual([]);
    clock.advance(31_000);
    await sb.tick();
    await sb.drain();
    expect(slack.posts).toEqual([`${report.reference} C-DSL`]);
    expect(b.deliveries.forReport(report.reference).map((d) => d.status)).toEqual(['sent']);
  });

  it('keeps references unique when three server processes file at the same moment', async () => {
    const url = cluster.freshDatabase();
    const startAt = Date.now() + 1500;
    const results = await Promise.all(['s1', 's2', 's3'].map((name) => runFiler(url, 40, startAt, name)));
    const all = results.flat();
    expect(all).toHaveLength(120);
    expect(new Set(all).size).toBe(120);
    const year = new Date().getUTCFullYear();
    expect([...all].sort()).toEqual(Array.from({ length: 120 }, (_, i) => `SS-${year}-${String(i + 1).padStart(4, '0')}`));
    const check = openStores(url);
    try {
      expect(check.reports.list()).toHaveLength(120);
    } finally {
      check.close();
    }
  }, 60_000);

  it('runs periodic work (reminders, the daily desk) on one server per interval, not on each', async () => {
    const runs: string[] = [];
    const tickers = [new Ticker({ name: 'daily-desk', claims: a.ticks }), new Ticker({ name: 'daily-desk', claims: b.ticks })];
    tickers.forEach((t, i) => t.start(() => runs.push(i === 0 ? 'a' : 'b'), 100, true));
    await new Promise((r) => setTimeout(r, 1050));
    tickers.forEach((t) => t.stop());
    // About ten intervals passed: each ran once, on one server or the other (without the claim: twice).
    expect(runs.length).toBeGreaterThanOrEqual(5);
    expect(runs.length).toBeLessThanOrEqual(12);
  });

  it("holds one conversation's lock across servers: the other server waits, other conversations do not", () => {
    const order: string[] = [];
    a.lockConversation('conv-1', () => {
      order.push('a-in');
      // B cannot take conv-1 while A holds it (lock_timeout ends the wait), but conv-2 is free.
      expect(() => b.lockConversation('conv-1', () => order.push('b-in'))).toThrow(expect.objectContaining({ code: 'store_write_error' }));
      b.lockConversation('conv-2', () => order.push('b-conv-2'));
      order.push('a-out');
    });
    b.lockConversation('conv-1', () => order.push('b-in-after'));
    expect(order).toEqual(['a-in', 'b-conv-2', 'a-out', 'b-in-after']);
  }, 20_000);
});

/**
 * A DSL notice is never posted twice in Slack when its server died mid-send: every outbox post
 * carries its delivery id as Slack message metadata, and a delivery leased again (its first
 * server killed after Slack took the post, before the row was marked sent) is looked for in the
 * conversation's history first; found counts as sent. A first attempt never reads history.
 */
import type { Delivery } from '../../src/core/delivery';
import { makeDraft } from '../store/fixtures';
import type { ApiCall } from './fake-slack-api';
import { DEPUTY, DSL, DSL_CHANNEL, dmOf, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

/** Files a report straight into the store (no chat walk), returning its reference. */
function fileReport(): string {
  const draft = makeDraft({ channel: 'slack', settingId: 'upton-junior', settingName: 'Upton Junior School', createdAt: new Date().toISOString() });
  return h.serving.app.stores.reports.file(draft).reference;
}

const callsSince = (from: number, method: string): ApiCall[] => h.fake.calls.slice(from).filter((c) => c.method === method);
const deliveryIdOf = (c: ApiCall) => (c.args.metadata as { event_type?: string; event_payload?: { delivery_id?: string } } | undefined)?.event_payload?.delivery_id;
/** The Slack conversation a delivery's target posts into (a DM for a person). */
const conversationOf = (d: Delivery) => (d.target.startsWith('place:') ? d.target.slice('place:'.length) : dmOf(d.target));

/** Records a report's deliveries and leases them all for 5 ms, as a server that then died would have. */
function recordAsADeadServer(reference: string): { now: Date; rows: Delivery[] } {
  const { app } = h.serving;
  const now = new Date();
  const rows = app.notifier.record(app.stores.reports.get(reference)!);
  for (const d of rows) expect(app.stores.deliveries.claim(d.id, now.toISOString(), new Date(now.getTime() + 5).toISOString())).toBe(true);
  return { now, rows };
}

test('a first attempt posts each notice tagged with its delivery id and never reads conversation history', async () => {
  const { app } = h.serving;
  const reference = fileReport();
  const from = h.fake.calls.length;
  const report = app.stores.reports.get(reference)!;
  app.notifier.dispatch(app.notifier.record(report));
  await app.notifier.drain();

  const rows = app.stores.deliveries.forReport(reference);
  expect(rows.map((d) => d.status)).toEqual(['sent', 'sent', 'sent']);
  const posts = callsSince(from, 'chat.postMessage');
  expect(posts).toHaveLength(3);
  for (const d of rows) {
    const post = posts.find((c) => c.args.channel === conversationOf(d))!;
    expect(post.args.metadata).toEqual({ event_type: 'safestep_delivery', event_payload: { delivery_id: String(d.id) } });
  }
  expect(callsSince(from, 'conversations.history')).toEqual([]);
});

test('a delivery whose server died after Slack took the post is marked sent without a second post; one that never reached Slack is posted', async () => {
  const { app } = h.serving;
  const reference = fileReport();
  // The dead server: it recorded and leased the rows (a lease about to run out), and its posts
  // to the DSL channel and the DSL's DM reached Slack; the deputy's never did.
  const { now, rows } = recordAsADeadServer(reference);
  const reached = rows.filter((d) => d.target !== DEPUTY);
  expect(reached.map((d) => d.target)).toEqual([`place:${DSL_CHANNEL}`, DSL]);
  for (const d of reached) {
    h.fake.hold(conversationOf(d), { ts: `${Math.floor(now.getTime() / 1000)}.000900`, text: 'notice', metadata: { event_type: 'safestep_delivery', event_payload: { delivery_id: String(d.id) } } });
  }
  await new Promise((r) => setTimeout(r, 20));

  const from = h.fake.calls.length;
  await app.notifier.tick();
  await app.notifier.drain();

  expect(app.stores.deliveries.forReport(reference).map((d) => [d.target, d.status])).toEqual([
    [`place:${DSL_CHANNEL}`, 'sent'],
    [DSL, 'sent'],
    [DEPUTY, 'sent'],
  ]);
  const posts = callsSince(from, 'chat.postMessage');
  expect(posts.map((c) => [c.args.channel, deliveryIdOf(c)])).toEqual([[dmOf(DEPUTY), String(rows[2]!.id)]]);
  const looks = callsSince(from, 'conversations.history');
  expect(looks.map((c) => c.args.channel).sort()).toEqual([DSL_CHANNEL, dmOf(DSL), dmOf(DEPUTY)].sort());
  for (const look of looks) {
    expect(look.args).toMatchObject({ include_all_metadata: 'true', limit: '50' });
    expect(Number(look.args.oldest)).toBeLessThanOrEqual(Date.parse(rows[0]!.createdAt) / 1000);
  }
});

test('when Slack cannot show the history (an install from before the history scopes), the retry posts: told twice, never not told', async () => {
  const { app } = h.serving;
  const reference = fileReport();
  const { rows } = recordAsADeadServer(reference);
  await new Promise((r) => setTimeout(r, 20));
  h.fake.historyError = 'missing_scope';
  try {
    const from = h.fake.calls.length;
    await app.notifier.tick();
    await app.notifier.drain();
    expect(app.stores.deliveries.forReport(reference).map((d) => d.status)).toEqual(['sent', 'sent', 'sent']);
    expect(callsSince(from, 'conversations.history')).toHaveLength(3);
    expect(callsSince(from, 'chat.postMessage').map(deliveryIdOf).sort()).toEqual(rows.map((d) => String(d.id)).sort());
  } finally {
    h.fake.historyError = undefined;
  }
});

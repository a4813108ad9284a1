/**
 * When Slack fails the post to the DSL channel, the report is still filed and the reporter
 * still told it is filed; the failed delivery is stored with a retry time, logged, shown to
 * the DSL on the Home tab, and delivered by the notifier once Slack recovers. Unacknowledged
 * immediate reports are re-sent to every DSL, marked IMMEDIATE.
 */
import { makeDraft } from '../store/fixtures';
import { buttonsIn, textOf } from './fake-slack-api';
import { DEPUTY, deliveriesTried, DSL, DSL_CHANNEL, dmOf, labelsOf, startHarness, type Harness } from './harness';
import { walkNudeImageFlow } from './walk';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

/** Runs `work` with only Date moved `ms` ahead (timers stay real, so HTTP keeps working). */
async function later<T>(ms: number, work: () => Promise<T>): Promise<T> {
  jest.useFakeTimers({
    now: Date.now() + ms,
    doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
  });
  try {
    return await work();
  } finally {
    jest.useRealTimers();
  }
}

test('Slack failing the DSL channel post never loses the report; it is retried and delivered when Slack recovers', async () => {
  h.fake.failPostTo.add(DSL_CHANNEL);
  const walk = await walkNudeImageFlow(h);
  const { app } = h.serving;
  expect(app.stores.reports.get(walk.reference)).toBeDefined();
  expect(textOf(walk.posts.filed.args.blocks)).toContain(`Your reference is ${walk.reference}`);

  await deliveriesTried(h, walk.reference);
  const failed = app.stores.deliveries.forReport(walk.reference).find((d) => d.target === `place:${DSL_CHANNEL}`)!;
  expect(failed).toMatchObject({ status: 'failed', lastError: 'channel_not_found', attempts: 1 });
  expect(Date.parse(failed.nextAttemptAt!)).toBeGreaterThan(Date.now());
  expect(h.logs.some((l) => l.includes('"delivery_failed"') && l.includes('channel_not_found'))).toBe(true);
  // The DSLs' own DMs still went.
  expect(app.stores.deliveries.forReport(walk.reference).filter((d) => d.status === 'sent').map((d) => d.target)).toEqual([DSL, DEPUTY]);

  // Visible to the DSL later, on the Home tab.
  let from = h.fake.calls.length;
  await h.event({ type: 'app_home_opened', user: DSL, channel: dmOf(DSL), tab: 'home' });
  const home = await h.fake.waitFor((calls) => calls.find((c) => c.method === 'views.publish'), 'home', from);
  expect(textOf((home.args.view as { blocks: unknown }).blocks)).toContain('1 FAILED (retrying)');

  // Still down at the first retry: a second failure, with a later retry time.
  await later(60_000, () => app.notifier.tick().then(() => app.notifier.drain()));
  const again = app.stores.deliveries.forReport(walk.reference).find((d) => d.target === `place:${DSL_CHANNEL}`)!;
  expect(again).toMatchObject({ status: 'failed', attempts: 2 });

  h.fake.failPostTo.clear();
  from = h.fake.calls.length;
  await later(10 * 60_000, () => app.notifier.tick().then(() => app.notifier.drain()));
  const post = h.fake.of('chat.postMessage', DSL_CHANNEL).find((c) => h.fake.calls.indexOf(c) >= from)!;
  expect(post.response.ok).toBe(true);
  expect(buttonsIn(post.args.blocks).map((b) => b.value)).toEqual(Array(6).fill(walk.reference));
  expect(app.stores.deliveries.forReport(walk.reference).find((d) => d.target === `place:${DSL_CHANNEL}`)).toMatchObject({ status: 'sent', attempts: 3 });
});

test('an immediate report is marked IMMEDIATE, and re-sent to every DSL when not acknowledged in time', async () => {
  const { app } = h.serving;
  const report = app.stores.reports.file(
    makeDraft({ channel: 'slack', settingId: 'upton-junior', settingName: 'Upton Junior School', urgency: 'immediate', dangerFlagged: true, createdAt: new Date().toISOString() }),
  );
  let from = h.fake.calls.length;
  app.notifier.dispatch(app.notifier.record(report));
  await app.notifier.drain();
  const post = h.fake.of('chat.postMessage', DSL_CHANNEL).find((c) => h.fake.calls.indexOf(c) >= from)!;
  expect(textOf(post.args.blocks)).toContain('IMMEDIATE - a child may be at risk now');
  expect(String(post.args.text)).toContain('IMMEDIATE');
  expect(textOf(post.args.blocks)).toContain(labelsOf(h).danger);

  from = h.fake.calls.length;
  await later(16 * 60_000, () => app.notifier.tick().then(() => app.notifier.drain()));
  for (const user of [DSL, DEPUTY]) {
    const reminder = h.fake.of('chat.postMessage', dmOf(user)).find((c) => h.fake.calls.indexOf(c) >= from)!;
    expect(textOf(reminder.args.blocks)).toContain(`Reminder: immediate report ${report.reference} has not been acknowledged yet`);
    expect(buttonsIn(reminder.args.blocks).map((b) => b.action_id)).toEqual(['ss_ack', 'ss_view', 'ss_note', 'ss_action', 'ss_outcome', 'ss_correct']);
  }
});

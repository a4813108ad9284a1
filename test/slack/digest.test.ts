/**
 * The DSL team's daily summary in Slack (real Bolt on loopback, fake Web API): sent to the DSL
 * channel and each DSL when the server's clock passes the digest time — once a day, with the
 * morning reminder of overdue actions — and shown on a DSL's App Home (never a colleague's).
 * It names references, urgency and situation only.
 */
import { dailyDesk } from '../../src/serve';
import type { App } from '../../src/app';
import { textOf } from './fake-slack-api';
import { DSL, DSL_CHANNEL, dmOf, OTHER, startHarness, type Harness } from './harness';
import { ACCOUNT, FIRST_MESSAGE, walkNudeImageFlow, type Walk } from './walk';

let h: Harness;
let walk: Walk;

beforeAll(async () => {
  h = await startHarness({ SAFESTEP_DIGEST_TIME: '08:00' });
  walk = await walkNudeImageFlow(h);
  await h.fake.waitForPost(DSL_CHANNEL, () => true);
});
afterAll(async () => {
  await h.close();
});

test('the summary is sent when the clock passes the digest time, once that day, with overdue actions reminded', async () => {
  const app = h.serving.app;
  app.casework.add(walk.reference, `slack:${DSL}`, undefined, { kind: 'action', text: 'Ring the LADO', assignee: 'Mr Head', due: '2026-01-02' });
  let now = new Date('2026-01-05T07:58:00Z'); // 07:58 in England (GMT)
  const daily = dailyDesk({ ...app, clock: () => now } as App, app.config);
  const digests = () => h.fake.of('chat.postMessage').filter((c) => String(c.args.text).startsWith('SafeStep summary'));
  const before = digests().length;

  await daily.tick();
  expect(digests()).toHaveLength(before);
  now = new Date('2026-01-05T08:01:00Z');
  await daily.tick();
  await h.fake.waitFor(() => (digests().length >= before + 3 ? true : undefined), 'the summary to the channel and both DSLs');
  const sent = digests().slice(before);
  expect(sent.map((c) => c.args.channel).sort()).toEqual([DSL_CHANNEL, dmOf(DSL), dmOf('U0DEP001')].sort());
  const shown = textOf(sent[0]!.args.blocks);
  for (const t of ['New since yesterday', 'Not yet acknowledged', 'Actions overdue', 'Open reports', walk.reference, 'Due by 2026-01-02']) expect(shown).toContain(t);
  for (const t of [FIRST_MESSAGE, ACCOUNT.ownWords, 'Ring the LADO', 'Mr Head']) expect(JSON.stringify(sent)).not.toContain(t);

  // The overdue reminder goes through the outbox, once that morning.
  await app.notifier.drain();
  const overdue = () => app.stores.deliveries.forReport(walk.reference).filter((d) => d.purpose === 'action-overdue');
  expect(overdue().map((d) => d.target).sort()).toEqual([`place:${DSL_CHANNEL}`, DSL, 'U0DEP001'].sort());
  await h.fake.waitForPost(DSL_CHANNEL, (c) => String(c.args.text).includes(`was due by 2026-01-02`));

  now = new Date('2026-01-05T09:30:00Z');
  await daily.tick();
  expect(digests()).toHaveLength(before + 3);
  expect(overdue()).toHaveLength(3);
});

test("a DSL's App Home shows the summary; a colleague's does not", async () => {
  for (const [user, shows] of [[DSL, true], [OTHER, false]] as const) {
    const from = h.fake.calls.length;
    await h.event({ type: 'app_home_opened', user, channel: dmOf(user), tab: 'home' });
    const home = await h.fake.waitFor((calls) => calls.find((c) => c.method === 'views.publish' && c.args.user_id === user), 'home', from);
    const text = textOf((home.args.view as { blocks: unknown }).blocks);
    expect(text.includes('SafeStep summary')).toBe(shows);
  }
});

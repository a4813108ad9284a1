/**
 * Every way into SafeStep in Slack answers in the person's DM, never in a channel: an
 * @mention, /safestep, the App Home buttons. The Home tab shows DSLs the latest reports. A file
 * shared with SafeStep gets the imagery warning and is never fetched or passed on.
 */
import { buttonsIn, textOf } from './fake-slack-api';
import { button, deliveriesTried, DSL, dmOf, labelsOf, OTHER, STAFF, startHarness, TEAM, type Harness } from './harness';
import { walkNudeImageFlow } from './walk';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const PUBLIC = 'C0GENERAL';
const noPostsIn = (channel: string) => expect(h.fake.calls.filter((c) => c.args.channel === channel && c.method.startsWith('chat.'))).toEqual([]);

test('an @mention in a channel is answered in a DM, never in the channel', async () => {
  const from = h.fake.calls.length;
  await h.event({ type: 'app_mention', channel: PUBLIC, user: OTHER, text: '<@U0SAFEBOT> a parent added me on facebook', ts: '10.0' });
  await h.fake.waitForPost(dmOf(OTHER), () => true, from);
  expect(h.fake.calls.slice(from).some((c) => c.method === 'conversations.open' && c.args.users === OTHER)).toBe(true);
  noPostsIn(PUBLIC);
  expect(h.serving.app.stores.sessions.load(`slack:${TEAM}:${OTHER}`)?.firstMessage).toBe('a parent added me on facebook');
});

test('/safestep starts a conversation in the DM; with text it is the first message', async () => {
  let from = h.fake.calls.length;
  expect((await h.command(DSL, '', PUBLIC)).status).toBe(200);
  const greeting = await h.fake.waitForPost(dmOf(DSL), () => true, from);
  expect(textOf(greeting.args.blocks)).toContain('Hello, this is SafeStep for Upton Junior School');
  from = h.fake.calls.length;
  await h.command(DSL, 'what is the rule on staff phones', PUBLIC);
  await h.fake.waitForPost(dmOf(DSL), () => true, from);
  expect(h.serving.app.stores.sessions.load(`slack:${TEAM}:${DSL}`)?.firstMessage).toBe('what is the rule on staff phones');
  noPostsIn(PUBLIC);
});

test('a file shared with SafeStep gets the imagery warning; the file is never fetched, re-posted or kept', async () => {
  const from = h.fake.calls.length;
  await h.dm(STAFF, '', {
    subtype: 'file_share',
    files: [{ id: 'F0IMAGE1', name: 'IMG_2041.jpg', mimetype: 'image/jpeg', url_private: 'https://files.slack.com/files-pri/T0-F0/img_2041.jpg', url_private_download: 'https://files.slack.com/download/img_2041.jpg' }],
  });
  const reply = await h.fake.waitForPost(dmOf(STAFF), () => true, from);
  const shown = textOf(reply.args.blocks);
  expect(shown).toContain('Please never send pictures or videos of children here');
  expect(shown).toContain('Tell me in words what has happened instead');
  expect(String(reply.args.text)).toContain('WARNING:');
  const calls = JSON.stringify(h.fake.calls);
  expect(h.fake.calls.filter((c) => c.method.startsWith('files.'))).toEqual([]);
  expect(calls).not.toContain('IMG_2041');
  expect(calls).not.toContain('files.slack.com');
  expect(h.logs.join('\n')).not.toContain('IMG_2041');
});

test('a report filed after a file was shared holds no file', async () => {
  const walk = await walkNudeImageFlow(h);
  await deliveriesTried(h, walk.reference);
  const report = h.serving.app.stores.reports.get(walk.reference)!;
  expect(JSON.stringify(report)).not.toContain('IMG_2041');
});

test('the App Home tab offers "Report a concern", "Ask a question" and the quiz; only a DSL sees reports', async () => {
  const label = labelsOf(h);
  const startQuiz = h.serving.app.quizContent!.messages.channel.startButton;
  let from = h.fake.calls.length;
  await h.event({ type: 'app_home_opened', user: OTHER, channel: dmOf(OTHER), tab: 'home' });
  const staffHome = await h.fake.waitFor((calls) => calls.find((c) => c.method === 'views.publish' && c.args.user_id === OTHER), 'home for staff', from);
  const staffView = staffHome.args.view as { type: string; blocks: unknown };
  expect(staffView.type).toBe('home');
  expect(buttonsIn(staffView.blocks).map((b) => b.text)).toEqual([label.reportConcern, label.askQuestion, startQuiz]);
  expect(textOf(staffView.blocks)).not.toMatch(/SS-\d{4}-/);

  from = h.fake.calls.length;
  await h.event({ type: 'app_home_opened', user: DSL, channel: dmOf(DSL), tab: 'home' });
  const dslHome = await h.fake.waitFor((calls) => calls.find((c) => c.method === 'views.publish' && c.args.user_id === DSL), 'home for the DSL', from);
  const shown = textOf((dslHome.args.view as { blocks: unknown }).blocks);
  const latest = h.serving.app.stores.reports.list({ limit: 1 })[0]!;
  expect(shown).toContain(label.latestReports);
  expect(shown).toContain(latest.reference);
  expect(shown).toContain(`*${label.acknowledged}:* —`);
  expect(shown).toContain(`*${label.deliveries}:* 3 sent`);
  expect(shown).toContain(`*${label.filed}:* <!date^`);
  expect(buttonsIn((dslHome.args.view as { blocks: unknown }).blocks).some((b) => b.action_id === 'ss_view' && b.value === latest.reference)).toBe(true);
});

test('"Report a concern" on the Home tab starts the conversation in the DM', async () => {
  const from = h.fake.calls.length;
  const home = h.fake.of('views.publish').find((c) => c.args.user_id === OTHER)!;
  const report = button({ ...home, args: { blocks: (home.args.view as { blocks: unknown }).blocks } }, { action_id: 'ss_home_report' });
  await h.click(OTHER, { channel: dmOf(OTHER), message: home }, report);
  const reply = await h.fake.waitForPost(dmOf(OTHER), () => true, from);
  expect(textOf(reply.args.blocks)).toContain('Hello, this is SafeStep for Upton Junior School');
});

test('"Ask a question" on the Home tab shows every situation as buttons when nothing is under way', async () => {
  const from = h.fake.calls.length;
  const home = h.fake.of('views.publish').find((c) => c.args.user_id === DSL)!;
  const ask = button({ ...home, args: { blocks: (home.args.view as { blocks: unknown }).blocks } }, { action_id: 'ss_home_ask' });
  await h.command(DSL, 'start again', PUBLIC);
  await h.fake.waitForPost(dmOf(DSL), () => true, from);
  const next = h.fake.calls.length;
  await h.click(DSL, { channel: dmOf(DSL), message: home }, ask);
  const menu = await h.fake.waitForPost(dmOf(DSL), (c) => buttonsIn(c.args.blocks).length > 5, next);
  const values = buttonsIn(menu.args.blocks).map((b) => b.value);
  expect(values).toContain('staff-phone-use');
  expect(values).toContain('none-of-these');
  expect(new Set(buttonsIn(menu.args.blocks).map((b) => b.action_id)).size).toBe(values.length);
});

/**
 * The whole Slack journey through the real Bolt app over HTTP on loopback, against the fake
 * Web API: a member of staff reports a nude image on a pupil's phone in a DM, the DSL team is
 * told in its channel and by DM, a colleague who is not a DSL is refused, and the DSL
 * acknowledges and reads the full report.
 */
import { buttonsIn, textOf, type ApiCall } from './fake-slack-api';
import { button, DEPUTY, deliveriesTried, DSL, DSL_CHANNEL, dmOf, labelsOf, OTHER, STAFF, startHarness, type Harness } from './harness';
import { ACCOUNT, FIRST_MESSAGE, walkNudeImageFlow, type Walk } from './walk';

let h: Harness;
let walk: Walk;
let dslPost: ApiCall;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const report = () => h.serving.app.stores.reports.get(walk.reference)!;

test("answers Slack's signed URL verification challenge", async () => {
  const res = await h.post(JSON.stringify({ token: 'legacy', challenge: 'challenge-123', type: 'url_verification' }), 'application/json');
  expect(res.status).toBe(200);
  expect(JSON.parse(res.text)).toEqual({ challenge: 'challenge-123' });
});

test('a DM walks the whole flow by buttons and typed answers, to a report committed in SQLite', async () => {
  walk = await walkNudeImageFlow(h);
  const r = report();
  expect(r).toMatchObject({ channel: 'slack', settingId: 'upton-junior', flowId: 'nude-image-pupil', urgency: 'urgent', firstMessage: FIRST_MESSAGE });
  expect(r.reporter).toEqual({ id: STAFF, name: 'Jo Pike', role: 'TA' });
  expect(r.answers.map((a) => a.answer)).toEqual(['On a device I have, or can take, right now', "No, or I don't know"]);
  expect(r.account.map((a) => a.text)).toEqual([ACCOUNT.who, ACCOUNT.what, '(not given)', ACCOUNT.ownWords, ACCOUNT.actions]);
  // Every message SafeStep posted has a plain-text fallback.
  for (const c of h.fake.of('chat.postMessage', dmOf(STAFF))) expect(String(c.args.text).length).toBeGreaterThan(0);
});

test('questions are buttons; an answered question loses its buttons', async () => {
  const buttons = buttonsIn(walk.posts.first.args.blocks);
  expect(buttons.map((b) => b.value)).toEqual(['device-with-me', 'told-not-seen', 'already-seen']);
  expect(buttons.map((b) => b.action_id)).toEqual(['ss_choice:0', 'ss_choice:1', 'ss_choice:2']);
  const update = h.fake.of('chat.update').find((c) => c.args.ts === walk.posts.first.response.ts)!;
  expect(buttonsIn(update.args.blocks)).toEqual([]);
  expect(textOf(update.args.blocks)).toContain('On a device I have, or can take, right now');
});

test('advice is a numbered list with the citations under each step', () => {
  const blocks = walk.posts.advice.args.blocks as { type: string; text?: { text: string }; elements?: { text: string }[] }[];
  expect(blocks.some((b) => b.type === 'header')).toBe(true);
  const steps = blocks.map((b, i) => ({ b, i })).filter(({ b }) => b.type === 'section' && /^\*\d+\.\*/.test(b.text?.text ?? ''));
  expect(steps.length).toBeGreaterThan(2);
  steps.forEach(({ b, i }, n) => {
    expect(b.text!.text.startsWith(`*${n + 1}.*`)).toBe(true);
    expect(blocks[i + 1]!.type).toBe('context');
  });
  expect(textOf(blocks)).toContain('§MST 6.1 (Searching, screening and confiscation of electronic devices)');
  // The fallback (notifications, screen readers) holds the advice too, numbered.
  expect(String(walk.posts.advice.args.text)).toMatch(/1\.\*? /);
});

test('the reminder that Slack keeps messages comes once, at the start', () => {
  const posts = h.fake.of('chat.postMessage', dmOf(STAFF)).map((c) => textOf(c.args.blocks));
  const reminders = posts.filter((t) => t.includes('this chat app keeps a copy of what you type'));
  expect(reminders).toHaveLength(1);
  expect(posts[0]).toContain('this chat app keeps a copy of what you type');
});

test('free-text prompts say "type your answer" and offer Skip as a button when optional', () => {
  expect(textOf(walk.posts.whenWhere.args.blocks)).toContain(labelsOf(h).typeAnswer);
  expect(buttonsIn(walk.posts.whenWhere.args.blocks).map((b) => b.value)).toEqual(['skip']);
  expect(buttonsIn(walk.posts.what.args.blocks)).toEqual([]);
});

test('the DSL channel gets reference, urgency, flow, setting, reporter and the answers, with Acknowledge and View buttons', async () => {
  dslPost = await h.fake.waitForPost(DSL_CHANNEL, () => true);
  const shown = `${textOf(dslPost.args.blocks)}\n${String(dslPost.args.text)}`;
  for (const expected of [walk.reference, 'urgent', 'A nude or semi-nude image', "Upton Junior", 'Jo Pike (TA)', 'On a device I have, or can take, right now']) {
    expect(shown).toContain(expected);
  }
  // Only what the DSL needs to act: never the free-text account or the first message.
  for (const secret of [FIRST_MESSAGE, ACCOUNT.who, ACCOUNT.what, ACCOUNT.ownWords, 'everyone has it']) expect(shown).not.toContain(secret);
  expect(buttonsIn(dslPost.args.blocks).map((b) => [b.action_id, b.value])).toEqual([
    ['ss_ack', walk.reference],
    ['ss_view', walk.reference],
    ['ss_note', walk.reference],
    ['ss_action', walk.reference],
    ['ss_outcome', walk.reference],
    ['ss_correct', walk.reference],
  ]);
  // …and each DSL user by DM.
  for (const user of [DSL, DEPUTY]) await h.fake.waitForPost(dmOf(user), (c) => textOf(c.args.blocks).includes(walk.reference));
  await deliveriesTried(h, walk.reference);
  const deliveries = h.serving.app.stores.deliveries.forReport(walk.reference);
  expect(deliveries.map((d) => [d.target, d.status])).toEqual([
    [`place:${DSL_CHANNEL}`, 'sent'],
    [DSL, 'sent'],
    [DEPUTY, 'sent'],
  ]);
});

test('a colleague who is not a DSL is refused politely and nothing changes', async () => {
  const from = h.fake.calls.length;
  for (const action of ['ss_ack', 'ss_view']) {
    const res = await h.click(OTHER, { channel: DSL_CHANNEL, message: dslPost }, button(dslPost, { action_id: action }));
    expect(res.status).toBe(200);
  }
  const refusals = await h.fake.waitFor((calls) => {
    const e = calls.filter((c) => c.method === 'chat.postEphemeral');
    return e.length === 2 ? e : undefined;
  }, 'two refusals', from);
  for (const r of refusals) {
    expect(r.args).toMatchObject({ channel: DSL_CHANNEL, user: OTHER });
    expect(String(r.args.text)).toContain('only the DSL and deputy DSLs of Upton Junior');
    expect(String(r.args.text)).not.toContain(walk.reference);
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
  const after = h.fake.calls.slice(from).map((c) => c.method);
  expect(after.filter((m) => m !== 'chat.postEphemeral' && m !== 'users.info')).toEqual([]);
  expect(report().acknowledgedAt).toBeUndefined();
});

test('the DSL acknowledges: who and when are stored, the post shows it, and the reporter is told', async () => {
  const from = h.fake.calls.length;
  const before = Date.now();
  const res = await h.click(DSL, { channel: DSL_CHANNEL, message: dslPost }, button(dslPost, { action_id: 'ss_ack' }));
  expect(res.status).toBe(200);
  const told = await h.fake.waitForPost(dmOf(STAFF), (c) => String(c.args.text).includes('The DSL has seen your report'), from);
  expect(String(told.args.text)).toContain(walk.reference);
  const r = report();
  expect(r.acknowledgedBy).toBe(`slack:${DSL}`);
  expect(Date.parse(r.acknowledgedAt!)).toBeGreaterThanOrEqual(before - 1000);
  const update = await h.fake.waitFor((calls) => calls.find((c) => c.method === 'chat.update' && c.args.channel === DSL_CHANNEL), 'the post updated', from);
  expect(textOf(update.args.blocks)).toContain(`Acknowledged by <@${DSL}>`);
  expect(buttonsIn(update.args.blocks).map((b) => b.action_id)).toEqual(['ss_view', 'ss_note', 'ss_action', 'ss_outcome', 'ss_correct']);
  const reporterAck = () => h.serving.app.stores.deliveries.forReport(walk.reference).find((d) => d.purpose === 'reporter-ack');
  await h.fake.waitFor(() => (reporterAck()?.status === 'sent' ? true : undefined), 'the reporter-ack delivery marked sent');
});

test('pressing Acknowledge again says who already acknowledged it', async () => {
  const from = h.fake.calls.length;
  await h.click(DEPUTY, { channel: DSL_CHANNEL, message: dslPost }, button(dslPost, { action_id: 'ss_ack' }));
  const note = await h.fake.waitFor((calls) => calls.find((c) => c.method === 'chat.postEphemeral'), 'a note', from);
  expect(String(note.args.text)).toContain(`was already acknowledged by <@${DSL}>`);
  expect(report().acknowledgedBy).toBe(`slack:${DSL}`);
});

test('View full report opens a modal with the whole report, for the DSL', async () => {
  const from = h.fake.calls.length;
  await h.click(DSL, { channel: DSL_CHANNEL, message: dslPost }, button(dslPost, { action_id: 'ss_view' }));
  const open = await h.fake.waitFor((calls) => calls.find((c) => c.method === 'views.open'), 'views.open', from);
  const view = open.args.view as { type: string; title: { text: string }; blocks: unknown };
  expect(view.type).toBe('modal');
  expect(view.title.text).toBe(walk.reference);
  const shown = textOf(view.blocks);
  const label = labelsOf(h);
  for (const heading of [label.firstMessage, label.answers, label.account, label.advice]) expect(shown).toContain(heading);
  for (const text of [ACCOUNT.who, ACCOUNT.actions, "he said 'everyone has it miss'", 'Jo Pike', '4 sent']) expect(shown).toContain(text);
  expect(open.args.trigger_id).toMatch(/^trigger-/);
});

test('SafeStep never calls a files.* method and its logs hold no names or typed text', () => {
  expect(h.fake.calls.filter((c) => c.method.startsWith('files.'))).toEqual([]);
  const logs = h.logs.join('\n');
  for (const secret of ['Jo Pike', 'Camilla', 'nude pic', 'Sam K', 'everyone has it', 'switched off']) expect(logs).not.toContain(secret);
});

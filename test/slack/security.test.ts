/**
 * Requests Slack did not sign, or signed too long ago, are refused with 401 and change
 * nothing; a redelivered event is handled once; every interaction is acknowledged within
 * Slack's 3 seconds even when the work behind it is slow; an old button cannot answer a newer
 * question.
 */
import { createHmac } from 'node:crypto';
import { buttonsIn, textOf } from './fake-slack-api';
import { button, dmOf, OTHER, STAFF, startHarness, TEAM, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const dmEvent = (user: string, text: string) =>
  JSON.stringify({
    token: 'legacy',
    team_id: TEAM,
    api_app_id: 'A0SAFESTEP',
    type: 'event_callback',
    event_id: `EvSec${user}${text.length}`,
    event_time: Math.floor(Date.now() / 1000),
    event: { type: 'message', channel: dmOf(user), channel_type: 'im', user, text, ts: '1.0' },
  });

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('request authenticity', () => {
  const body = dmEvent(OTHER, 'a nude image on a phone');
  const now = Math.floor(Date.now() / 1000);
  const cases: [string, Parameters<Harness['post']>[2]][] = [
    ['a wrong signature', { signature: `v0=${'0'.repeat(64)}` }],
    ['a signature made with another secret', { ts: now, signature: `v0=${createHmac('sha256', 'not-the-secret').update(`v0:${now}:${body}`).digest('hex')}` }],
    ['no signature', { signature: null }],
    ['a timestamp six minutes old (validly signed)', { ts: now - 6 * 60 }],
  ];
  test.each(cases)('%s gets 401 and changes nothing', async (_name, o) => {
    const before = h.fake.calls.length;
    const res = await h.post(body, 'application/json', o);
    expect(res.status).toBe(401);
    await settle();
    expect(h.fake.calls.slice(before)).toEqual([]);
    expect(h.serving.app.stores.sessions.load(`slack:${TEAM}:${OTHER}`)).toBeUndefined();
    expect(h.logs[h.logs.length - 1]).toContain('channel_authenticity_error');
  });

  test('an unsigned button click gets 401 and changes nothing', async () => {
    const before = h.fake.calls.length;
    const payload = { type: 'block_actions', team: { id: TEAM }, user: { id: OTHER }, actions: [{ type: 'button', action_id: 'ss_ack', value: 'SS-2026-0001' }] };
    const res = await h.post(`payload=${encodeURIComponent(JSON.stringify(payload))}`, 'application/x-www-form-urlencoded', { signature: 'v0=bad' });
    expect(res.status).toBe(401);
    await settle();
    expect(h.fake.calls.slice(before)).toEqual([]);
  });

  test('the same request correctly signed is answered (so the refusals above are about the signature)', async () => {
    const before = h.fake.calls.length;
    expect((await h.post(body, 'application/json')).status).toBe(200);
    await h.fake.waitForPost(dmOf(OTHER), () => true, before);
  });
});

test('an event Slack redelivers (x-slack-retry-num) is handled once', async () => {
  const from = h.fake.calls.length;
  const ev = { type: 'message', channel: dmOf(STAFF), channel_type: 'im', user: STAFF, text: 'help', ts: '2.0' };
  expect((await h.event(ev, { eventId: 'EvRepeat1' })).status).toBe(200);
  expect((await h.event(ev, { eventId: 'EvRepeat1', headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } })).status).toBe(200);
  await h.fake.waitForPost(dmOf(STAFF), (c) => textOf(c.args.blocks).includes('Answer each question'), from);
  await settle();
  expect(h.fake.of('chat.postMessage', dmOf(STAFF)).filter((c) => h.fake.calls.indexOf(c) >= from)).toHaveLength(1);
});

// Acknowledged first, then the work: shown by order (the Web API's answers are held back, and the
// acknowledgement arrives before any of them), not by a clock. Ack times are in `npm run bench`.
const answeredSince = (from: number, method: string) => h.fake.calls.slice(from).filter((c) => c.method === method && c.answered);

test('a click is acknowledged before the slow work behind it is done', async () => {
  let from = h.fake.calls.length;
  await h.dm(STAFF, "found a nude pic of a girl on a yr 6 lads phone, I've got the phone");
  const question = await h.fake.waitForPost(dmOf(STAFF), (c) => buttonsIn(c.args.blocks).some((b) => b.value === 'device-with-me'), from);
  h.fake.delays.set('chat.update', 3500);
  try {
    from = h.fake.calls.length;
    const res = await h.click(STAFF, { channel: dmOf(STAFF), message: question }, button(question, { value: 'device-with-me' }));
    expect(res.status).toBe(200);
    expect(answeredSince(from, 'chat.update')).toEqual([]);
    await h.fake.waitForPost(dmOf(STAFF), (c) => buttonsIn(c.args.blocks).some((b) => b.value === 'risk-no'), from);
  } finally {
    h.fake.delays.clear();
  }
});

test('a slash command is acknowledged before its reply is posted, with nothing said in the channel', async () => {
  const from = h.fake.calls.length;
  h.fake.delays.set('chat.postMessage', 1500);
  try {
    const res = await h.command(STAFF, 'help');
    expect(res.status).toBe(200);
    expect(answeredSince(from, 'chat.postMessage')).toEqual([]);
    expect(res.text).toBe('');
    await h.fake.waitForPost(dmOf(STAFF), () => true, from);
  } finally {
    h.fake.delays.clear();
  }
});

test('an old button cannot answer a newer question', async () => {
  // The conversation now waits on "anyone-else"; press a button of the first question again.
  const first = h.fake
    .of('chat.postMessage', dmOf(STAFF))
    .find((c) => buttonsIn(c.args.blocks).some((b) => b.value === 'already-seen'))!;
  const waiting = h.serving.app.stores.sessions.load(`slack:${TEAM}:${STAFF}`)!;
  const from = h.fake.calls.length;
  await h.click(STAFF, { channel: dmOf(STAFF), message: first }, button(first, { value: 'already-seen' }));
  const reply = await h.fake.waitForPost(dmOf(STAFF), () => true, from);
  expect(textOf(reply.args.blocks)).toContain('Please pick one of the options');
  expect(h.fake.calls.slice(from).filter((c) => c.method === 'chat.update')).toEqual([]);
  const after = h.serving.app.stores.sessions.load(`slack:${TEAM}:${STAFF}`)!;
  expect(after.stepId).toBe(waiting.stepId);
  expect(after.answers).toEqual(waiting.answers);
});

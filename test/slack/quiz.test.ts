/**
 * The induction quiz in Slack, through the real Bolt app over HTTP on loopback against the fake
 * Web API: a DSL's `/safestep quiz` posts the invitation in the staff channel (and nothing else
 * goes there); Start DMs each person the quiz, answered privately by its buttons to a result and
 * the attestation, all stored; a new member of the channel is invited by DM; a reminder goes
 * only to members who have not passed, once the reminder period is over; the DSL's Home tab
 * shows the staff results (and a colleague's does not), and the DSL can post the invitation from
 * there. The right answers are read from the bank, so the pass is deterministic.
 */
import { formatDay } from '../../src/core/host';
import { shortPolicyVersion } from '../../src/host/quiz-results';
import { loadConfig } from '../../src/config';
import { render } from '../../src/core/template';
import type { QuizCatalog } from '../../src/quiz/model';
import { resolveQuiz, type SettingQuiz } from '../../src/quiz/resolve';
import { QUIZ_CHANNEL_BLOCK, QUIZ_CHANNEL_SELECT, QUIZ_POST_VIEW } from '../../src/channels/slack/quiz-blocks';
import { questionIdOf } from '../../src/channels/slack/render-blocks';
import { buttonsIn, textOf, type ApiCall } from './fake-slack-api';
import { button, DEPUTY, DSL, dmOf, labelsOf, OTHER, STAFF, startHarness, TEAM, type Harness } from './harness';

const STAFF_ROOM = 'C0STAFFRM';
const SECOND_ROOM = 'C0SECOND1';
const TEACHER = 'U0TEACH02';
const NEWBIE = 'U0NEWBIE1';
const BOT = 'U0SAFEBOT';
const HELPER_BOT = 'U0HELPBOT';
const DAY = 24 * 60 * 60_000;

let h: Harness;
let quiz: SettingQuiz;
let words: QuizCatalog['channel'];
let invitation: ApiCall;

beforeAll(async () => {
  h = await startHarness();
  h.fake.users.set(TEACHER, { real_name: 'Tess Teacher', title: 'Teacher' });
  h.fake.users.set(NEWBIE, { real_name: 'Nia Newbie', title: 'TA' });
  h.fake.users.set(DEPUTY, { real_name: 'Dee Deputy', title: 'Deputy DSL' });
  h.fake.users.set(HELPER_BOT, { real_name: 'Helper', title: '', is_bot: true });
  const { app } = h.serving;
  quiz = resolveQuiz(app.quizContent!, setting(), app.content.national)!;
  words = app.quizContent!.messages.channel;
});
afterAll(async () => {
  await h.close();
});

const setting = () => h.serving.app.content.settings.get('upton-junior')!;
const say = (text: string, vars: Record<string, string> = {}) => render(text, setting(), vars);
const count = () => String(Math.min(quiz.questionsPerQuiz, quiz.questions.length));
const inviteText = () => say(words.invite, { count: count(), passmark: String(quiz.passMark) });
/** Every chat.* call that put something in a channel (posts, updates, ephemeral notes). */
const chatIn = (channel: string) => h.fake.calls.filter((c) => c.method.startsWith('chat.') && c.args.channel === channel);
/** The question id a posted message's buttons answer, if any. */
const askedIn = (c: ApiCall) => buttonsIn(c.args.blocks).map((b) => questionIdOf(b.block_id)).find((q) => q !== undefined);
const home = (user: string, from: number) =>
  h.fake.waitFor((calls) => calls.find((c) => c.method === 'views.publish' && c.args.user_id === user), `the Home tab of ${user}`, from);
const viewBlocks = (c: ApiCall) => (c.args.view as { blocks: unknown }).blocks;

/**
 * Answers every quiz question in the person's DM by clicking the button `pick` chooses (an
 * option id of the bank question), starting from the message holding the first question.
 * Returns the message holding the next non-question prompt (attestation or retake offer).
 */
async function answerAll(user: string, first: ApiCall, pick: (q: SettingQuiz['questions'][number]) => string): Promise<{ last: ApiCall; answered: number }> {
  const dm = dmOf(user);
  let message = first;
  let answered = 0;
  for (;;) {
    const asked = askedIn(message)!;
    if (asked === 'quiz:attest' || asked === 'quiz:retake') return { last: message, answered };
    const question = quiz.questions.find((q) => `quiz:${q.id}` === asked)!;
    const choice = button(message, { value: `${question.id}:${pick(question)}` });
    expect(choice.text).toMatch(/^\d$/);
    const from = h.fake.calls.length;
    expect((await h.click(user, { channel: dm, message }, choice)).status).toBe(200);
    message = await h.fake.waitForPost(dm, (c) => askedIn(c) !== undefined && askedIn(c) !== asked, from);
    answered += 1;
  }
}

test('SAFESTEP_QUIZ_REMINDER_DAYS sets the reminder period (default 7 days)', () => {
  expect(loadConfig({}, '/app').quizReminderDays).toBe(7);
  expect(loadConfig({ SAFESTEP_QUIZ_REMINDER_DAYS: '3' }, '/app').quizReminderDays).toBe(3);
  expect(() => loadConfig({ SAFESTEP_QUIZ_REMINDER_DAYS: '0' }, '/app')).toThrow(/SAFESTEP_QUIZ_REMINDER_DAYS/);
});

test("a DSL's /safestep quiz in the staff channel posts the invitation there, and nothing else goes there", async () => {
  const from = h.fake.calls.length;
  expect((await h.command(DSL, 'Quiz', STAFF_ROOM)).status).toBe(200);
  invitation = await h.fake.waitForPost(STAFF_ROOM, () => true, from);
  expect(textOf(invitation.args.blocks)).toContain(inviteText());
  expect(String(invitation.args.text)).toBe(inviteText());
  expect(buttonsIn(invitation.args.blocks).map((b) => [b.action_id, b.text])).toEqual([['ss_quiz_start', words.startButton]]);
  // Only the DSL is told it was posted (the command's ephemeral response).
  const note = await h.fake.waitFor((calls) => calls.find((c) => c.method === 'response'), 'the ephemeral note', from);
  expect(note.args).toMatchObject({ response_type: 'ephemeral' });
  expect(String(note.args.text)).toContain(words.posted);
  expect(chatIn(STAFF_ROOM)).toEqual([invitation]);
  expect(h.fake.calls.slice(from).filter((c) => c.method === 'chat.postMessage' && c.args.channel !== STAFF_ROOM)).toEqual([]);
  // Remembered as the staff quiz channel, with when it was posted.
  const ref = h.serving.app.stores.channelRefs.get('slack', `quiz-channel:${STAFF_ROOM}`) as { channel: string; postedAt: string };
  expect(ref.channel).toBe(STAFF_ROOM);
  expect(Date.now() - Date.parse(ref.postedAt)).toBeLessThan(60_000);
});

test('anyone else typing /safestep quiz in a channel posts nothing there: they are told only the DSL can, and get their own quiz in their DM', async () => {
  const from = h.fake.calls.length;
  await h.command(TEACHER, 'quiz', SECOND_ROOM);
  const first = await h.fake.waitForPost(dmOf(TEACHER), (c) => askedIn(c)?.startsWith('quiz:') === true, from);
  expect(textOf(first.args.blocks)).toContain('induction quiz');
  const note = await h.fake.waitFor((calls) => calls.find((c) => c.method === 'response'), 'the ephemeral note', from);
  expect(String(note.args.text)).toContain(words.notDsl);
  expect(chatIn(SECOND_ROOM)).toEqual([]);
  expect(h.serving.app.stores.channelRefs.get('slack', `quiz-channel:${SECOND_ROOM}`)).toBeUndefined();
});

test('Start DMs the person the first question; answering every question by its buttons passes, asks for the attestation and stores it all', async () => {
  const dm = dmOf(STAFF);
  let from = h.fake.calls.length;
  expect((await h.click(STAFF, { channel: STAFF_ROOM, message: invitation }, button(invitation, { action_id: 'ss_quiz_start' }))).status).toBe(200);
  const first = await h.fake.waitForPost(dm, (c) => askedIn(c) !== undefined, from);
  expect(h.fake.calls.slice(from).some((c) => c.method === 'conversations.open' && c.args.users === STAFF)).toBe(true);
  // The question, its long answers numbered, and number buttons carrying the choice ids.
  const asked = askedIn(first)!;
  const question = quiz.questions.find((q) => `quiz:${q.id}` === asked)!;
  expect(textOf(first.args.blocks)).toContain(`Question 1 of ${count()}`);
  for (const option of question.options) expect(button(first, { value: `${question.id}:${option.id}` }).text).toMatch(/^[1-4]$/);

  from = h.fake.calls.length;
  const { last, answered } = await answerAll(STAFF, first, (q) => q.correct);
  expect(answered).toBe(Number(count()));
  expect(askedIn(last)).toBe('quiz:attest');
  const result = h.fake.calls.slice(from).filter((c) => c.method === 'chat.postMessage' && c.args.channel === dm).map((c) => textOf(c.args.blocks)).join('\n');
  expect(result).toContain(`You have ${count()} out of ${count()} (100%): a pass`);
  // Each explanation shows the clause it comes from.
  expect(result).toMatch(/:page_facing_up: .+§/);
  // Answered questions lose their buttons.
  const update = h.fake.of('chat.update').find((c) => c.args.ts === first.response.ts)!;
  expect(buttonsIn(update.args.blocks)).toEqual([]);

  from = h.fake.calls.length;
  await h.click(STAFF, { channel: dm, message: last }, button(last, { value: 'attest:yes' }));
  const attested = await h.fake.waitForPost(dm, (c) => textOf(c.args.blocks).includes('Your pass and your confirmation were recorded'), from);
  expect(textOf(attested.args.blocks)).toContain(quiz.policyVersion);

  const store = h.serving.app.stores.quiz;
  const attempt = store.latestFor('upton-junior', STAFF)!;
  expect(attempt).toMatchObject({ channel: 'slack', conversationId: `slack:${TEAM}:${STAFF}`, passed: true, user: { id: STAFF, name: 'Jo Pike' } });
  expect(store.answers({ settingId: 'upton-junior' }).filter((a) => a.userId === STAFF).map((a) => a.correct)).toEqual(Array(Number(count())).fill(true));
  expect(store.attestations({ settingId: 'upton-junior' })).toEqual([expect.objectContaining({ attemptId: attempt.attemptId, policyVersion: quiz.policyVersion })]);
  // Nothing of it in the channel: still only the invitation.
  expect(chatIn(STAFF_ROOM)).toEqual([invitation]);
});

test('a wrong answer on every question is not a pass: the retake is offered, and declining is stored', async () => {
  const dm = dmOf(OTHER);
  let from = h.fake.calls.length;
  await h.click(OTHER, { channel: STAFF_ROOM, message: invitation }, button(invitation, { action_id: 'ss_quiz_start' }));
  const first = await h.fake.waitForPost(dm, (c) => askedIn(c) !== undefined, from);
  from = h.fake.calls.length;
  const { last } = await answerAll(OTHER, first, (q) => q.options.find((o) => o.id !== q.correct)!.id);
  expect(askedIn(last)).toBe('quiz:retake');
  const shown = h.fake.calls.slice(from).filter((c) => c.method === 'chat.postMessage' && c.args.channel === dm).map((c) => textOf(c.args.blocks)).join('\n');
  expect(shown).toContain(`You have 0 out of ${count()} (0%)`);
  expect(shown).toContain('Not quite - the answer is');

  from = h.fake.calls.length;
  await h.click(OTHER, { channel: dm, message: last }, button(last, { value: 'retake:no' }));
  await h.fake.waitForPost(dm, () => true, from);
  expect(h.serving.app.stores.quiz.latestFor('upton-junior', OTHER)).toMatchObject({ passed: false, phase: 'done' });
  expect(chatIn(STAFF_ROOM)).toEqual([invitation]);
});

test('a new member of the staff channel is invited by DM; the bot, other channels and people who have passed are not', async () => {
  const from = h.fake.calls.length;
  await h.event({ type: 'member_joined_channel', user: BOT, channel: STAFF_ROOM, channel_type: 'C', team: TEAM });
  await h.event({ type: 'member_joined_channel', user: NEWBIE, channel: SECOND_ROOM, channel_type: 'C', team: TEAM });
  await h.event({ type: 'member_joined_channel', user: STAFF, channel: STAFF_ROOM, channel_type: 'C', team: TEAM });
  await h.event({ type: 'member_joined_channel', user: NEWBIE, channel: STAFF_ROOM, channel_type: 'C', team: TEAM });
  const welcome = await h.fake.waitForPost(dmOf(NEWBIE), () => true, from);
  expect(textOf(welcome.args.blocks)).toContain(say(words.joinedInvite));
  expect(buttonsIn(welcome.args.blocks).map((b) => [b.action_id, b.text])).toEqual([['ss_quiz_start', words.startButton]]);
  await new Promise((resolve) => setTimeout(resolve, 200));
  const posts = h.fake.calls.slice(from).filter((c) => c.method === 'chat.postMessage');
  expect(posts.map((c) => c.args.channel)).toEqual([dmOf(NEWBIE)]);

  // Start in the welcome DM: the quiz begins in the same DM.
  const next = h.fake.calls.length;
  await h.click(NEWBIE, { channel: dmOf(NEWBIE), message: welcome }, button(welcome, { action_id: 'ss_quiz_start' }));
  await h.fake.waitForPost(dmOf(NEWBIE), (c) => askedIn(c)?.startsWith('quiz:') === true, next);
});

test('a reminder goes, by DM, only to members who have not passed, once the reminder period is over, and not again until the next', async () => {
  h.fake.members.set(STAFF_ROOM, [DSL, STAFF, OTHER, BOT, HELPER_BOT, NEWBIE, DEPUTY]);
  let from = h.fake.calls.length;
  expect(await h.sendQuizReminders(new Date(Date.now() + 3 * DAY))).toEqual([]);

  from = h.fake.calls.length;
  const reminded = await h.sendQuizReminders(new Date(Date.now() + 8 * DAY));
  expect(reminded.sort()).toEqual([DSL, OTHER, NEWBIE, DEPUTY].sort());
  // Every page of members was read.
  expect(h.fake.calls.slice(from).filter((c) => c.method === 'conversations.members').length).toBe(4);
  for (const user of reminded) {
    const dm = h.fake.of('chat.postMessage', dmOf(user)).find((c) => h.fake.calls.indexOf(c) >= from)!;
    expect(textOf(dm.args.blocks)).toContain(say(words.reminder, { days: '8' }));
    expect(buttonsIn(dm.args.blocks).map((b) => b.action_id)).toEqual(['ss_quiz_start']);
  }
  const posted = h.fake.calls.slice(from).filter((c) => c.method === 'chat.postMessage').map((c) => c.args.channel);
  expect(posted.sort()).toEqual(reminded.map(dmOf).sort());
  expect(chatIn(STAFF_ROOM)).toEqual([invitation]);

  expect(await h.sendQuizReminders(new Date(Date.now() + 9 * DAY))).toEqual([]);
  expect((await h.sendQuizReminders(new Date(Date.now() + 16 * DAY))).sort()).toEqual([DSL, OTHER, NEWBIE, DEPUTY].sort());
});

test("the DSL's Home tab shows who has passed (date, score, attestation, policy version), who has not, and the questions missed most", async () => {
  const from = h.fake.calls.length;
  await h.event({ type: 'app_home_opened', user: DSL, channel: dmOf(DSL), tab: 'home' });
  const view = await home(DSL, from);
  const shown = textOf(viewBlocks(view));
  expect(shown).toContain(words.reportHeading);
  expect(shown).toContain(`${words.passedHeading} (1)`);
  // Catalogue lines with a date: the date is a Slack date token, so compare the parts around it.
  const around = (text: string, vars: Record<string, string>) => say(text, { ...vars, date: '\u0001' }).split('\u0001').filter(Boolean);
  const staffLine = shown.split('\n').find((l) => l.includes('Jo Pike'))!;
  for (const part of around(words.passedLine, { score: count(), total: count(), percent: '100' })) expect(staffLine).toContain(part);
  for (const part of around(words.attestedLine, {})) expect(staffLine).toContain(part);
  expect(staffLine).toContain(formatDay(new Date().toISOString()));
  expect(shown).toContain(`${labelsOf(h).policyVersion}: ${shortPolicyVersion(quiz.policyVersion)}`);
  expect(shown).toContain(words.notPassedHeading);
  for (const name of ['Sam Other', 'Tess Teacher', 'Nia Newbie']) expect(shown).toContain(name);
  expect(shown).toContain(words.mostMissedHeading);
  const missed = shown.split('\n').filter((l) => l.startsWith('• ') && l.includes(say(words.missedLine, { missed: '1', count: '\u0001', question: '' }).split('\u0001')[0]!));
  expect(missed.length).toBeGreaterThan(0);
  const otherLine = shown.split('\n').find((l) => l.includes('Sam Other'))!;
  for (const part of around(words.notPassedLine, { number: count(), total: count() })) expect(otherLine).toContain(part);
  expect(shown).toContain(`<#${STAFF_ROOM}>`);
  expect(buttonsIn(viewBlocks(view)).map((b) => b.action_id)).toEqual(expect.arrayContaining(['ss_quiz_post', 'ss_quiz_start']));
  // Listed by name, never ranked.
  expect(shown.indexOf('Nia Newbie')).toBeLessThan(shown.indexOf('Sam Other'));
  expect(shown.indexOf('Sam Other')).toBeLessThan(shown.indexOf('Tess Teacher'));
});

test("a colleague's Home tab has the Start button but no one's results", async () => {
  const from = h.fake.calls.length;
  await h.event({ type: 'app_home_opened', user: OTHER, channel: dmOf(OTHER), tab: 'home' });
  const view = await home(OTHER, from);
  const shown = textOf(viewBlocks(view));
  for (const hidden of [words.reportHeading, words.passedHeading, words.notPassedHeading, 'Jo Pike', 'Nia Newbie', quiz.policyVersion]) expect(shown).not.toContain(hidden);
  expect(buttonsIn(viewBlocks(view)).map((b) => b.action_id)).not.toContain('ss_quiz_post');
  expect(buttonsIn(viewBlocks(view)).map((b) => b.text)).toContain(words.startButton);
});

test("the DSL's 'Post the induction quiz' opens a channel picker and posts the invitation where chosen; anyone else is refused", async () => {
  const dslHome = h.fake.of('views.publish').filter((c) => c.args.user_id === DSL).at(-1)!;
  const post = button({ ...dslHome, args: { blocks: viewBlocks(dslHome) } }, { action_id: 'ss_quiz_post' });
  expect(post.text).toBe(words.postButton);

  let from = h.fake.calls.length;
  await h.homeClick(OTHER, post);
  const refusal = await h.fake.waitForPost(dmOf(OTHER), () => true, from);
  expect(String(refusal.args.text)).toContain(words.notDsl);
  expect(h.fake.calls.slice(from).some((c) => c.method === 'views.open')).toBe(false);

  from = h.fake.calls.length;
  await h.homeClick(DSL, post);
  const open = await h.fake.waitFor((calls) => calls.find((c) => c.method === 'views.open'), 'the channel picker', from);
  const modal = open.args.view as { callback_id: string; blocks: { type: string; element?: { type: string } }[] };
  expect(modal.callback_id).toBe(QUIZ_POST_VIEW);
  expect(modal.blocks.find((b) => b.type === 'input')?.element?.type).toBe('conversations_select');

  from = h.fake.calls.length;
  const picked = { [QUIZ_CHANNEL_BLOCK]: { [QUIZ_CHANNEL_SELECT]: { type: 'conversations_select', selected_conversation: SECOND_ROOM } } };
  expect((await h.submitView(DSL, QUIZ_POST_VIEW, picked)).status).toBe(200);
  const posted = await h.fake.waitForPost(SECOND_ROOM, () => true, from);
  expect(textOf(posted.args.blocks)).toContain(inviteText());
  const updated = await home(DSL, from);
  expect(textOf(viewBlocks(updated))).toContain(`${words.posted} <#${SECOND_ROOM}>`);
  expect(h.serving.app.stores.channelRefs.get('slack', `quiz-channel:${SECOND_ROOM}`)).toBeDefined();

  // Slack refusing the post (e.g. SafeStep not in the channel) is shown on the DSL's Home tab.
  h.fake.failPostTo.add('C0NOTIN01');
  from = h.fake.calls.length;
  await h.submitView(DSL, QUIZ_POST_VIEW, { [QUIZ_CHANNEL_BLOCK]: { [QUIZ_CHANNEL_SELECT]: { type: 'conversations_select', selected_conversation: 'C0NOTIN01' } } });
  expect(textOf(viewBlocks(await home(DSL, from)))).toContain('channel_not_found');
  expect(h.serving.app.stores.channelRefs.get('slack', 'quiz-channel:C0NOTIN01')).toBeUndefined();

  // A colleague submitting the picker (a stale modal) posts nothing.
  from = h.fake.calls.length;
  await h.submitView(OTHER, QUIZ_POST_VIEW, picked);
  await h.fake.waitForPost(dmOf(OTHER), (c) => String(c.args.text).includes(words.notDsl), from);
  expect(h.fake.calls.slice(from).filter((c) => c.method === 'chat.postMessage' && c.args.channel === SECOND_ROOM)).toEqual([]);
});

test('in a DM, /safestep quiz simply starts (or resumes) the quiz there', async () => {
  const from = h.fake.calls.length;
  await h.command(DEPUTY, 'quiz', dmOf(DEPUTY));
  await h.fake.waitForPost(dmOf(DEPUTY), (c) => askedIn(c)?.startsWith('quiz:') === true, from);
  expect(h.fake.calls.slice(from).filter((c) => c.method === 'chat.postMessage').map((c) => c.args.channel)).toEqual([dmOf(DEPUTY)]);
  expect(h.fake.calls.slice(from).some((c) => c.method === 'response')).toBe(false);
});

test('the logs hold no names, answers or scores', () => {
  const logs = h.logs.join('\n');
  for (const secret of ['Jo Pike', 'Sam Other', 'Nia Newbie', 'Tess Teacher', quiz.questions[0]!.text]) expect(logs).not.toContain(secret);
  expect(h.fake.calls.filter((c) => c.method.startsWith('files.'))).toEqual([]);
});

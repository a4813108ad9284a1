/**
 * The induction quiz in Teams, end to end through the real CloudAdapter over HTTP on loopback
 * (auth off), with a local fake Bot Connector receiving every message: a DSL's "@SafeStep quiz"
 * posts the invitation card in the staff channel (and nothing else ever goes there); "Start the
 * quiz" opens the presser's personal chat and the questions arrive there; pressing the cards' own
 * buttons reaches the result and the attestation, kept in the database; the DSL's "quiz report"
 * gets the results privately; anyone else is refused. The right answers are read from the bank.
 */
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { render } from '../../src/core/template';
import { createLogger } from '../../src/log';
import { resolveQuiz, type SettingQuiz } from '../../src/quiz/resolve';
import { serveChannels, type Serving } from '../../src/serve';
import { makeTempDir } from '../store/fixtures';
import { startFakeConnector, type FakeConnector } from './fake-connector';
import { TeamsClient, cardOf, person, personalChat, submitsOf, textsOf, type Person } from './teams-client';

const ROOT = path.resolve(__dirname, '../..');
const SETTING = 'rainbow-preschool';
const STAFFROOM = '19:staffroom@thread.tacv2';

const dsl = person('aad-dsl', 'Sandra Burgess');
const newStarter = person('aad-new-1', 'Nia Newcomer');
const secondStarter = person('aad-new-2', 'Ollie Other');
/** The personal chat SafeStep opens itself for someone who wrote in a channel (see the fake connector). */
const openedChat = (p: Person) => `a:personal-created-${p.teamsId}`;

let temp: ReturnType<typeof makeTempDir>;
let connector: FakeConnector;
let serving: Serving;
let client: TeamsClient;

const words = () => serving.app.quizContent!.messages;
const setting = () => serving.app.content.settings.get(SETTING)!;
const bank = (): SettingQuiz => resolveQuiz(serving.app.quizContent!, setting(), serving.app.content.national)!;
const lastIn = (conversationId: string) => connector.to(conversationId).at(-1)!.activity;
const channelPosts = () => connector.sent.filter((s) => s.conversationId.startsWith(STAFFROOM));
/** The question the second starter gets wrong. */
let missedQuestion = '';

beforeAll(async () => {
  temp = makeTempDir();
  connector = await startFakeConnector();
  const env = { SAFESTEP_TEAMS_LOCAL: '1', TEAMS_DSL_USERS: 'aad-dsl', SAFESTEP_SETTING: SETTING, SAFESTEP_DATA_DIR: temp.dir, PORT: '0' };
  serving = await serveChannels(loadConfig(env, ROOT), { host: '127.0.0.1', log: createLogger('silent'), stderr: { write: () => true } });
  client = new TeamsClient(`http://127.0.0.1:${serving.port}/api/messages`, connector.url);
  for (const a of client.installPersonal(dsl)) await client.post(a);
});

afterAll(async () => {
  await serving?.stop();
  await connector?.close();
  temp?.cleanup();
});

/** Presses, in `chat`, the right answer (read from the bank) of every quiz question until the result; returns the texts seen. */
async function answerRightly(p: Person, chat: string): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < 30; i++) {
    const card = lastIn(chat);
    seen.push(...textsOf(card));
    const submits = submitsOf(card).filter((s) => typeof s.data.q === 'string' && /^quiz:/.test(String(s.data.q)));
    const prompt = String(submits[0]?.data.q ?? '');
    if (prompt === '' || prompt === 'quiz:attest' || prompt === 'quiz:retake') return seen;
    const questionId = prompt.slice('quiz:'.length);
    const right = bank().questions.find((q) => q.id === questionId)!.correct;
    const button = submits.find((s) => s.data.choice === `${questionId}:${right}`)!;
    expect(await client.post(client.messageIn(p, chat, { value: button.data }))).toBe(200);
  }
  throw new Error('the quiz did not end');
}

describe('the induction quiz in Teams', () => {
  test('a DSL\'s "@SafeStep quiz" posts the invitation card in the channel, and nothing else goes there', async () => {
    expect(await client.post(client.mention(dsl, STAFFROOM, 'quiz'))).toBe(200);

    const posts = channelPosts();
    expect(posts).toHaveLength(1);
    expect(posts[0]!.conversationId).toBe(STAFFROOM); // a post of its own, not a reply in the mention's thread
    const card = posts[0]!.activity;
    const count = Math.min(bank().questionsPerQuiz, bank().questions.length);
    expect(textsOf(card)).toEqual([render(words().channel.invite, setting(), { count: String(count), passmark: String(bank().passMark) })]);
    expect(submitsOf(card)).toEqual([{ title: words().channel.startButton, data: { ss: 'quiz-start' } }]);
    expect(serving.app.stores.channelRefs.get('teams', `quiz-channel:${STAFFROOM}`)).toMatchObject({ channel: STAFFROOM });

    // The DSL is told privately, with a button to the staff results.
    const note = lastIn(personalChat(dsl));
    expect(textsOf(note)).toEqual([words().channel.posted]);
    expect(submitsOf(note)).toEqual([{ title: words().channel.reportHeading, data: { ss: 'quiz-report' } }]);
  });

  test('pressing "Start the quiz" in the channel opens the person\'s personal chat and the first question arrives there', async () => {
    const start = submitsOf(channelPosts()[0]!.activity)[0]!.data;
    expect(await client.post(client.channelSubmit(newStarter, STAFFROOM, start))).toBe(200);

    expect(channelPosts()).toHaveLength(1);
    expect(connector.created.at(-1)).toMatchObject({ isGroup: false, members: [{ id: newStarter.teamsId }] });
    const first = lastIn(openedChat(newStarter));
    const texts = textsOf(first);
    expect(texts[0]).toBe(render(words().intro, setting(), { count: '10', passmark: String(bank().passMark) }));
    expect(texts[1]).toMatch(/^Question 1 of 10: /);
    expect(texts).toContain(render(serving.app.content.catalog.chatRetention, setting()));
    const submits = submitsOf(first);
    expect(submits.length).toBeGreaterThanOrEqual(3);
    for (const s of submits) expect(s.data).toMatchObject({ ss: 'choice', q: expect.stringMatching(/^quiz:/), choice: expect.stringMatching(/^[a-z0-9-]+:[a-z0-9-]+$/) });
  });

  test('answering every question with the cards\' own buttons reaches the result and, on a pass, the attestation; all stored', async () => {
    const chat = openedChat(newStarter);
    const seen = await answerRightly(newStarter, chat);
    const rights = seen.filter((t) => t.startsWith(`${words().right} `));
    expect(rights).toHaveLength(10);
    // Each explanation carries the clause it comes from, on the line under it.
    const explanation = textsOf(connector.to(chat).at(-2)!.activity);
    expect(explanation[1]).toMatch(/§/);

    const result = lastIn(chat);
    const resultText = render(words().resultPassed, setting(), { score: '10', total: '10', percent: '100', passmark: String(bank().passMark) });
    expect(textsOf(result)).toContain(resultText);
    const attest = submitsOf(result).filter((s) => s.data.q === 'quiz:attest');
    expect(attest.map((s) => s.data.choice)).toEqual(['attest:yes', 'attest:not-yet']);
    expect(await client.post(client.messageIn(newStarter, chat, { value: attest[0]!.data }))).toBe(200);
    expect(textsOf(lastIn(chat))[0]).toMatch(/^Thank you\. Your pass and your confirmation were recorded on \d{4}-\d{2}-\d{2}/);

    const store = serving.app.stores.quiz;
    const attempts = store.attempts({ settingId: SETTING }).filter((a) => a.user.id === 'aad-new-1');
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ channel: 'teams', conversationId: 'teams:tenant-rainbow:aad-new-1', passed: true, phase: 'done', user: { name: 'Nia Newcomer' } });
    expect(attempts[0]!.attestedAt).toBeDefined();
    const answers = store.answers({ settingId: SETTING }).filter((a) => a.userId === 'aad-new-1');
    expect(answers).toHaveLength(10);
    expect(answers.every((a) => a.correct)).toBe(true);
    expect(store.attestations({ settingId: SETTING })).toEqual([
      expect.objectContaining({ attemptId: attempts[0]!.attemptId, user: expect.objectContaining({ id: 'aad-new-1' }), policyVersion: bank().policyVersion }),
    ]);
    // Not one answer, explanation or score went to the channel.
    expect(channelPosts()).toHaveLength(1);
  });

  test('anyone else\'s "@SafeStep quiz" starts their own quiz privately; typed answers work; nothing is posted in the channel', async () => {
    expect(await client.post(client.mention(secondStarter, STAFFROOM, 'quiz'))).toBe(200);
    expect(channelPosts()).toHaveLength(1);
    const chat = openedChat(secondStarter);
    expect(textsOf(lastIn(chat))[1]).toMatch(/^Question 1 of 10: /);
    // One wrong answer (typed by number, as the intro says), then pause.
    const prompt = String(submitsOf(lastIn(chat))[0]!.data.q).slice('quiz:'.length);
    missedQuestion = prompt;
    const right = bank().questions.find((q) => q.id === prompt)!.correct;
    const wrongNumber = submitsOf(lastIn(chat)).findIndex((s) => s.data.choice !== `${prompt}:${right}`) + 1;
    await client.post(client.messageIn(secondStarter, chat, { text: String(wrongNumber) }));
    expect(textsOf(lastIn(chat))[0]).toMatch(/^Not quite - the answer is: /);
    await client.post(client.messageIn(secondStarter, chat, { text: 'stop quiz' }));
    expect(textsOf(lastIn(chat))).toEqual([render(words().paused, setting())]);
    // "quiz" typed in the personal chat resumes it there.
    await client.post(client.messageIn(secondStarter, chat, { text: 'quiz' }));
    expect(textsOf(lastIn(chat))[0]).toBe(render(words().resume, setting()));
    await client.post(client.messageIn(secondStarter, chat, { text: 'stop quiz' }));
    expect(channelPosts()).toHaveLength(1);
  });

  test('the DSL\'s "quiz report" gets the results in her personal chat: who passed (date, score, attested, policy version), who has not, what is missed most', async () => {
    const before = connector.sent.length;
    expect(await client.post(client.message(dsl, { text: 'quiz report' }))).toBe(200);
    const sent = connector.sent.slice(before);
    expect(sent.map((s) => s.conversationId)).toEqual([personalChat(dsl)]);
    const texts = textsOf(sent[0]!.activity);
    const w = words().channel;
    const today = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', dateStyle: 'medium' }).format(new Date());
    expect(texts.slice(0, 2)).toEqual([w.reportHeading, setting().name]);
    const passedAt = texts.indexOf(`${w.passedHeading} (1)`);
    expect(texts.slice(passedAt + 1, passedAt + 3)).toEqual([
      'Nia Newcomer',
      `${render(w.passedLine, setting(), { date: today, score: '10', total: '10', percent: '100' })} ${render(w.attestedLine, setting(), { date: today })}`,
    ]);
    expect(texts[passedAt + 3]).toMatch(new RegExp(`^${serving.app.content.catalog.labels.policyVersion}: .*quiz bank shared v\\d+, ${SETTING} v\\d+$`));
    expect(texts[passedAt + 3]).not.toMatch(/review due|\){3}/);
    const notPassedAt = texts.indexOf(`${w.notPassedHeading} (1)`);
    expect(texts.slice(notPassedAt + 1, notPassedAt + 3)).toEqual(['Ollie Other', render(w.notPassedLine, setting(), { date: today, number: '1', total: '10' })]);
    const missedAt = texts.indexOf(w.mostMissedHeading);
    expect(missedAt).toBeGreaterThan(notPassedAt);
    // Asked of both (the draw is random) or only of the second starter.
    const asked = serving.app.stores.quiz.answers({ settingId: SETTING }).filter((a) => a.questionId === missedQuestion).length;
    const question = bank().questions.find((q) => q.id === missedQuestion)!.text;
    expect(texts[missedAt + 1]).toBe(`1. ${render(w.missedLine, setting(), { question, missed: '1', count: String(asked) })}`);
    expect(texts).toHaveLength(missedAt + 2);
    // Listed by name, never ranked; no answers are shown.
    expect(JSON.stringify(cardOf(sent[0]!.activity))).not.toMatch(/"choice"/);

    // The button on the "posted" note gives the same, privately.
    const button = submitsOf(connector.to(personalChat(dsl)).find((s) => textsOf(s.activity)[0] === w.posted)!.activity)[0]!;
    await client.post(client.message(dsl, { value: button.data }));
    expect(textsOf(lastIn(personalChat(dsl)))).toEqual(texts);
  });

  test('anyone else asking for the results is refused, in their personal chat, and sees nothing of them', async () => {
    const refusal = render(words().channel.notDsl, setting());
    const before = connector.sent.length;
    await client.post(client.messageIn(newStarter, openedChat(newStarter), { text: 'quiz results' }));
    await client.post(client.messageIn(newStarter, openedChat(newStarter), { value: { ss: 'quiz-report' } }));
    await client.post(client.mention(secondStarter, STAFFROOM, 'quiz report'));
    const sent = connector.sent.slice(before);
    expect(sent.map((s) => s.conversationId)).toEqual([openedChat(newStarter), openedChat(newStarter), openedChat(secondStarter)]);
    for (const s of sent) expect(textsOf(s.activity)).toEqual([refusal]);
    expect(channelPosts()).toHaveLength(1);
  });

  test('reminders come to Teams too: each member of the staff channel who has not passed is reminded privately, after the set days', async () => {
    const late = person('aad-late-1', 'Lena Late');
    connector.members.set(STAFFROOM, [dsl, newStarter, secondStarter, late].map((p) => ({ id: p.teamsId, name: p.name, aadObjectId: p.aad })));
    const DAY = 24 * 60 * 60_000;
    expect(await serving.app.outreach.sendReminders(new Date(Date.now() + 3 * DAY))).toEqual([]);
    const before = connector.sent.length;
    const reminded = await serving.app.outreach.sendReminders(new Date(Date.now() + 8 * DAY));
    // Nia passed; the others (the DSL included: she has not taken it) are reminded.
    expect(reminded.sort()).toEqual([dsl.aad, secondStarter.aad, late.aad].sort());
    const sent = connector.sent.slice(before);
    // Privately: Sandra and Ollie in the chats SafeStep has with them, Lena in one it opened; never the channel.
    expect(sent.map((s) => s.conversationId).sort()).toEqual([personalChat(dsl), openedChat(secondStarter), openedChat(late)].sort());
    for (const s of sent) {
      expect(textsOf(s.activity)[0]).toBe(render(words().channel.reminder, setting(), { days: '8' }));
      expect(submitsOf(s.activity)).toEqual([{ title: words().channel.startButton, data: { ss: 'quiz-start' } }]);
    }
    expect(channelPosts()).toHaveLength(1);
    // Not again until the reminder period has passed once more.
    expect(await serving.app.outreach.sendReminders(new Date(Date.now() + 9 * DAY))).toEqual([]);
  });

  test('a new member of the staff channel is welcomed with the quiz, privately', async () => {
    const joiner = person('aad-joiner', 'Jay Joiner');
    const before = connector.sent.length;
    expect(await client.post(client.membersAdded(STAFFROOM, [joiner]))).toBe(200);
    const sent = connector.sent.slice(before);
    expect(sent.map((s) => s.conversationId)).toEqual([openedChat(joiner)]);
    expect(textsOf(sent[0]!.activity)).toEqual([render(words().channel.joinedInvite, setting())]);
  });
});

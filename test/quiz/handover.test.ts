/**
 * Someone who left the induction quiz half-done and then types about an incident or a danger gets
 * the conversation's reply (999 first, or the danger question, then the incident), and a note that
 * the quiz is paused - never "please pick one of the options". Quiz answers, buttons and commands
 * still go to the quiz. Through the real app (ChatService, real content, router and danger check).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import type { Reply } from '../../src/core/messages';
import { createLogger } from '../../src/log';

const root = path.resolve(__dirname, '..', '..');
const conv = { channel: 'console', conversationId: 'dm-quiz', settingId: 'upton-junior', user: { id: 'u1', name: 'Ana' } };
type App = ReturnType<typeof buildApp>;
let dataDir: string;
let app: App;

beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'safestep-handover-'));
  app = buildApp(loadConfig({ SAFESTEP_DATA_DIR: dataDir }, root), createLogger('silent'));
});
afterEach(() => {
  app.stores.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const send = (text: string) => app.host.turn({ ...conv, text });
const lastQuestion = (rs: Reply[]) => rs.filter((r): r is Extract<Reply, { type: 'question' }> => r.type === 'question').at(-1);
const pausedNote = (rs: Reply[]) => rs.at(-1)?.type === 'text' && /Quiz paused/.test((rs.at(-1) as { text: string }).text);
const pickOne = (rs: Reply[]) => rs.some((r) => r.type === 'text' && /pick one of the options/i.test(r.text));

async function halfDoneQuiz(): Promise<Reply[]> {
  const started = await send('quiz');
  expect(lastQuestion(started)?.id).toMatch(/^quiz:/);
  expect(app.quiz!.isActive(conv.conversationId)).toBe(true);
  return started;
}

describe('a half-done quiz, then a message about something else', () => {
  test('a child in danger now: the 999 reply first, then the incident, then "quiz paused"', async () => {
    await halfDoneQuiz();
    const r = await send('a year 7 girl is meeting a man she met on snapchat after school today');
    expect(r[0]?.type).toBe('danger');
    expect(lastQuestion(r)?.id.startsWith('quiz:')).toBe(false);
    expect(pickOne(r)).toBe(false);
    expect(pausedNote(r)).toBe(true);
    expect(app.quiz!.isActive(conv.conversationId)).toBe(false);
  });

  test('an incident: the conversation starts it (not "please pick"), and the quiz is paused', async () => {
    await halfDoneQuiz();
    const r = await send('a parent sent me a friend request on my personal facebook last night');
    expect(r.some((x) => x.type === 'danger')).toBe(false);
    expect(pickOne(r)).toBe(false);
    expect(r.some((x) => x.type === 'question' && !x.id.startsWith('quiz:'))).toBe(true);
    expect(pausedNote(r)).toBe(true);
  });

  test('possible danger: the danger question first; yes gives the 999 reply', async () => {
    await halfDoneQuiz();
    const asked = await send('a y9 boy says someone is blackmailing him over a photo');
    expect(asked[0]).toMatchObject({ type: 'question', id: 'danger' });
    expect(pausedNote(asked)).toBe(true);
    const yes = await app.host.turn({ ...conv, choice: 'danger:yes', questionId: 'danger' });
    expect(yes[0]?.type).toBe('danger');
  });

  test('the quiz can be picked up again where it was', async () => {
    const started = await halfDoneQuiz();
    await send('a parent sent me a friend request on my personal facebook last night');
    const resumed = await send('quiz');
    expect(lastQuestion(resumed)?.id).toBe(lastQuestion(started)?.id);
  });
});

describe('what still goes to the quiz', () => {
  test('an option typed as its label, its number, a short reply and a quiz command', async () => {
    const started = await halfDoneQuiz();
    const q = lastQuestion(started)!;
    const byLabel = await send(q.choices[0]!.label);
    expect(byLabel[0]).toMatchObject({ type: 'text', text: expect.stringMatching(/^(Right\.|Not quite)/) });
    const next = lastQuestion(byLabel)!;
    expect(next.id).toMatch(/^quiz:/);
    const short = await send('not sure');
    expect(pickOne(short)).toBe(true);
    expect((await send('2'))[0]).toMatchObject({ type: 'text', text: expect.stringMatching(/^(Right\.|Not quite)/) });
    const stopped = await send('stop quiz');
    expect(pausedNote(stopped)).toBe(true);
  });
});

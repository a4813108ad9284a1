/**
 * The quiz runner over the pure engine, in-process with the in-memory store: right/wrong with
 * explanation and citations after each answer, the result, a retake of exactly the missed
 * questions, the attestation with its policy version, pause and resume, stale buttons, danger
 * first, no images, and nothing claimed when the store cannot save.
 */
import type { Reply } from '../../src/core/messages';
import type { DangerDetector, Logger } from '../../src/core/ports';
import { QuizRunner, type QuizConversation } from '../../src/quiz/runner';
import type { QuizEffect } from '../../src/quiz/ports';
import type { QuizState } from '../../src/quiz/state';
import { MemoryQuizStore } from '../../src/store/memory-quiz';
import { realContent, realQuiz } from './fixture';

const silent: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const danger: DangerDetector = { detect: (t) => ({ danger: /in danger now/i.test(t), signals: [] }) };
const conv: QuizConversation = { channel: 'test', conversationId: 'dm-1', user: { id: 'u1', name: 'Ana Teacher' }, settingId: 'upton-junior' };
const upton = realQuiz('upton-junior');
const correctOf = (qid: string) => upton.questions.find((q) => q.id === qid)!.correct;

type Question = Extract<Reply, { type: 'question' }>;
const lastQuestion = (rs: Reply[]) => rs.filter((r): r is Question => r.type === 'question').at(-1)!;
const qidOf = (q: Question) => q.id.replace(/^quiz:/, '');

function makeRunner(store = new MemoryQuizStore(), seed = 11) {
  const { content, quiz } = realContent();
  let minute = 0;
  const clock = () => new Date(Date.UTC(2026, 0, 5, 9, minute++));
  return { store, runner: new QuizRunner({ content, quiz, store, clock, log: silent, danger, seed: () => seed }) };
}

/** Answers every question of the round; `wrong` says which to get wrong. Returns the replies of the last answer. */
async function answerRound(runner: QuizRunner, first: Reply[], wrong: (qid: string, i: number) => boolean): Promise<{ last: Reply[]; asked: string[] }> {
  let replies = first;
  const asked: string[] = [];
  for (let i = 0; lastQuestion(replies)?.id.startsWith('quiz:') && !['quiz:retake', 'quiz:attest'].includes(lastQuestion(replies).id); i++) {
    const q = lastQuestion(replies);
    const qid = qidOf(q);
    asked.push(qid);
    const option = wrong(qid, i) ? q.choices.map((c) => c.id.split(':')[1]!).find((o) => o !== correctOf(qid))! : correctOf(qid);
    replies = await runner.handle({ ...conv, choice: `${qid}:${option}` });
    const explanation = replies[0]!;
    expect(explanation).toMatchObject({ type: 'text', text: expect.stringMatching(wrong(qid, i) ? /^Not quite - the answer is: / : /^Right\. /) });
    expect((explanation as { citations?: unknown[] }).citations?.length).toBeGreaterThan(0);
  }
  return { last: replies, asked };
}

describe('a whole attempt', () => {
  test('fail, retake exactly the missed questions, pass, attest with the policy versions', async () => {
    const { runner, store } = makeRunner();
    const intro = await runner.start(conv);
    expect(intro[0]).toMatchObject({ type: 'text', text: expect.stringContaining('10 questions, and the pass mark is 80%') });
    expect(runner.isActive('dm-1')).toBe(true);

    const round1 = await answerRound(runner, intro, (_q, i) => i < 3);
    expect(round1.asked).toHaveLength(10);
    const result = round1.last.find((r) => r.type === 'quiz-result');
    expect(result).toMatchObject({ type: 'quiz-result', score: 7, total: 10, passed: false });
    const missed = round1.asked.slice(0, 3);
    for (const id of missed) expect((result as { text: string }).text).toContain(upton.questions.find((q) => q.id === id)!.text);
    expect(lastQuestion(round1.last)).toMatchObject({ id: 'quiz:retake', choices: [{ id: 'retake:yes' }, { id: 'retake:no' }] });

    const retake = await runner.handle({ ...conv, choice: 'retake:yes' });
    expect(retake[0]).toMatchObject({ type: 'text', text: expect.stringContaining('3 question(s) you missed') });
    const round2 = await answerRound(runner, retake, () => false);
    expect(round2.asked.sort()).toEqual([...missed].sort());
    expect(round2.last.find((r) => r.type === 'quiz-result')).toMatchObject({ score: 10, total: 10, passed: true });
    expect(lastQuestion(round2.last)).toMatchObject({ id: 'quiz:attest', choices: [{ id: 'attest:yes', label: "I have read and understood Upton Junior School's policy" }, { id: 'attest:not-yet' }] });

    const done = await runner.handle({ ...conv, choice: 'attest:yes' });
    expect(done[0]).toMatchObject({ type: 'text', text: expect.stringContaining('upton-junior-mobile-smart-tech-and-social-media-2022 (approved Term 1 2022') });
    expect(runner.isActive('dm-1')).toBe(false);
    expect(store.attestations()).toEqual([expect.objectContaining({ settingId: 'upton-junior', user: { id: 'u1', name: 'Ana Teacher' }, statement: "I have read and understood Upton Junior School's policy", policyVersion: upton.policyVersion })]);
    expect(store.answers()).toHaveLength(13);
    expect(store.answers().filter((a) => !a.correct).map((a) => a.questionId).sort()).toEqual([...missed].sort());
    expect(await runner.handle({ ...conv, text: '1' })).toEqual([{ type: 'text', text: expect.stringContaining('no quiz under way') }]);
  });

  test('"Not yet" keeps the pass; the next start asks only for the attestation', async () => {
    const { runner, store } = makeRunner();
    const round = await answerRound(runner, await runner.start(conv), () => false);
    expect(round.last.find((r) => r.type === 'quiz-result')).toMatchObject({ passed: true, score: 10 });
    expect(await runner.handle({ ...conv, text: '2' })).toEqual([expect.objectContaining({ text: expect.stringContaining('your pass is kept') })]);
    expect(store.attestations()).toEqual([]);
    const again = await runner.start({ ...conv, conversationId: 'other-channel', channel: 'slack' });
    expect(again[0]).toMatchObject({ text: expect.stringContaining('You passed Upton Junior School\'s induction quiz on 2026-01-05') });
    expect(lastQuestion(again).id).toBe('quiz:attest');
    await runner.handle({ ...conv, conversationId: 'other-channel', channel: 'slack', text: '1' });
    expect(store.attestations()).toHaveLength(1);
    expect(store.attempts()).toHaveLength(1);
  });
  test('a restart at the retake offer resumes there; declining finishes the attempt and the next start is a new one', async () => {
    const { runner, store } = makeRunner();
    await answerRound(runner, await runner.start(conv), (_q, i) => i < 5);
    const resumed = await makeRunner(store).runner.start(conv);
    expect(resumed[0]).toMatchObject({ text: expect.stringContaining('Welcome back') });
    expect(lastQuestion(resumed)).toMatchObject({ id: 'quiz:retake', text: expect.stringContaining('retake the 5 question(s)') });
    expect(await runner.handle({ ...conv, choice: 'retake:no' })).toEqual([expect.objectContaining({ text: expect.stringContaining('your answers so far are kept') })]);
    expect(runner.isActive('dm-1')).toBe(false);
    expect((await runner.start(conv))[0]).toMatchObject({ text: expect.stringContaining('10 questions') });
    expect(store.attempts().map((a) => [a.phase, a.passed])).toEqual([['done', false], ['question', false]]);
  });
});

describe('while a question is open', () => {
  test('a stale button, an unknown choice and free text are refused and the question repeated', async () => {
    const { runner, store } = makeRunner();
    const q = lastQuestion(await runner.start(conv));
    const other = upton.questions.find((x) => x.id !== qidOf(q))!;
    for (const inbound of [{ choice: `${other.id}:a` }, { choice: `${qidOf(q)}:a`, questionId: `quiz:${other.id}` }, { text: 'what is this?' }]) {
      const replies = await runner.handle({ ...conv, ...inbound });
      expect(replies[0]).toMatchObject({ type: 'text', text: expect.stringContaining('Please pick one of the options') });
      expect(lastQuestion(replies).id).toBe(q.id);
    }
    expect(store.answers()).toEqual([]);
    const byNumber = await runner.handle({ ...conv, text: '2', questionId: q.id });
    expect(byNumber[0]).toMatchObject({ type: 'text', text: expect.stringMatching(/^(Right|Not quite)/) });
  });

  test('"stop quiz" pauses (not active), and start resumes at the same question, even after a restart', async () => {
    const { runner, store } = makeRunner();
    const first = await runner.start(conv);
    const second = lastQuestion(await runner.handle({ ...conv, choice: `${qidOf(lastQuestion(first))}:a` }));
    expect(await runner.handle({ ...conv, text: 'stop quiz' })).toEqual([expect.objectContaining({ text: expect.stringContaining('Quiz paused') })]);
    expect(runner.isActive('dm-1')).toBe(false);
    const restarted = makeRunner(store, 999).runner;
    const resumed = await restarted.start(conv);
    expect(resumed[0]).toMatchObject({ text: expect.stringContaining('Welcome back') });
    expect(lastQuestion(resumed).text).toMatch(/^Question 2 of 10: /);
    expect(lastQuestion(resumed)).toEqual(second);
    expect(restarted.isActive('dm-1')).toBe(true);
  });

  test('danger comes first, and a file gets the imagery warning and is not kept', async () => {
    const { runner, store } = makeRunner();
    const q = lastQuestion(await runner.start(conv));
    const alarm = await runner.handle({ ...conv, text: 'a child is in danger now' });
    expect(alarm[0]).toMatchObject({ type: 'danger', text: expect.stringContaining('call 999') });
    expect(lastQuestion(alarm).id).toBe(q.id);
    const file = await runner.handle({ ...conv, files: [{ name: 'IMG_1.jpg' }] });
    expect(file.map((r) => r.type)).toEqual(['warning', 'question']);
    expect(JSON.stringify(store.attempts())).not.toContain('IMG_1');
  });
});

describe('storage', () => {
  test('when a commit fails, nothing is claimed and the attempt stays where it was', async () => {
    class Flaky extends MemoryQuizStore {
      fail = false;
      override commit(state: QuizState, effects: readonly QuizEffect[]): void {
        if (this.fail) throw Object.assign(new Error('disk full'), { code: 'SQLITE_FULL' });
        super.commit(state, effects);
      }
    }
    const store = new Flaky();
    const { runner } = makeRunner(store);
    const q = lastQuestion(await runner.start(conv));
    store.fail = true;
    const replies = await runner.handle({ ...conv, choice: `${qidOf(q)}:${correctOf(qidOf(q))}` });
    expect(replies).toEqual([{ type: 'error', text: expect.stringContaining('could not save that') }]);
    expect(store.answers()).toEqual([]);
    store.fail = false;
    expect((await runner.handle({ ...conv, choice: `${qidOf(q)}:${correctOf(qidOf(q))}` }))[0]).toMatchObject({ text: expect.stringMatching(/^Right\./) });
  });

  test('an attempt whose questions left the bank is replaced by a fresh one, saying so', async () => {
    const { runner, store } = makeRunner();
    await runner.start(conv);
    const state = store.load('dm-1')!;
    store.commit({ ...state, questions: ['gone', ...state.questions.slice(1)], items: [{ id: 'gone', options: ['a'] }, ...state.items.slice(1)] }, []);
    const replies = await runner.handle({ ...conv, text: '1' });
    expect(replies[0]).toMatchObject({ text: expect.stringContaining('updated since you started') });
    expect(store.attempts()).toHaveLength(2);
  });

  test('a setting without a bank is refused', async () => {
    const { runner } = makeRunner();
    await expect(runner.start({ ...conv, settingId: 'hogwarts' })).rejects.toMatchObject({ code: 'unknown_setting' });
  });
});

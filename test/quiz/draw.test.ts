/**
 * Drawing an attempt: every policy area appears (round-robin over areas), and question and
 * option order are shuffled per attempt, reproducibly from the seed kept in the attempt.
 */
import { draw, seededRng, shuffle } from '../../src/quiz/draw';
import { beginAttempt, type QuizContext } from '../../src/quiz/engine';
import { realContent, realQuiz } from './fixture';

const bank = [
  ...['a1', 'a2', 'a3', 'a4', 'a5', 'a6'].map((id) => ({ id, area: 'a' })),
  { id: 'b1', area: 'b' },
  { id: 'c1', area: 'c' },
  { id: 'c2', area: 'c' },
  { id: 'd1', area: 'd' },
];

describe('draw', () => {
  test('every area appears whenever n is at least the number of areas', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const picked = draw(bank, 4, seededRng(seed));
      expect(new Set(picked.map((q) => q.area))).toEqual(new Set(['a', 'b', 'c', 'd']));
      expect(new Set(picked.map((q) => q.id)).size).toBe(4);
    }
  });

  test('the same seed gives the same draw; different seeds give different orders', () => {
    expect(draw(bank, 7, seededRng(42))).toEqual(draw(bank, 7, seededRng(42)));
    const orders = new Set(Array.from({ length: 20 }, (_x, seed) => draw(bank, 7, seededRng(seed)).map((q) => q.id).join()));
    expect(orders.size).toBeGreaterThan(15);
  });

  test('asking for more than the bank holds gives the whole bank once', () => {
    const all = draw(bank, 50, seededRng(3));
    expect(all.map((q) => q.id).sort()).toEqual(bank.map((q) => q.id).sort());
  });

  test('shuffle is a permutation and leaves its input alone', () => {
    const input = [1, 2, 3, 4, 5];
    const out = shuffle(input, seededRng(9));
    expect([...out].sort()).toEqual(input);
    expect(input).toEqual([1, 2, 3, 4, 5]);
  });

  test('a real attempt: 10 questions covering every Upton area, options shuffled, reproducible from its seed', () => {
    const { content, quiz } = realContent();
    const ctx: QuizContext = { content, quiz, now: new Date('2026-01-05T09:00:00Z') };
    const init = { attemptId: 'x', channel: 'test', conversationId: 'c', user: { id: 'u' }, settingId: 'upton-junior' };
    const first = beginAttempt({ ...init, seed: 7 }, ctx).state;
    const again = beginAttempt({ ...init, seed: 7 }, ctx).state;
    const other = beginAttempt({ ...init, seed: 8 }, ctx).state;
    expect(first.items).toEqual(again.items);
    expect(other.items).not.toEqual(first.items);
    const areas = new Set(realQuiz('upton-junior').questions.map((q) => q.area));
    const byId = new Map(realQuiz('upton-junior').questions.map((q) => [q.id, q.area]));
    expect(first.questions).toHaveLength(10);
    expect(new Set(first.questions.map((id) => byId.get(id)))).toEqual(areas);
    const unshuffled = first.items.filter((item) => item.options.join() === [...item.options].sort().join());
    expect(unshuffled.length).toBeLessThan(5);
  });
});

/**
 * The danger check's misses by mechanism (src/nlu/danger-misses.ts): each missed danger message is
 * named by what stopped it, at the levels given, and nothing the detector would catch is counted.
 */
import { outcomeOf } from '../../src/nlu/danger-likeness-calibrate';
import type { OutOfAuthorScore } from '../../src/nlu/danger-likeness-folds';
import { countMechanisms, missesByMechanism } from '../../src/nlu/danger-misses';

const score = (text: string, danger: boolean, o: Partial<OutOfAuthorScore>): OutOfAuthorScore => ({ e: { text, danger }, s: undefined, raw: 1, certain: false, asked: false, silenced: false, plain: 0, ...o });
const at = { threshold: 0.5, demoteBelow: 0.1, overrideAt: 0.9 };

const scores: OutOfAuthorScore[] = [
  score('quiet and low', true, { s: 0.3, plain: 0.3 }),
  score('quiet and high: the backstop asks', true, { s: 0.7, plain: 0.7 }),
  score('silenced, backstop unsure', true, { silenced: true, plain: 0.6 }),
  score('silenced, backstop sure: overridden', true, { silenced: true, plain: 0.95 }),
  score('a final canceller spoke', true, { plain: 1 }),
  score('the rules give 999', true, { certain: true, raw: 0.8 }),
  score('a 999 demoted to the question', true, { certain: true, raw: 0.05 }),
  score('the rules ask', true, { asked: true }),
  score('non-danger, quiet', false, { s: 0.2, plain: 0.2 }),
];

describe('missesByMechanism', () => {
  const misses = missesByMechanism(scores, at);

  test('names each missed danger message by what stopped it', () => {
    expect(misses.map((m) => [m.score.e.text, m.mechanism])).toEqual([
      ['quiet and low', 'quiet-low'],
      ['silenced, backstop unsure', 'silenced-below-override'],
      ['a final canceller spoke', 'shut-by-final'],
    ]);
    expect(countMechanisms(misses)).toEqual({ 'quiet-low': 1, 'silenced-below-override': 1, 'shut-by-final': 1 });
  });

  test('agrees with the outcome counts at the same levels (the same decision per message)', () => {
    const o = outcomeOf(scores, at.threshold, at.demoteBelow, at.overrideAt);
    expect(o.positives - o.caught).toBe(misses.length);
    // Without the override the sure silenced one is missed too; with a lower threshold the high quiet one stays caught.
    expect(missesByMechanism(scores, { ...at, overrideAt: Infinity }).map((m) => m.score.e.text)).toContain('silenced, backstop sure: overridden');
    expect(missesByMechanism(scores, { ...at, threshold: 0.25 }).map((m) => m.mechanism)).toEqual(['silenced-below-override', 'shut-by-final']);
  });

  test('counts every mechanism, zero when none', () => {
    expect(countMechanisms([])).toEqual({ 'quiet-low': 0, 'silenced-below-override': 0, 'shut-by-final': 0 });
  });
});

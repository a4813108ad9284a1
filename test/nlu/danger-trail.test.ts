/**
 * A reassurance first, then a live risk told after it (ninth round, `keptByTrail` in
 * content/danger/cancellers.yaml): staff often open with "all fine" about the day before the thing
 * that matters. The `resolved` canceller no longer silences a risk told after its last words with a
 * present anchor there (nor does `safe-now`); it still lowers it by one level (the question, never the 999 reply on that
 * ground). A reassurance that comes after the risk, or that is about the risk itself, still cancels.
 * The author's own phrasings; none is from a measured set.
 */
import { createDangerDetector } from '../../src/nlu/danger';
import { cancellersFileSchema } from '../../src/nlu/danger-schema';
import { shippedNlu } from './fixtures';

const nlu = shippedNlu();
const detector = createDangerDetector(nlu.danger, { vocabulary: nlu.vocabulary });
const level = (text: string): 'certain' | 'possible' | 'none' => {
  const v = detector.detect(text);
  return v.danger ? 'certain' : v.question ? 'possible' : 'none';
};

describe('a reassurance about something else, then a live risk: the danger reply still comes', () => {
  test.each([
    'all fine at breakfast club this morning. then a man at the gate says mum sent him to collect lily now',
    "quick update, museum trip going well and everyone's fine. one of the year 5s is missing from the group right now, we've looked everywhere",
    'lunch was fine, no dramas. one thing though - a year 8 says a man she met on tiktok is waiting for her outside the chip shop after school today',
  ])('%s', (text) => {
    expect(level(text)).not.toBe('none');
  });
});

describe('a reassurance after the risk, or about the risk itself, still cancels', () => {
  test.each([
    "a year 3 boy was missing from the field for five minutes, he's fine now, he was in the toilets",
    'everyone is safe now - the man at the gate earlier was a new dad, the office checked',
    'not a safeguarding emergency, just a pupil upset about losing her streak',
    'the girl who said she had taken tablets is at a&e and stable, mum is with her now',
  ])('%s', (text) => {
    expect(level(text)).toBe('none');
  });
});

describe('the shape of keptByTrail', () => {
  const canceller = (extra: object) => ({ cancellers: [{ id: 'c', description: 'd', patterns: ['x'], lowers: 2, ...extra }] });
  const schema = cancellersFileSchema(new Set(['present']));

  test('the shipped resolved canceller uses it, lowering by one level', () => {
    const resolved = nlu.danger.cancellers.find((c) => c.id === 'resolved')!;
    expect(resolved.keptByTrail).toBe('present');
    expect(resolved.lowersWhenTrailed).toBe(1);
  });

  test('is given together with lowersWhenTrailed, and names a known cue', () => {
    expect(schema.safeParse(canceller({ keptByTrail: 'present', lowersWhenTrailed: 1 })).success).toBe(true);
    expect(schema.safeParse(canceller({ keptByTrail: 'present' })).error?.issues[0]?.message).toMatch(/together/);
    expect(schema.safeParse(canceller({ keptByTrail: 'nowhere', lowersWhenTrailed: 0 })).error?.issues[0]?.message).toMatch(/unknown cue "nowhere"/);
    expect(schema.safeParse(canceller({ keptByTrail: 'present', lowersWhenTrailed: 2 })).success).toBe(false);
  });
});

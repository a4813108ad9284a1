/**
 * The backstop overriding a canceller (issue 11, tenth round): when the cancellers silence every risk
 * the rules saw, or a sure canceller stops the backstop on a message with no signal, the backstop still
 * asks the question if its score reaches `overrideAt` — never the 999 reply, and never without the
 * setting (a canceller wins when the model has no overrideAt). Made-up models: "zebra" pushes the score
 * to about 1, "pony" to about 0.73.
 */
import { createDangerDetector } from '../../src/nlu/danger';
import { LikenessSchema } from '../../src/nlu/danger-likeness';
import type { OutOfAuthorScore } from '../../src/nlu/danger-likeness-folds';
import { chooseOverride, OVERRIDE_BUDGET } from '../../src/nlu/danger-likeness-override';
import { madeUpLikeness, shippedNlu } from './fixtures';

const nlu = shippedNlu();
const model = (overrideAt?: number) => madeUpLikeness(0.6, { zebra: 10, poni: 1 }, overrideAt !== undefined ? { overrideAt } : {});
const detector = (overrideAt?: number) => createDangerDetector({ ...nlu.danger, likeness: model(overrideAt) }, { vocabulary: nlu.vocabulary });
const rulesAlone = createDangerDetector({ ...nlu.danger, likeness: undefined }, { vocabulary: nlu.vocabulary });
// The rules fire on the knife at the gate, and the past and safe-now cancellers silence it.
const silenced = 'last year a man with a knife came to the school gate and the police took him away';

describe('overrideAt: the backstop asks although a canceller silenced the rules', () => {
  test('the message is silenced by the rules alone (the premise of the other tests)', () => {
    const v = rulesAlone.detect(`${silenced} zebra`);
    expect(v).toMatchObject({ danger: false, question: false });
    expect(v.cancelledBy!.length).toBeGreaterThan(0);
  });

  test('a silenced risk the backstop is sure of gets the question, never 999, and says which cancellers it overrode', () => {
    const v = detector(0.9).detect(`${silenced} zebra`);
    expect(v).toMatchObject({ danger: false, question: true });
    expect(v.cancelledBy).toEqual(expect.arrayContaining(['past', 'overridden-by-likeness']));
    expect(v.signals[0]).toMatch(/^likeness:1\.00/);
    // The flow the silenced signals name is kept, so a "yes" carries on into it (danger-check.ts).
    expect(v.flow).toBe(rulesAlone.detect('a man with a knife came to the school gate right now').flow);
    expect(v.flow).toBeDefined();
  });

  test('below overrideAt, or with no overrideAt, the canceller wins', () => {
    expect(detector(0.9).detect(`${silenced} pony`)).toMatchObject({ danger: false, question: false });
    expect(detector().detect(`${silenced} zebra`)).toMatchObject({ danger: false, question: false });
    expect(detector(0.9).detect(silenced)).toMatchObject({ danger: false, question: false });
  });

  test('a sure canceller with no signal (a hypothetical) stops the backstop unless it is at overrideAt', () => {
    const hypo = 'hypothetically what would you do about the zebra in the hall';
    expect(detector().detect(hypo)).toMatchObject({ question: false });
    const v = detector(0.9).detect(hypo);
    expect(v).toMatchObject({ danger: false, question: true });
    expect(v.cancelledBy).toContain('overridden-by-likeness');
    // The same words with no canceller are an ordinary backstop question (no override mentioned).
    const plain = detector().detect('there is a zebra in the hall');
    expect(plain).toMatchObject({ question: true, cancelledBy: [] });
  });

  test('the model file may not put overrideAt under the threshold (the error names the field)', () => {
    const r = LikenessSchema.safeParse({ ...model(0.5) });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['overrideAt']);
    expect(LikenessSchema.safeParse(model(0.6)).success).toBe(true);
  });
});

describe('chooseOverride (out-of-author fallback)', () => {
  let n = 0;
  const x = (danger: boolean, silencedScore?: number): OutOfAuthorScore => ({
    e: { text: `m${n++}`, danger }, s: undefined, raw: 1, certain: false, asked: false,
    ...(silencedScore !== undefined ? { silenced: true, plain: silencedScore } : { silenced: false, plain: 0.99 }),
  });
  // 2,000 non-danger (10 silenced at 0.95, 0.85 … ; the rest not silenced, whatever their score), 3 silenced dangers.
  const negatives = [...[0.95, 0.9, 0.85, 0.8, 0.8, 0.8, 0.8, 0.75, 0.7, 0.7].map((s) => x(false, s)), ...Array.from({ length: 1990 }, () => x(false))];
  const oof = [...negatives, x(true, 0.97), x(true, 0.88), x(true, 0.6)];

  test(`the lowest override whose questions on silenced non-danger stay within ${OVERRIDE_BUDGET * 100} % of all non-danger`, () => {
    // Budget: 5 of 2,000. At 0.80 seven would be asked; at 0.81 three (0.95, 0.9, 0.85).
    const c = chooseOverride(oof, 0.6)!;
    expect(c.overrideAt).toBeCloseTo(0.81, 5);
    expect([c.caught, c.silencedDanger, c.questions, c.negatives]).toEqual([2, 3, 3, 2000]);
  });

  test('none when it would catch nothing, and never under the threshold', () => {
    expect(chooseOverride([...negatives, x(true, 0.5)], 0.6)).toBeUndefined();
    expect(chooseOverride([x(true, 0.7), ...Array.from({ length: 1000 }, () => x(false))], 0.65)!.overrideAt).toBe(0.65);
  });
});

/**
 * Demotion (issue 11, fifth round): a 999 verdict that the likeness backstop scores as ordinary
 * business becomes the question — one level down, never to nothing — and its threshold is chosen on
 * out-of-author scores so that few of the authors' real 999 dangers lose the 999 reply.
 */
import { createDangerDetector } from '../../src/nlu/danger';
import { DEMOTE_MIN_WORDS } from '../../src/nlu/danger-likeness';
import { DEMOTE_BUDGET } from '../../src/nlu/danger-likeness-fit';
import { chooseDemotion, type OutOfAuthorScore } from '../../src/nlu/danger-likeness-folds';
import { madeUpLikeness, shippedNlu } from './fixtures';

const nlu = shippedNlu();
// A made-up model: "invoice" reads as business, everything else is neutral (score 0.5).
const model = (demoteBelow?: number) => madeUpLikeness(0.99, { invoice: -10 }, demoteBelow !== undefined ? { demoteBelow } : {});
const detector = (demoteBelow?: number) => createDangerDetector({ ...nlu.danger, likeness: model(demoteBelow) }, { vocabulary: nlu.vocabulary });
const live = 'there is a man with a knife at the school gate right now shouting at the children';
const business = `${live} about the invoice`;

describe('demotion of a 999 verdict that reads like business', () => {
  test('a certain message scoring below demoteBelow gets the question, and says why', () => {
    expect(detector(0.2).detect(live)).toMatchObject({ danger: true, question: false });
    const v = detector(0.2).detect(business);
    expect(v).toMatchObject({ danger: false, question: true });
    expect(v.cancelledBy).toContain('looks-like-business');
    expect(v.signals.length).toBeGreaterThan(0);
  });

  test('without demoteBelow, or for a message under the word minimum, nothing is demoted', () => {
    expect(detector().detect(business)).toMatchObject({ danger: true });
    const short = 'knife at gate now invoice';
    expect(short.split(' ').length).toBeLessThan(DEMOTE_MIN_WORDS);
    expect(detector(0.2).detect(short).danger).toBe(detector().detect(short).danger);
  });

  test('a quiet message stays quiet: demotion never raises or drops anything but a 999', () => {
    const quiet = 'the invoice for the new boiler is on my desk in the office';
    expect(detector(0.2).detect(quiet)).toMatchObject({ danger: false, question: false });
  });
});

describe('chooseDemotion', () => {
  const row = (danger: boolean, certain: boolean, raw: number): OutOfAuthorScore => ({ e: { text: `${raw}`, danger }, s: undefined, raw, certain, asked: false });
  test(`demotes at most ${DEMOTE_BUDGET * 100} % of the certain dangers (out of author), whatever the non-danger scores`, () => {
    const dangers = Array.from({ length: 400 }, (_, i) => row(true, true, 0.1 + (i / 400) * 0.9));
    const oof = [...dangers, row(false, true, 0.01), row(true, false, 0.0)];
    const t = chooseDemotion(oof);
    const demoted = dangers.filter((x) => x.raw < t).length;
    expect(demoted).toBeLessThanOrEqual(Math.floor(DEMOTE_BUDGET * dangers.length));
    expect(t).toBeGreaterThan(0.1);
    expect(chooseDemotion([row(true, true, 0.9)])).toBeLessThanOrEqual(0.5);
  });
});

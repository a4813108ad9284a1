/**
 * The likeness backstop's per-author folds (src/nlu/danger-likeness-folds.ts): an author's messages
 * are only ever scored by a model fitted without them, the threshold comes from those scores, and
 * leave-one-author-out runs the whole procedure (fit and threshold) without the author.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fit, type Example } from '../../src/nlu/danger-likeness-fit';
import { createDangerDetector } from '../../src/nlu/danger';
import { draftModel } from '../../src/nlu/danger-likeness-fit';
import { chooseThreshold, foldSubsets, leaveOneAuthorOut, outOfAuthorScores, scoresBy, subsetKey } from '../../src/nlu/danger-likeness-folds';
import { chooseOverride } from '../../src/nlu/danger-likeness-override';
import { DANGER_AUTHORS, DANGER_CALIBRATION_FILE } from '../../src/nlu/danger-set';
import { DEV_SET_FILE, FRESH_SET_FILE, readDevSet } from '../../src/nlu/dev-set';
import { ROOT, shippedNlu } from './fixtures';

const nlu = shippedNlu();
const rules = { ...nlu.danger, likeness: undefined };

// Made-up words the rules know nothing about: only author "zed" ever writes "zebra quokka" as danger.
const filler = ['photocopier jammed again', 'parents evening rota', 'lunch menu change', 'timetable swap period four', 'laminator broken', 'staff car park full'];
const examples: Example[] = [
  ...filler.flatMap((t, i) => [{ text: `${t} ${i}`, danger: false }, { text: `${t} again ${i}`, danger: false }]),
  ...['wombat ocelot near the hut', 'wombat ocelot by the shed', 'wombat ocelot at the den'].map((text) => ({ text, danger: true, author: 'wom' })),
  ...['tapir walrus by the hut', 'tapir walrus near the den'].map((text) => ({ text, danger: false, author: 'wom' })),
  ...['zebra quokka near the hut', 'zebra quokka by the shed', 'zebra quokka at the den'].map((text) => ({ text, danger: true, author: 'zed' })),
  ...['tapir walrus by the shed', 'tapir walrus at the hut'].map((text) => ({ text, danger: false, author: 'zed' })),
];
const dev = [{ text: 'where is the minibus key', danger: false }];

describe('per-author folds of the likeness backstop', () => {
  test("an author's messages are scored by a model that never saw them", () => {
    const inSample = fit(examples, nlu.vocabulary);
    const zebra = examples.find((e) => e.text === 'zebra quokka near the hut')!;
    const scored = outOfAuthorScores(examples, rules, nlu.vocabulary).find((x) => x.e === zebra)!;
    const z = inSample.bias + (inSample.weights.get('zebra') ?? 0) + (inSample.weights.get('quokka') ?? 0) + (inSample.weights.get('zebra quokka') ?? 0);
    expect(z).toBeGreaterThan(0.5); // fitted with "zed", the model has learnt its words…
    expect(scored.s).toBeDefined();
    expect(scored.s!).toBeLessThan(1 / (1 + Math.exp(-z)) - 0.2); // …without "zed", it has not
  });

  test('without the authors (trainOnAuthors: false) every author is scored by the same shared model', () => {
    const shared = outOfAuthorScores(examples, rules, nlu.vocabulary, { trainOnAuthors: false });
    const byText = new Map(shared.map((x) => [x.e.text, x.s]));
    expect(byText.get('wombat ocelot near the hut')).toBeCloseTo(byText.get('zebra quokka near the hut')!, 6);
  });

  test('the threshold is chosen from those scores and says which limit bound it; leave-one-author-out reports every author', () => {
    const choice = chooseThreshold(examples, dev, rules, nlu.vocabulary, fit(examples, nlu.vocabulary));
    expect(choice.threshold).toBeGreaterThanOrEqual(0.5);
    expect(choice.threshold).toBeLessThanOrEqual(0.95);
    expect(choice.report.outOfAuthorQuestionsOnNonDanger).toMatch(/^\d+\/4$/);
    expect(String(choice.report.bindingLimit)).toMatch(/budget|near-misses|floor|ceiling/);
    const folds = leaveOneAuthorOut(examples, dev, rules, nlu.vocabulary);
    expect(folds.map((f) => [f.author, f.evaluation.positives, f.evaluation.negatives])).toEqual([['wom', 3, 2], ['zed', 3, 2]]);
  });
});

describe('fold isolation: the held-out author never shapes its own fold', () => {
  // A third author, and a version of the data where "zed" wrote something else entirely: more
  // messages, danger words of another author's written as non-danger, and the labels turned round.
  const yak = ['yak heron near the hut', 'yak heron by the shed'].map((text) => ({ text, danger: true, author: 'yak' }));
  const three: Example[] = [...examples, ...yak, { text: 'tapir walrus near the shed', danger: false, author: 'yak' }];
  const zedRewritten: Example[] = [
    ...three.filter((e) => e.author !== 'zed'),
    ...['wombat ocelot near the shed', 'wombat ocelot at the hut', 'yak heron at the den', 'yak heron near the den'].map((text) => ({ text, danger: false, author: 'zed' })),
    ...['tapir walrus near the hut', 'parents evening rota again'].map((text) => ({ text, danger: true, author: 'zed' })),
  ];
  const fold = (xs: Example[], author: string, o = {}) => leaveOneAuthorOut(xs, dev, rules, nlu.vocabulary, o).find((f) => f.author === author)!;

  test("rewriting an author's messages leaves their fold's model, threshold, demotion and override as they were", () => {
    for (const o of [{}, { trainOnAuthors: false }]) {
      const before = fold(three, 'zed', o);
      const after = fold(zedRewritten, 'zed', o);
      expect(after.model).toEqual(before.model);
      expect([after.threshold, after.demoteBelow, after.overrideAt]).toEqual([before.threshold, before.demoteBelow, before.overrideAt]);
      // …and only the measurement on zed moved (the same fold scores zed's new messages).
      expect(after.evaluation.positives).toBe(2);
    }
  });

  test("a fold's model is fitted without the author, and its threshold chosen without them", () => {
    const f = fold(zedRewritten, 'zed');
    const without = zedRewritten.filter((e) => e.author !== 'zed');
    expect(f.model).toEqual(fit(without, nlu.vocabulary));
    const choice = chooseThreshold(without, dev, rules, nlu.vocabulary, fit(without, nlu.vocabulary));
    expect([f.threshold, f.demoteBelow]).toEqual([choice.threshold, choice.demoteBelow]);
    // …and its override from the same out-of-author scores, never zed's (eleventh round).
    expect(f.overrideAt).toEqual(chooseOverride(choice.oof, choice.threshold)?.overrideAt);
    // Had zed's rewritten messages been seen (zed's non-danger "wombat ocelot" scored out of author), the threshold would move.
    expect(chooseThreshold(zedRewritten, dev, rules, nlu.vocabulary, fit(zedRewritten, nlu.vocabulary)).threshold).not.toBe(f.threshold);
    // The other authors' folds do see zed's rewrite (so the rewrite is a real change).
    expect(fold(zedRewritten, 'wom').model).not.toEqual(fold(three, 'wom').model);
  });

  test('models fitted beforehand (foldSubsets, as the bench hands them in) give the same folds, and a stale one is never used', () => {
    const subsets = foldSubsets(three);
    expect(subsets).toHaveLength(3 + 3); // without each author, and without each pair
    const models = new Map(subsets.map((xs) => [subsetKey(xs), fit(xs, nlu.vocabulary)]));
    const plain = leaveOneAuthorOut(three, dev, rules, nlu.vocabulary);
    expect(leaveOneAuthorOut(three, dev, rules, nlu.vocabulary, { models })).toEqual(plain);
    // The same models handed to the rewritten data: every subset with zed's messages in it has another key.
    const rewritten = leaveOneAuthorOut(zedRewritten, dev, rules, nlu.vocabulary, { models });
    expect(rewritten).toEqual(leaveOneAuthorOut(zedRewritten, dev, rules, nlu.vocabulary));
    expect(rewritten.find((f) => f.author === 'wom')!.model).not.toEqual(plain.find((f) => f.author === 'wom')!.model);
    expect(foldSubsets(three, { trainOnAuthors: false })).toEqual([three.filter((e) => !e.author)]);
  });
});

describe("the folds' kept rule verdicts", () => {
  test('score every message as the detector itself does (likenessOf, the rules alone, demotion)', () => {
    // The dev set (never a holdout) and the hand-written examples, through the shipped model.
    const texts = readDevSet(path.join(ROOT, DEV_SET_FILE), DEV_SET_FILE).slice(0, 150).map((c) => ({ text: c.text, danger: c.danger === true }));
    const model = fit(examples, nlu.vocabulary);
    const d = createDangerDetector({ ...rules, likeness: draftModel(model, '0'.repeat(16)) }, { vocabulary: nlu.vocabulary });
    const r = createDangerDetector(rules, { vocabulary: nlu.vocabulary });
    const scores = scoresBy(texts, rules, nlu.vocabulary, model);
    expect(scores.some((x) => x.certain) && scores.some((x) => x.asked) && scores.some((x) => x.s !== undefined)).toBe(true);
    for (const x of scores) {
      expect([x.e.text, x.s]).toEqual([x.e.text, d.likenessOf(x.e.text)]);
      const v = r.detect(x.e.text);
      expect([x.e.text, x.certain, x.asked]).toEqual([x.e.text, v.danger, !v.danger && v.question === true]);
    }
  });
});

describe('the authors of tuning material', () => {
  // The backstop trains on every file listed here and bench/danger-authors reads them: a holdout,
  // the dev set or the fresh set must never be one of them.
  test('are thirty-nine (every tuning part since the twelfth round), and list only tuning files (no holdout, calibration part, dev or fresh set)', () => {
    const files = DANGER_AUTHORS.flatMap((a) => a.files);
    expect(DANGER_AUTHORS.map((a) => a.id)).toEqual(Array.from({ length: 39 }, (_, i) => `tune-${i + 1}`));
    // Every holdout file there is (3-7 were retired into tuning parts 11-13, 20 and 21) and the
    // calibration part, which only the threshold choice may see (as counts).
    const holdouts = fs.readdirSync(path.join(ROOT, 'test/nlu')).filter((f) => /^danger-real-(holdout|calibration).*\.yaml$/.test(f)).map((f) => `test/nlu/${f}`);
    expect(holdouts).toEqual(expect.arrayContaining([DANGER_CALIBRATION_FILE]));
    expect(holdouts.length).toBeGreaterThanOrEqual(5);
    for (const f of [...holdouts, DEV_SET_FILE, FRESH_SET_FILE]) expect(files).not.toContain(f);
    expect(files.every((f) => /^test\/nlu\/danger-real-(tune|check)[-0-9]*\.yaml$/.test(f))).toBe(true);
  });
});

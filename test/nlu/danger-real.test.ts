/**
 * The real-world danger set (test/nlu/danger-real.md): the floors on its tuning parts, and the shape
 * of the first two holdouts (which `npm run bench` measures; nobody tunes on them, so no floor here).
 * Holdouts 3-5 were retired into tuning parts 11-13 in the seventh round, 6 and 7 into parts 20 and
 * 21 in the eighth; the calibration part is kept out of training like a holdout.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { evaluateDanger } from '../../src/nlu/evaluate';
import { createDangerDetector } from '../../src/nlu/danger';
import {
  DANGER_AUTHORS,
  DANGER_CALIBRATION_FILE,
  DANGER_CHECK_2_FILE,
  DANGER_CHECK_FILE,
  DANGER_HOLDOUT_2_FILE,
  DANGER_HOLDOUT_FILE,
  DANGER_TUNE_2_FILE,
  DANGER_TUNE_3_FILE,
  DANGER_TUNE_4_FILE,
  DANGER_TUNE_5_FILE,
  DANGER_TUNE_6_FILE,
  DANGER_TUNE_7_FILE,
  DANGER_TUNE_8_FILE,
  DANGER_TUNE_9_FILE,
  DANGER_TUNE_10_FILE,
  DANGER_TUNE_11_FILE,
  DANGER_TUNE_12_FILE,
  DANGER_TUNE_13_FILE,
  DANGER_TUNE_14_FILE,
  DANGER_TUNE_15_FILE,
  DANGER_TUNE_16_FILE,
  DANGER_TUNE_17_FILE,
  DANGER_TUNE_18_FILE,
  DANGER_TUNE_19_FILE,
  DANGER_TUNE_20_FILE,
  DANGER_TUNE_21_FILE,
  DANGER_TUNE_FILE,
  readDangerAuthors,
  readDangerSet,
} from '../../src/nlu/danger-set';
import { LIKENESS_TRAINING_FILES } from '../../src/nlu/danger-likeness-train';
import { ROOT, shippedNlu } from './fixtures';

/** Tuning part n's file, as DANGER_AUTHORS lists it (author id tune-n). */
const partFile = (n: number): string => DANGER_AUTHORS.find((a) => a.id === `tune-${n}`)!.files[0]!;

const nlu = shippedNlu();
const detector = createDangerDetector(nlu.danger, { vocabulary: nlu.vocabulary });
const tune = readDangerSet(path.join(ROOT, DANGER_TUNE_FILE), DANGER_TUNE_FILE);
const holdout = readDangerSet(path.join(ROOT, DANGER_HOLDOUT_FILE), DANGER_HOLDOUT_FILE);
const holdout2 = readDangerSet(path.join(ROOT, DANGER_HOLDOUT_2_FILE), DANGER_HOLDOUT_2_FILE);
const tune11 = readDangerSet(path.join(ROOT, DANGER_TUNE_11_FILE), DANGER_TUNE_11_FILE);
const tune2 = readDangerSet(path.join(ROOT, DANGER_TUNE_2_FILE), DANGER_TUNE_2_FILE);
const check = [DANGER_CHECK_FILE, DANGER_CHECK_2_FILE].flatMap((file) => readDangerSet(path.join(ROOT, file), file));
const tune3 = readDangerSet(path.join(ROOT, DANGER_TUNE_3_FILE), DANGER_TUNE_3_FILE);
const tune4 = readDangerSet(path.join(ROOT, DANGER_TUNE_4_FILE), DANGER_TUNE_4_FILE);

describe('the real-world danger set', () => {
  test('has at least 150 danger and 300 non-danger messages, at least a third held out', () => {
    const all = [...tune, ...holdout];
    expect(all.filter((c) => c.danger).length).toBeGreaterThanOrEqual(150);
    expect(all.filter((c) => !c.danger).length).toBeGreaterThanOrEqual(300);
    expect(holdout.length * 3).toBeGreaterThanOrEqual(all.length);
    expect(new Set(all.map((c) => c.text)).size).toBe(all.length);
  });

  test('labels every danger message with its kind of source and every other with why it is hard', () => {
    const all = [...tune, ...holdout];
    expect(all.filter((c) => (c.danger ? c.source === undefined : c.kind === undefined))).toEqual([]);
  });

  test('the second holdout: at least 60 danger and 120 non-danger messages, labelled, none repeated from the first set', () => {
    expect(holdout2.filter((c) => c.danger).length).toBeGreaterThanOrEqual(60);
    expect(holdout2.filter((c) => !c.danger).length).toBeGreaterThanOrEqual(120);
    expect(holdout2.filter((c) => (c.danger ? c.source === undefined : c.kind === undefined))).toEqual([]);
    const earlier = new Set([...tune, ...holdout].map((c) => c.text));
    expect(holdout2.filter((c) => earlier.has(c.text)).length).toBe(0);
    expect(new Set(holdout2.map((c) => c.text)).size).toBe(holdout2.length);
  });

  // The tuning floors, at what the third round reached (0 false alarms; the question on 2/211 and
  // 0/174), with room for one message each way when the likeness model is retrained on new flow
  // examples. The targets (≤ 2 %, ≤ 10 %) are for the holdouts.
  test.each([
    ['tuning part', () => tune],
    ['tuning part 2', () => tune2],
  ])('%s: every danger message gets 999 or the question; 999 on ≤ 0.5%, the question on ≤ 3% of the rest', (_name, set) => {
    const d = evaluateDanger(detector, set());
    expect(d.missed).toEqual([]);
    expect(d.falseAlarmRate).toBeLessThanOrEqual(0.005);
    expect(d.questionRate).toBeLessThanOrEqual(0.03);
  });

  // Tuning parts 3 and 4 (fourth round, independent authors A and B): first read, before any change,
  // 91/115 and 100/122 caught, 999 on 13/179 and 14/194, the question on 17/179 and 17/194; then
  // tuned on (danger-real.md). Floors at what the round reached, with room for a retrain.
  test.each([
    ['tuning part 3 (author A)', () => tune3, 113],
    ['tuning part 4 (author B)', () => tune4, 120],
  ])('%s: at least the recall reached; 999 on ≤ 1%, the question on ≤ 10% of the rest', (_name, set, caught) => {
    const d = evaluateDanger(detector, set());
    expect(d.caught).toBeGreaterThanOrEqual(caught);
    expect(d.falseAlarmRate).toBeLessThanOrEqual(0.01);
    expect(d.questionRate).toBeLessThanOrEqual(0.1);
  });

  // Tuning parts 5-10 (authors G, H, I, J, K, L). First reads, before any rule was written for them
  // (danger-real.md): G 109/118, 999 12/186; H 101/114, 12/180; I 121/136, 10/174; J 94/106, 17/233.
  // Then tuned on (G and H in the fifth round's cancellers, I and J in its categories) and trained on
  // by the backstop, so these are tuning floors at what the round reached, with room for a retrain:
  // [part, caught at least, 999 on at most, the question on at most (share of the non-danger)].
  // Seventh round: the backstop spends the question budget on recall (about 8.5 % out of author in all),
  // so the question floors rose by about the same as each author's in-sample question rate.
  test.each([
    ['tuning part 5 (author G)', DANGER_TUNE_5_FILE, 116, 0.01, 0.11],
    ['tuning part 6 (author H)', DANGER_TUNE_6_FILE, 112, 0.012, 0.12],
    // Eleventh round: part 7 lost one danger message, a near-twin of a holdout-11 one (133 of 133 caught).
    ['tuning part 7 (author I)', DANGER_TUNE_7_FILE, 133, 0.01, 0.11],
    ['tuning part 8 (author J)', DANGER_TUNE_8_FILE, 104, 0.01, 0.12],
    // Authors K and L (sixth round): first read K 143/168, 999 3/174, the question 16/174; L 81/86,
    // 11/241, 43/241 (rules alone K 101/168, 6/174, 9/174; L 66/86, 19/241, 30/241). Then tuned on by
    // category (danger-real.md, "Sixth round"); floors at what the round reached, with room for a retrain.
    ['tuning part 9 (author K)', DANGER_TUNE_9_FILE, 164, 0.012, 0.1],
    ['tuning part 10 (author L)', DANGER_TUNE_10_FILE, 84, 0.005, 0.09],
    // Authors M, N and O (holdouts 3, 4 and 5, retired in the seventh round): first read as tuning parts
    // M 91/98, 999 5/180, the question 18/180; N 93/100, 6/186, 9/186; O 96/105, 4/209, 24/209 (rules
    // alone M 73/98, N 71/100, O 68/105). Then tuned on by category (danger-real.md, "Seventh round").
    ['tuning part 11 (author M)', DANGER_TUNE_11_FILE, 96, 0.02, 0.09],
    ['tuning part 12 (author N)', DANGER_TUNE_12_FILE, 97, 0.02, 0.08],
    ['tuning part 13 (author O)', DANGER_TUNE_13_FILE, 100, 0.015, 0.14],
    // Authors P and Q (seventh round, new): first read on the seventh round's rules and backstop P 194/213,
    // 999 5/227, the question 33/227; Q 162/169, 9/210, 35/210 (danger-real.md). No rule was written from
    // them; they train the backstop and set its threshold (0.53 -> 0.567), so these floors are in sample
    // for the backstop only (P 204/213, 3/227, 28/227; Q 165/169, 8/210, 30/210 when set). Second half of
    // the seventh round: cancellers by category from their false alarms and questions (danger-real.md,
    // "the question a stranger sees"), now tuning floors: P 205/213, 0/227, 18/227; Q 165/169, 1/210, 16/210.
    ['tuning part 14 (author P)', DANGER_TUNE_14_FILE, 203, 0.01, 0.095],
    ['tuning part 15 (author Q)', DANGER_TUNE_15_FILE, 163, 0.01, 0.095],
    // Eighth round: R, S, T, U and the retired holdouts' authors W and X join the backstop (21 authors).
    // First reads in danger-real.md; shipped at the end of the round (in sample for the backstop and the
    // round's cancellers): R 129/134, 999 6/228, the question 28/228; S 157/164, 6/230, 22/230;
    // T 152/159, 5/240, 30/240; U 146/153, 3/239, 24/239; W 113/122, 6/221, 23/221; X 109/115, 5/208,
    // 16/208. Floors at that, with room for a retrain; their 999 rates are above the 2 % target, which
    // the next round's rules must bring down (danger-real.md, "Eighth round").
    ['tuning part 16 (author R)', DANGER_TUNE_16_FILE, 127, 0.035, 0.135],
    ['tuning part 17 (author S)', DANGER_TUNE_17_FILE, 155, 0.035, 0.11],
    ['tuning part 18 (author T)', DANGER_TUNE_18_FILE, 150, 0.03, 0.135],
    ['tuning part 19 (author U)', DANGER_TUNE_19_FILE, 144, 0.02, 0.11],
    ['tuning part 20 (author W, was holdout 6)', DANGER_TUNE_20_FILE, 111, 0.035, 0.115],
    ['tuning part 21 (author X, was holdout 7)', DANGER_TUNE_21_FILE, 107, 0.03, 0.09],
    // Eleventh round: floors for parts 22-34 too (twelfth: 35-39) (their files by author id: partFile) (authors Y, Z, AA, eight, AE-AH, nine and AJ-AM), at what
    // the eleventh round reached (in sample for the backstop; parts 30-34 were also read for its signals
    // by category), less a message or two of recall and half a point of rate for a retrain. First reads in
    // danger-real.md; several 999 rates are above the 2 % target, which is measured on strangers.
    ['tuning part 22 (author Y)', partFile(22), 146, 0.01, 0.065],
    ['tuning part 23 (author Z)', partFile(23), 172, 0.015, 0.085],
    ['tuning part 24 (author AA, was holdout 8)', partFile(24), 132, 0.005, 0.075],
    ['tuning part 25 (author eight, was holdout 9)', partFile(25), 162, 0.03, 0.09],
    ['tuning part 26 (author AE)', partFile(26), 179, 0.03, 0.1],
    ['tuning part 27 (author AF)', partFile(27), 157, 0.02, 0.13],
    ['tuning part 28 (author AG)', partFile(28), 167, 0.04, 0.04],
    ['tuning part 29 (author AH)', partFile(29), 161, 0.01, 0.07],
    ['tuning part 30 (author nine, was holdout 10)', partFile(30), 169, 0.025, 0.09],
    ['tuning part 31 (author AJ)', partFile(31), 156, 0.03, 0.085],
    ['tuning part 32 (author AK)', partFile(32), 156, 0.035, 0.06],
    ['tuning part 33 (author AL)', partFile(33), 151, 0.03, 0.075],
    ['tuning part 34 (author AM)', partFile(34), 150, 0.048, 0.075],
    // Twelfth round: author ten (holdout 11, retired) and AO-AR at what the round reached (in sample for the
    // backstop; their false 999s were read for the round's fixes), less a message of recall and half a point
    // of rate. The round's lower override (0.72) raised some older parts' question floors by half a point to
    // a point and a half (23, 24, 27, 31-33).
    ['tuning part 35 (author ten, was holdout 11)', partFile(35), 168, 0.02, 0.085],
    ['tuning part 36 (author AO)', partFile(36), 154, 0.03, 0.1],
    ['tuning part 37 (author AP)', partFile(37), 151, 0.015, 0.055],
    ['tuning part 38 (author AQ)', partFile(38), 158, 0.025, 0.08],
    ['tuning part 39 (author AR)', partFile(39), 154, 0.03, 0.09],
  ])('%s: at least the recall reached; 999 and the question within the floors', (_name, file, caught, fa, q) => {
    const d = evaluateDanger(detector, readDangerSet(path.join(ROOT, file), file));
    expect(d.caught).toBeGreaterThanOrEqual(caught);
    expect(d.falseAlarmRate).toBeLessThanOrEqual(fa);
    expect(d.questionRate).toBeLessThanOrEqual(q);
  });

  test('the second tuning part: at least 60 danger and 160 non-danger messages, labelled, none repeated from the other sets', () => {
    expect(tune2.filter((c) => c.danger).length).toBeGreaterThanOrEqual(60);
    expect(tune2.filter((c) => !c.danger).length).toBeGreaterThanOrEqual(160);
    expect(tune2.filter((c) => (c.danger ? c.source === undefined : c.kind === undefined))).toEqual([]);
    const earlier = new Set([...tune, ...holdout, ...holdout2, ...tune11].map((c) => c.text));
    expect(tune2.filter((c) => earlier.has(c.text)).length).toBe(0);
    expect(new Set(tune2.map((c) => c.text)).size).toBe(tune2.length);
  });

  test("the author's two self-checks: labelled, none repeated from the other sets; every danger message gets 999 or the question", () => {
    expect(check.filter((c) => (c.danger ? c.source === undefined : c.kind === undefined))).toEqual([]);
    const earlier = new Set([...tune, ...holdout, ...holdout2, ...tune11, ...tune2].map((c) => c.text));
    expect(check.filter((c) => earlier.has(c.text)).length).toBe(0);
    expect(evaluateDanger(detector, check).missed).toEqual([]);
  });

  // Two authors writing from public stories can land on the same short message. A holdout message
  // that also sits in tuning material is no longer untouched, so any twin fails here (counts only).
  test('no holdout or calibration message appears in any tuning material (ignoring case and punctuation)', () => {
    const norm = (t: string) => t.toLowerCase().replace(/[^a-z0-9 ]/g, ' ').replace(/\s+/g, ' ').trim();
    const texts = (v: unknown): string[] =>
      typeof v === 'string' ? [v] : Array.isArray(v) ? v.flatMap(texts) : v && typeof v === 'object' ? ('text' in v ? texts((v as { text: unknown }).text) : Object.values(v).flatMap(texts)) : [];
    // Every tuning author's files (DANGER_AUTHORS) and the backstop's own training files.
    const tuning = new Set(
      readDangerAuthors(ROOT).flatMap((a) => a.cases.map((c) => norm(c.text))).concat(
        LIKENESS_TRAINING_FILES.slice(0, 2).flatMap((file) => texts(parse(fs.readFileSync(path.join(ROOT, file), 'utf8'))).map(norm)),
      ),
    );
    // Every remaining holdout file (1, 2 and 8; 3-7 are tuning parts 11-13, 20 and 21) and the calibration
    // part (eighth round), which is kept out of training like a holdout.
    const holdouts = fs.readdirSync(path.join(ROOT, 'test/nlu')).filter((f) => /^danger-real-(holdout|calibration).*\.yaml$/.test(f)).map((f) => `test/nlu/${f}`);
    expect(holdouts).toEqual(expect.arrayContaining([DANGER_HOLDOUT_FILE, DANGER_HOLDOUT_2_FILE, DANGER_CALIBRATION_FILE]));
    for (const file of holdouts) expect([file, readDangerSet(path.join(ROOT, file), file).filter((c) => tuning.has(norm(c.text))).length]).toEqual([file, 0]);
  });
});

/**
 * The shape of the fourth to ninth rounds' real-world danger files (test/nlu/danger-real.md): tuning
 * parts 3–24, each by an independent author (11–13 are holdouts 3, 4 and 5, retired into tuning in the
 * seventh round; 20 and 21 are holdouts 6 and 7, retired in the eighth; 24 is holdout 8, retired in the
 * ninth), later holdouts by authors who never saw the rules, and the calibration parts (kept apart like
 * holdouts). Counts, labels, kinds, no repeats
 * within a file or from any other danger file, and no near-twin between tuning material and any
 * remaining holdout (two authors retelling one public story). Texts are
 * compared, never printed: a failure reports counts only, so no holdout message reaches a log.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  DANGER_CALIBRATION_FILE,
  DANGER_CALIBRATION_2_FILE,
  DANGER_CALIBRATION_3_FILE,
  DANGER_CALIBRATION_4_FILE,
  DANGER_CALIBRATION_5_FILE,
  DANGER_HOLDOUT_12_FILE,
  DANGER_HOLDOUT_2_FILE,
  DANGER_HOLDOUT_FILE,
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
  DANGER_TUNE_22_FILE,
  DANGER_TUNE_23_FILE,
  DANGER_TUNE_24_FILE,
  DANGER_TUNE_25_FILE,
  DANGER_TUNE_26_FILE,
  DANGER_TUNE_27_FILE,
  DANGER_TUNE_28_FILE,
  DANGER_TUNE_29_FILE,
  DANGER_TUNE_30_FILE,
  DANGER_TUNE_31_FILE,
  DANGER_TUNE_32_FILE,
  DANGER_TUNE_33_FILE,
  DANGER_TUNE_34_FILE,
  DANGER_TUNE_35_FILE,
  DANGER_TUNE_36_FILE,
  DANGER_TUNE_37_FILE,
  DANGER_TUNE_38_FILE,
  DANGER_TUNE_39_FILE,
  readDangerSet,
  type DangerCase,
} from '../../src/nlu/danger-set';
import { overlapIndex, wordSet } from './closeness';
import { ROOT } from './fixtures';

interface Part {
  name: string;
  file: string;
  danger: number;
  quiet: number;
  concern: number;
  holdout?: true;
  /** Checked for near-copies (80 % of words shared) of every other danger-real file. */
  nearCopies?: true;
}

// Minimums as written, less what the lead took out (near-twins of holdouts, danger-real.md).
const PARTS: Part[] = [
  { name: 'tuning part 3 (author A)', file: DANGER_TUNE_3_FILE, danger: 110, quiet: 175, concern: 25, nearCopies: true },
  // Part 4 keeps one idiom that is a near-copy of a holdout 2 one; the backstop was trained with it.
  { name: 'tuning part 4 (author B)', file: DANGER_TUNE_4_FILE, danger: 110, quiet: 180, concern: 25 },
  { name: 'tuning part 5 (author G)', file: DANGER_TUNE_5_FILE, danger: 110, quiet: 180, concern: 25, nearCopies: true },
  { name: 'tuning part 6 (author H)', file: DANGER_TUNE_6_FILE, danger: 110, quiet: 175, concern: 25, nearCopies: true },
  { name: 'tuning part 7 (author I)', file: DANGER_TUNE_7_FILE, danger: 130, quiet: 165, concern: 25, nearCopies: true },
  { name: 'tuning part 8 (author J)', file: DANGER_TUNE_8_FILE, danger: 100, quiet: 225, concern: 30, nearCopies: true },
  { name: 'tuning part 9 (author K)', file: DANGER_TUNE_9_FILE, danger: 150, quiet: 150, concern: 25, nearCopies: true },
  { name: 'tuning part 10 (author L)', file: DANGER_TUNE_10_FILE, danger: 80, quiet: 240, concern: 20, nearCopies: true },
  // Holdouts 3, 4 and 5, retired into tuning in the seventh round; their near-twins of holdouts 1, 2 and 6 were taken out.
  { name: 'tuning part 11 (author M, was holdout 3)', file: DANGER_TUNE_11_FILE, danger: 95, quiet: 170, concern: 20, nearCopies: true },
  { name: 'tuning part 12 (author N, was holdout 4)', file: DANGER_TUNE_12_FILE, danger: 95, quiet: 180, concern: 20, nearCopies: true },
  { name: 'tuning part 13 (author O, was holdout 5)', file: DANGER_TUNE_13_FILE, danger: 100, quiet: 200, concern: 20, nearCopies: true },
  { name: 'tuning part 14 (author P)', file: DANGER_TUNE_14_FILE, danger: 160, quiet: 200, concern: 20, nearCopies: true },
  { name: 'tuning part 15 (author Q)', file: DANGER_TUNE_15_FILE, danger: 160, quiet: 200, concern: 20, nearCopies: true },
  { name: 'tuning part 16 (author R)', file: DANGER_TUNE_16_FILE, danger: 130, quiet: 220, concern: 20, nearCopies: true },
  { name: 'tuning part 17 (author S)', file: DANGER_TUNE_17_FILE, danger: 130, quiet: 220, concern: 20, nearCopies: true },
  { name: 'tuning part 18 (author T)', file: DANGER_TUNE_18_FILE, danger: 130, quiet: 230, concern: 20, nearCopies: true },
  { name: 'tuning part 19 (author U)', file: DANGER_TUNE_19_FILE, danger: 130, quiet: 230, concern: 20, nearCopies: true },
  // Holdouts 6 and 7, retired into tuning in the eighth round; their near-twins of holdouts 1, 2, 8 and the calibration part were taken out.
  { name: 'tuning part 20 (author W, was holdout 6)', file: DANGER_TUNE_20_FILE, danger: 100, quiet: 195, concern: 20, nearCopies: true },
  { name: 'tuning part 21 (author X, was holdout 7)', file: DANGER_TUNE_21_FILE, danger: 100, quiet: 195, concern: 20, nearCopies: true },
  { name: 'tuning part 22 (author Y)', file: DANGER_TUNE_22_FILE, danger: 130, quiet: 230, concern: 20, nearCopies: true },
  { name: 'tuning part 23 (author Z)', file: DANGER_TUNE_23_FILE, danger: 130, quiet: 230, concern: 20, nearCopies: true },
  // Holdout 8, retired into tuning in the ninth round; its near-twins of holdouts 1, 2 and the calibration parts were taken out.
  { name: 'tuning part 24 (author AA, was holdout 8)', file: DANGER_TUNE_24_FILE, danger: 100, quiet: 195, concern: 20, nearCopies: true },
  // Holdout 9, retired into tuning in the tenth round; its near-twins of holdouts 1, 2, 10 and the calibration parts were taken out.
  { name: 'tuning part 25 (author eight, was holdout 9)', file: DANGER_TUNE_25_FILE, danger: 150, quiet: 280, concern: 25, nearCopies: true },
  // Tenth round: four new authors, measured once on the ninth round's rules and backstop (danger-real.md), then tuning material.
  { name: 'tuning part 26 (author AE)', file: DANGER_TUNE_26_FILE, danger: 150, quiet: 250, concern: 29, nearCopies: true },
  { name: 'tuning part 27 (author AF)', file: DANGER_TUNE_27_FILE, danger: 150, quiet: 240, concern: 27, nearCopies: true },
  { name: 'tuning part 28 (author AG)', file: DANGER_TUNE_28_FILE, danger: 150, quiet: 235, concern: 28, nearCopies: true },
  { name: 'tuning part 29 (author AH)', file: DANGER_TUNE_29_FILE, danger: 150, quiet: 235, concern: 27, nearCopies: true },
  // Holdout 10, retired into tuning in the eleventh round; its near-twins of every remaining holdout and calibration part were taken out.
  { name: 'tuning part 30 (author nine, was holdout 10)', file: DANGER_TUNE_30_FILE, danger: 165, quiet: 300, concern: 32, nearCopies: true },
  // Eleventh round: four new authors, measured once on the tenth round's rules and backstop (danger-real.md), then tuning material.
  { name: 'tuning part 31 (author AJ)', file: DANGER_TUNE_31_FILE, danger: 150, quiet: 260, concern: 27, nearCopies: true },
  { name: 'tuning part 32 (author AK)', file: DANGER_TUNE_32_FILE, danger: 150, quiet: 250, concern: 30, nearCopies: true },
  { name: 'tuning part 33 (author AL)', file: DANGER_TUNE_33_FILE, danger: 150, quiet: 255, concern: 28, nearCopies: true },
  { name: 'tuning part 34 (author AM)', file: DANGER_TUNE_34_FILE, danger: 150, quiet: 250, concern: 27, nearCopies: true },
  // Holdout 11, retired into tuning in the twelfth round; its near-twins of every remaining holdout and calibration part were taken out.
  { name: 'tuning part 35 (author ten, was holdout 11)', file: DANGER_TUNE_35_FILE, danger: 165, quiet: 300, concern: 32, nearCopies: true },
  // Twelfth round: four new authors, measured once on the eleventh round's rules and backstop (danger-real.md), then tuning material.
  { name: 'tuning part 36 (author AO)', file: DANGER_TUNE_36_FILE, danger: 150, quiet: 255, concern: 27, nearCopies: true },
  { name: 'tuning part 37 (author AP)', file: DANGER_TUNE_37_FILE, danger: 150, quiet: 255, concern: 28, nearCopies: true },
  { name: 'tuning part 38 (author AQ)', file: DANGER_TUNE_38_FILE, danger: 150, quiet: 260, concern: 28, nearCopies: true },
  { name: 'tuning part 39 (author AR)', file: DANGER_TUNE_39_FILE, danger: 150, quiet: 265, concern: 28, nearCopies: true },
  // Holdout 12 (twelfth round, an eleventh author who never saw the rules): written first, measured before the round and once at the end.
  { name: 'holdout 12 (eleventh author)', file: DANGER_HOLDOUT_12_FILE, danger: 170, quiet: 310, concern: 32, holdout: true, nearCopies: true },
  // The calibration part (eighth round, author V) only sets the backstop's threshold: kept apart like a holdout.
  { name: 'calibration part (author V)', file: DANGER_CALIBRATION_FILE, danger: 120, quiet: 240, concern: 25, holdout: true, nearCopies: true },
  // The second calibration part (ninth round, author AC): pooled with V's for the threshold choice; kept apart like a holdout.
  { name: 'calibration part 2 (author AC)', file: DANGER_CALIBRATION_2_FILE, danger: 120, quiet: 240, concern: 25, holdout: true, nearCopies: true },
  // The third calibration part (tenth round, author AD): pooled with V's and AC's; kept apart like a holdout.
  { name: 'calibration part 3 (author AD)', file: DANGER_CALIBRATION_3_FILE, danger: 140, quiet: 240, concern: 29, holdout: true, nearCopies: true },
  // The fourth calibration part (eleventh round, author AI): pooled with V's, AC's and AD's; kept apart like a holdout.
  { name: 'calibration part 4 (author AI)', file: DANGER_CALIBRATION_4_FILE, danger: 140, quiet: 260, concern: 28, holdout: true, nearCopies: true },
  // The fifth calibration part (twelfth round, author AN): pooled with the other four; kept apart like a holdout.
  { name: 'calibration part 5 (author AN)', file: DANGER_CALIBRATION_5_FILE, danger: 140, quiet: 260, concern: 27, holdout: true, nearCopies: true },
];

const NLU_DIR = path.join(ROOT, 'test/nlu');
const realFiles = fs.readdirSync(NLU_DIR).filter((f) => /^danger-real-.*\.yaml$/.test(f)).map((f) => `test/nlu/${f}`);
const isHoldout = (file: string) => /holdout|calibration/.test(file);
/** Every remaining holdout (1, 2 and any later one; 3-8 were retired into tuning parts 11-13, 20, 21 and 24) and the calibration parts. */
const HOLDOUTS = realFiles.filter(isHoldout);
/**
 * Every tuning part is kept clear of every remaining holdout (half the words shared), whichever round
 * wrote either. Parts written before this rule (eighth round) were checked only against the holdouts of
 * their own time, and some share words with holdouts 1 and 2: those known near-twins are counted here
 * and may not grow; every other holdout (6, 7, 8 and any later one) must have none. When a holdout is
 * retired into a tuning part its file name loses "holdout" and the check follows on its own.
 */
const OLD_HOLDOUTS = [DANGER_HOLDOUT_FILE, DANGER_HOLDOUT_2_FILE];
// Eighth round: the near-twins of parts 3, 7, 9 and 16 (eight in all) were cut on the tuning side before
// R joined the backstop; part 4 keeps its two (one the idiom the backstop was trained with since round 4).
const KNOWN_OLD_TWINS: Record<string, number> = {
  [DANGER_TUNE_4_FILE]: 2,
};
const KINDS = ['past', 'policy', 'hypo', 'idiom', 'business', 'online', 'negation'];
const norm = (t: string) => t.toLowerCase().replace(/[^a-z0-9 ]/g, ' ').replace(/\s+/g, ' ').trim();
// Each file is read, and its word sets built, once for the whole suite (not once per part and test).
const readOnce = new Map<string, DangerCase[]>();
const read = (file: string): DangerCase[] => {
  if (!readOnce.has(file)) readOnce.set(file, readDangerSet(path.join(ROOT, file), file));
  return readOnce.get(file)!;
};
const wordsOnce = new Map<string, Set<string>[]>();
const wordSets = (file: string): Set<string>[] => {
  if (!wordsOnce.has(file)) wordsOnce.set(file, read(file).map((c) => wordSet(c.text)));
  return wordsOnce.get(file)!;
};
/** How many messages of `file` share at least `share` of their words (Jaccard) with one of `against`. */
const twins = (file: string, against: string[], share: number): number => {
  const index = overlapIndex(against.flatMap(wordSets));
  return wordSets(file).filter((w) => index.best(w) >= share).length;
};

/** Every text of the hand-written danger examples and the likeness training phrasings. */
function exampleTexts(): string[] {
  const strings = (v: unknown): string[] =>
    typeof v === 'string' ? [v] : Array.isArray(v) ? v.flatMap(strings) : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : [];
  return ['danger-examples.yaml', 'danger-likeness-training.yaml'].flatMap((f) => strings(parse(fs.readFileSync(path.join(NLU_DIR, f), 'utf8'))));
}

describe.each(PARTS)('$name', (part) => {
  const set = read(part.file);
  const danger = set.filter((c) => c.danger);
  const quiet = set.filter((c) => !c.danger);
  const others = realFiles.filter((f) => f !== part.file);

  test('has its danger and hard non-danger messages', () => {
    expect(danger.length).toBeGreaterThanOrEqual(part.danger);
    expect(quiet.length).toBeGreaterThanOrEqual(part.quiet);
  });

  test('labels every danger message with a source and every other with a kind, never both', () => {
    expect(danger.filter((c) => c.source === undefined || c.kind !== undefined).length).toBe(0);
    expect(quiet.filter((c) => c.kind === undefined || c.source !== undefined).length).toBe(0);
  });

  test("spreads the non-danger kinds: each of this round's kinds present, concern capped", () => {
    const count = (k: string) => quiet.filter((c) => c.kind === k).length;
    for (const k of KINDS) expect(count(k)).toBeGreaterThanOrEqual(15);
    expect(count('concern')).toBeLessThanOrEqual(part.concern);
    expect(quiet.filter((c) => c.kind === 'news' || c.kind === 'fiction').length).toBe(0);
  });

  test('most danger messages do not use the word "danger"', () => {
    expect(danger.filter((c) => /danger/i.test(c.text)).length * 10).toBeLessThanOrEqual(danger.length);
  });

  test('repeats no message, within itself or from any other danger file (ignoring case and punctuation)', () => {
    expect(new Set(set.map((c) => norm(c.text))).size).toBe(set.length);
    const seen = new Set([...others.flatMap(read).map((c) => c.text), ...(part.holdout ? exampleTexts() : [])].map(norm));
    expect(seen.size).toBeGreaterThan(1000);
    expect(set.filter((c) => seen.has(norm(c.text))).length).toBe(0);
  });

  test('has no near-twin across the tuning/holdout line (half the words shared)', () => {
    if (part.holdout) {
      // A holdout against every non-holdout file.
      const across = others.filter((f) => !isHoldout(f));
      expect(across.length).toBeGreaterThanOrEqual(1);
      expect(twins(part.file, across, 0.5)).toBe(0);
      return;
    }
    // A tuning part against every remaining holdout: none with the newer ones, no more than known with 1 and 2.
    const newer = HOLDOUTS.filter((f) => !OLD_HOLDOUTS.includes(f));
    expect(newer.length).toBeGreaterThanOrEqual(1);
    expect(twins(part.file, newer, 0.5)).toBe(0);
    expect(twins(part.file, OLD_HOLDOUTS, 0.5)).toBeLessThanOrEqual(KNOWN_OLD_TWINS[part.file] ?? 0);
  });

  if (part.nearCopies) {
    test('nearly repeats no message of any other danger-real file (80 % of words shared)', () => {
      expect(twins(part.file, others, 0.8)).toBe(0);
    });
  }
});

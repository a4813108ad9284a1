/**
 * Tuning part 5 of the real-world danger set (test/nlu/danger-real.md): written by an independent
 * author G (hurried phone and voice-to-text voice). Shape only: counts, labels, no repeats within the file or
 * from any other danger-real set. Texts are compared, never printed: failures report counts only.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  DANGER_CHECK_2_FILE,
  DANGER_CHECK_FILE,
  DANGER_HOLDOUT_2_FILE,
  DANGER_HOLDOUT_3_FILE,
  DANGER_HOLDOUT_4_FILE,
  DANGER_HOLDOUT_FILE,
  DANGER_TUNE_2_FILE,
  DANGER_TUNE_3_FILE,
  DANGER_TUNE_4_FILE,
  DANGER_TUNE_5_FILE,
  DANGER_TUNE_6_FILE,
  DANGER_TUNE_FILE,
  readDangerSet,
} from '../../src/nlu/danger-set';
import { ROOT } from './fixtures';

const tune5 = readDangerSet(path.join(ROOT, DANGER_TUNE_5_FILE), DANGER_TUNE_5_FILE);
const norm = (t: string) => t.toLowerCase().replace(/[^a-z0-9 ]/g, ' ').replace(/\s+/g, ' ').trim();

// Every other danger-real file; the other authors' parts of this round may not be merged yet.
const others = [
  DANGER_TUNE_FILE,
  DANGER_TUNE_2_FILE,
  DANGER_TUNE_3_FILE,
  DANGER_TUNE_4_FILE,
  DANGER_TUNE_6_FILE,
  DANGER_CHECK_FILE,
  DANGER_CHECK_2_FILE,
  DANGER_HOLDOUT_FILE,
  DANGER_HOLDOUT_2_FILE,
  DANGER_HOLDOUT_3_FILE,
  DANGER_HOLDOUT_4_FILE,
].filter((file) => fs.existsSync(path.join(ROOT, file)));

describe('tuning part 5 (independent author G)', () => {
  test('has at least 110 danger and 180 hard non-danger messages', () => {
    expect(tune5.filter((c) => c.danger).length).toBeGreaterThanOrEqual(110);
    expect(tune5.filter((c) => !c.danger).length).toBeGreaterThanOrEqual(180);
  });

  test('labels every danger message with a source and nothing else, every other with a kind', () => {
    expect(tune5.filter((c) => (c.danger ? c.source === undefined || c.kind !== undefined : c.kind === undefined || c.source !== undefined)).length).toBe(0);
  });

  test('uses only this round\'s kinds, each represented, with at most 25 concerns', () => {
    const kinds = ['past', 'policy', 'hypo', 'idiom', 'business', 'online', 'negation', 'concern'];
    const quiet = tune5.filter((c) => !c.danger);
    expect(quiet.filter((c) => !kinds.includes(c.kind ?? '')).length).toBe(0);
    for (const kind of kinds) expect(quiet.filter((c) => c.kind === kind).length).toBeGreaterThanOrEqual(15);
    expect(quiet.filter((c) => c.kind === 'concern').length).toBeLessThanOrEqual(25);
  });

  test('no message is repeated, ignoring case and punctuation', () => {
    expect(new Set(tune5.map((c) => norm(c.text))).size).toBe(tune5.length);
  });

  test('no message repeats one from any other danger-real set (counts only)', () => {
    expect(others.length).toBeGreaterThanOrEqual(7);
    const earlier = new Set(others.flatMap((file) => readDangerSet(path.join(ROOT, file), file)).map((c) => norm(c.text)));
    expect(tune5.filter((c) => earlier.has(norm(c.text))).length).toBe(0);
  });

  test('most danger messages avoid the word "danger"; some are split over two lines', () => {
    const danger = tune5.filter((c) => c.danger);
    expect(danger.filter((c) => /danger/i.test(c.text)).length * 10).toBeLessThan(danger.length);
    expect(danger.filter((c) => c.text.includes('\n')).length).toBeGreaterThanOrEqual(2);
  });

  // The lead takes out tuning messages that are near-twins of holdout ones (word Jaccard ≥ 0.5); none here.
  test('no message is a near-twin of a holdout message (word overlap below 0.5, counts only)', () => {
    const words = (t: string) => new Set(norm(t).split(' '));
    const jaccard = (a: Set<string>, b: Set<string>) => [...a].filter((w) => b.has(w)).length / new Set([...a, ...b]).size;
    const holdouts = [DANGER_HOLDOUT_FILE, DANGER_HOLDOUT_2_FILE, DANGER_HOLDOUT_3_FILE, DANGER_HOLDOUT_4_FILE]
      .filter((file) => fs.existsSync(path.join(ROOT, file)))
      .flatMap((file) => readDangerSet(path.join(ROOT, file), file))
      .map((c) => words(c.text));
    const mine = tune5.map((c) => words(c.text));
    expect(mine.filter((m) => holdouts.some((h) => jaccard(m, h) >= 0.5)).length).toBe(0);
  });
});

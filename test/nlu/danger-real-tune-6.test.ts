/**
 * Tuning part 6 of the real-world danger set (test/nlu/danger-real.md): written by an independent
 * author H (second-hand reports, emails and incident-log wording). Shape only: counts, labels, no repeats within the file or
 * from any other danger-real set (exact or 80 % shared words). Texts are compared, never printed: failures report counts only.
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

const tune6 = readDangerSet(path.join(ROOT, DANGER_TUNE_6_FILE), DANGER_TUNE_6_FILE);
const norm = (t: string) => t.toLowerCase().replace(/[^a-z0-9 ]/g, ' ').replace(/\s+/g, ' ').trim();

// Every other danger-real file; the other authors' parts of this round may not be merged yet.
const others = [
  DANGER_TUNE_FILE,
  DANGER_TUNE_2_FILE,
  DANGER_TUNE_3_FILE,
  DANGER_TUNE_4_FILE,
  DANGER_TUNE_5_FILE,
  DANGER_CHECK_FILE,
  DANGER_CHECK_2_FILE,
  DANGER_HOLDOUT_FILE,
  DANGER_HOLDOUT_2_FILE,
  DANGER_HOLDOUT_3_FILE,
  DANGER_HOLDOUT_4_FILE,
].filter((file) => fs.existsSync(path.join(ROOT, file)));

describe('tuning part 6 (independent author H)', () => {
  test('has at least 110 danger and 180 hard non-danger messages', () => {
    expect(tune6.filter((c) => c.danger).length).toBeGreaterThanOrEqual(110);
    expect(tune6.filter((c) => !c.danger).length).toBeGreaterThanOrEqual(180);
  });

  test('labels every danger message with a source and nothing else, every other with a kind', () => {
    expect(tune6.filter((c) => (c.danger ? c.source === undefined || c.kind !== undefined : c.kind === undefined || c.source !== undefined)).length).toBe(0);
  });

  test('uses only this round\'s kinds, each represented, with at most 25 concerns', () => {
    const kinds = ['past', 'policy', 'hypo', 'idiom', 'business', 'online', 'negation', 'concern'];
    const quiet = tune6.filter((c) => !c.danger);
    expect(quiet.filter((c) => !kinds.includes(c.kind ?? '')).length).toBe(0);
    for (const kind of kinds) expect(quiet.filter((c) => c.kind === kind).length).toBeGreaterThanOrEqual(15);
    expect(quiet.filter((c) => c.kind === 'concern').length).toBeLessThanOrEqual(25);
  });

  test('no message is repeated, ignoring case and punctuation', () => {
    expect(new Set(tune6.map((c) => norm(c.text))).size).toBe(tune6.length);
  });

  test('no message repeats one from any other danger-real set (counts only)', () => {
    expect(others.length).toBeGreaterThanOrEqual(7);
    const earlier = new Set(others.flatMap((file) => readDangerSet(path.join(ROOT, file), file)).map((c) => norm(c.text)));
    expect(tune6.filter((c) => earlier.has(norm(c.text))).length).toBe(0);
  });

  test('no message nearly repeats one from any other danger-real set (80 % shared words; counts only)', () => {
    const words = (t: string) => new Set(norm(t).split(' '));
    const earlier = others.flatMap((file) => readDangerSet(path.join(ROOT, file), file)).map((c) => words(c.text));
    const near = tune6.filter((c) => {
      const mine = words(c.text);
      return earlier.some((w) => {
        const shared = [...mine].filter((x) => w.has(x)).length;
        return shared / (mine.size + w.size - shared) >= 0.8;
      });
    });
    expect(near.length).toBe(0);
  });
});

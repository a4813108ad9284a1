/**
 * Tuning part 4 of the real-world danger set (test/nlu/danger-real.md): written by an independent
 * author B (secondary, FE and SEND voice). Shape only: counts, labels, no repeats within the file or
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
  DANGER_TUNE_FILE,
  readDangerSet,
} from '../../src/nlu/danger-set';
import { ROOT } from './fixtures';

const tune4 = readDangerSet(path.join(ROOT, DANGER_TUNE_4_FILE), DANGER_TUNE_4_FILE);
const norm = (t: string) => t.toLowerCase().replace(/[^a-z0-9 ]/g, ' ').replace(/\s+/g, ' ').trim();

// Every other danger-real file; the other authors' parts of this round may not be merged yet.
const others = [
  DANGER_TUNE_FILE,
  DANGER_TUNE_2_FILE,
  DANGER_TUNE_3_FILE,
  DANGER_CHECK_FILE,
  DANGER_CHECK_2_FILE,
  DANGER_HOLDOUT_FILE,
  DANGER_HOLDOUT_2_FILE,
  DANGER_HOLDOUT_3_FILE,
  DANGER_HOLDOUT_4_FILE,
].filter((file) => fs.existsSync(path.join(ROOT, file)));

describe('tuning part 4 (independent author B)', () => {
  test('has at least 110 danger and 180 hard non-danger messages', () => {
    expect(tune4.filter((c) => c.danger).length).toBeGreaterThanOrEqual(110);
    expect(tune4.filter((c) => !c.danger).length).toBeGreaterThanOrEqual(180);
  });

  test('labels every danger message with a source and nothing else, every other with a kind', () => {
    expect(tune4.filter((c) => (c.danger ? c.source === undefined || c.kind !== undefined : c.kind === undefined || c.source !== undefined)).length).toBe(0);
  });

  test('uses only this round\'s kinds, each represented, with at most 25 concerns', () => {
    const kinds = ['past', 'policy', 'hypo', 'idiom', 'business', 'online', 'negation', 'concern'];
    const quiet = tune4.filter((c) => !c.danger);
    expect(quiet.filter((c) => !kinds.includes(c.kind ?? '')).length).toBe(0);
    for (const kind of kinds) expect(quiet.filter((c) => c.kind === kind).length).toBeGreaterThanOrEqual(15);
    expect(quiet.filter((c) => c.kind === 'concern').length).toBeLessThanOrEqual(25);
  });

  test('no message is repeated, ignoring case and punctuation', () => {
    expect(new Set(tune4.map((c) => norm(c.text))).size).toBe(tune4.length);
  });

  test('no message repeats one from any other danger-real set (counts only)', () => {
    expect(others.length).toBeGreaterThanOrEqual(7);
    const earlier = new Set(others.flatMap((file) => readDangerSet(path.join(ROOT, file), file)).map((c) => norm(c.text)));
    expect(tune4.filter((c) => earlier.has(norm(c.text))).length).toBe(0);
  });
});

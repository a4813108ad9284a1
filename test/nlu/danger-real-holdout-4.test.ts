/**
 * The fourth danger holdout (test/nlu/danger-real.md, "Holdout 4"): its shape only. `npm run bench`
 * measures it; nobody tunes on it, so there is no floor here. Texts are compared, never printed:
 * every failure reports counts only, so no holdout message leaks into a log.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { DANGER_HOLDOUT_4_FILE, readDangerSet } from '../../src/nlu/danger-set';
import { ROOT } from './fixtures';

const NLU_DIR = path.join(ROOT, 'test/nlu');
const holdout4 = readDangerSet(path.join(ROOT, DANGER_HOLDOUT_4_FILE), DANGER_HOLDOUT_4_FILE);
const norm = (t: string) => t.toLowerCase().replace(/[^a-z0-9 ]/g, ' ').replace(/\s+/g, ' ').trim();

/** Every `text` string anywhere in a parsed YAML value. */
const texts = (v: unknown): string[] =>
  Array.isArray(v)
    ? v.flatMap(texts)
    : v && typeof v === 'object'
      ? typeof (v as { text?: unknown }).text === 'string'
        ? [(v as { text: string }).text]
        : Object.values(v).flatMap(texts)
      : [];

/** Every other danger file: all real-world sets (whatever their round) plus the examples and likeness data. */
function otherDangerTexts(): Set<string> {
  const own = path.basename(DANGER_HOLDOUT_4_FILE);
  const files = fs
    .readdirSync(NLU_DIR)
    .filter((f) => /^danger-real-.*\.yaml$/.test(f) && f !== own)
    .map((f) => path.join(NLU_DIR, f));
  const sets = files.flatMap((file) => readDangerSet(file, path.relative(ROOT, file)).map((c) => c.text));
  const plain = ['danger-examples.yaml', 'danger-likeness-training.yaml']
    .map((f) => path.join(NLU_DIR, f))
    .filter((file) => fs.existsSync(file))
    .flatMap((file) => {
      const data: unknown = parse(fs.readFileSync(file, 'utf8'));
      // These files may hold bare strings in lists as well as { text } objects.
      const strings = (v: unknown): string[] =>
        typeof v === 'string' ? [v] : Array.isArray(v) ? v.flatMap(strings) : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : [];
      return [...texts(data), ...strings(data)];
    });
  return new Set([...sets, ...plain].map(norm));
}

describe('the fourth danger holdout (third author)', () => {
  test('has at least 90 danger and 180 hard non-danger messages', () => {
    expect(holdout4.filter((c) => c.danger).length).toBeGreaterThanOrEqual(90);
    expect(holdout4.filter((c) => !c.danger).length).toBeGreaterThanOrEqual(180);
  });

  test('labels every danger message with a source and every other with a kind; at most 20 are concern', () => {
    expect(holdout4.filter((c) => (c.danger ? c.source === undefined || c.kind !== undefined : c.kind === undefined)).length).toBe(0);
    expect(holdout4.filter((c) => c.kind === 'concern').length).toBeLessThanOrEqual(20);
  });

  test('repeats no message, within itself or from any other danger file (ignoring case and punctuation)', () => {
    expect(new Set(holdout4.map((c) => norm(c.text))).size).toBe(holdout4.length);
    const other = otherDangerTexts();
    expect(other.size).toBeGreaterThan(0);
    expect(holdout4.filter((c) => other.has(norm(c.text))).length).toBe(0);
  });
});

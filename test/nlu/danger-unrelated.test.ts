/**
 * Issue 12's target for the danger check: a question that is not about safeguarding at all (a
 * routing TUNING part's `flow: null` messages — pay, parking, meetings, contracts) never gets a
 * danger reply, neither the 999 reply nor the danger question. Reads only the tuning parts
 * (test/nlu/real-world/tune*.yaml), never a holdout. Failures name the file and case number only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { createDangerDetector } from '../../src/nlu/danger';
import { ROOT, shippedNlu } from './fixtures';

const nlu = shippedNlu();
const detector = createDangerDetector(nlu.danger, { vocabulary: nlu.vocabulary });
const dir = path.join(ROOT, 'test/nlu/real-world');
const parts = fs.readdirSync(dir).filter((f) => /^tune(-\d+)?\.yaml$/.test(f)).sort();

describe('unrelated questions never get a danger reply (routing tuning parts, flow: null)', () => {
  test('there are tuning parts to check', () => expect(parts.length).toBeGreaterThanOrEqual(10));

  test.each(parts)('%s: neither 999 nor the question on any flow: null message', (file) => {
    const cases = (parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { cases: { text: string; flow: string | null }[] }).cases;
    const unrelated = cases.map((c, i) => ({ c, n: i + 1 })).filter(({ c }) => c.flow === null);
    expect(unrelated.length).toBeGreaterThan(0);
    const replied = unrelated.filter(({ c }) => {
      const v = detector.detect(c.text);
      return v.danger || v.question === true;
    });
    const message = `${file}: ${replied.length} of ${unrelated.length} flow: null messages get a danger reply (cases ${replied.map((r) => r.n).join(', ')})`;
    expect(replied.length === 0 ? '' : message).toBe('');
  });
});

/**
 * Routing floors on the real-world tune set (test/nlu/real-world/tune.yaml, issue 12): long,
 * narrative messages adapted from public pages. The tune part may be read while improving the
 * router, so these floors sit a little under what it scores when they were set; the holdout part
 * is never used here (it is measured only by `npm run bench`, figures only). Since round 4 the tune
 * part is also training data (content/nlu/staff-messages.yaml, author 1), so the router measured
 * here is the shipped one trained WITHOUT that author's messages (leave-one-author-out), or the
 * floors would only test memory. Builds that router and the danger check once.
 */
import path from 'node:path';
import { loadContent } from '../../src/authoring/load';
import { readDevSet } from '../../src/nlu/dev-set';
import { evaluateRouter, OUT_OF_SCOPE } from '../../src/nlu/evaluate';
import { createNlu } from '../../src/nlu/load';
import { defaultCacheDir } from '../../src/store/cache-dir';
import { createFileModelCache } from '../../src/nlu/model-cache';
import { ROOT, shippedNlu } from './fixtures';

const TUNE_FILE = 'test/nlu/real-world/tune.yaml';
const SAFEGUARDING_CONCERN = 'safeguarding-concern';

const flows = [...loadContent(ROOT).flows.values()];
// The leave-one-author-out models live in a folder of their own, so these twenty never push the
// shipped model (read by many suites) out of the model cache; that folder keeps 22, so the twenty
// folds do not push each other out either (the default is 8 a folder).
const foldCache = { cache: createFileModelCache(path.join(defaultCacheDir(), 'folds'), 22) };
const TUNE_AUTHOR = '1';
const shipped = shippedNlu();
const { router, danger } = createNlu(flows, { ...shipped, staffMessages: shipped.staffMessages.filter((m) => m.author !== TUNE_AUTHOR) }, foldCache);
const tune = readDevSet(path.join(ROOT, TUNE_FILE), TUNE_FILE);
const routing = evaluateRouter(router, tune);

describe('routing floors on the real-world tune set', () => {
  test('top-1 ≥ 87% and top-3 ≥ 96% (measured 90.4% / 98.2% when set, 88.0% trained without author 1 in round 5; baseline before issue 12: 65.6% / 76.7%)', () => {
    const misses = routing.failures.map((f) => `${f.expected ?? OUT_OF_SCOPE} → ${f.got ?? OUT_OF_SCOPE} [${f.offered.join(', ')}] ${f.text}`);
    if (routing.accuracy < 0.87) throw new Error(`top-1 ${(routing.accuracy * 100).toFixed(1)}% < 87%; the misses:\n${misses.join('\n')}`);
    expect(routing.top3).toBeGreaterThanOrEqual(0.96);
  });

  test('wrong starts stay at or under 2% of the messages', () => {
    expect(routing.wrongFlow + routing.outOfScopeRouted).toBeLessThanOrEqual(Math.floor(tune.length * 0.02));
  });

  test('out-of-scope precision ≥ 80% and recall ≥ 85%', () => {
    expect(routing.outOfScope.precision).toBeGreaterThanOrEqual(0.8);
    expect(routing.outOfScope.recall).toBeGreaterThanOrEqual(0.85);
  });

  test('every other-safeguarding worry reaches the safeguarding-concern route (started or offered), never "not covered"', () => {
    const missed = tune
      .filter((c) => c.flow === SAFEGUARDING_CONCERN)
      .filter((c) => {
        const r = router.route(c.text);
        return r.flow !== SAFEGUARDING_CONCERN && !r.alternatives.some((a) => a.flow === SAFEGUARDING_CONCERN);
      })
      .map((c) => c.text);
    expect(missed).toEqual([]);
  });

  test('no unrelated question (flow: null) gets the danger reply', () => {
    expect(tune.filter((c) => c.flow === null && danger.detect(c.text).danger).map((c) => c.text)).toEqual([]);
  });
});

/**
 * Tuning parts 2 to 18 (authors C, D, E, F, round 4; G, round 5; H, round 6; I, J, K, round 7: the
 * retired holdouts 2, 3 and 4; L, M, N, O, round 7's new authors; P, Q, round 8's new authors, and R, S,
 * the retired holdouts 5 and 6), each measured with the router trained on
 * every staff message but its own author's (leave-one-author-out, as bench/routing-authors.ts).
 * Floors a little under what they scored when set (C 89.5 / 97.9 %, D 86.3 / 97.1 %, E 92.3 /
 * 98.6 %, F 84.1 / 97.8 %, G 89.8 / 97.5 % with six authors; main's router before round 4: C 88.4 /
 * 97.5, D 80.1 / 95.3, E 88.2 / 98.6, F 80.4 / 93.8; before round 5, G 90.5 / 97.8; before round 6, H 90.9 / 98.2;
 * with seven authors at the end of round 6: 1 92.8, C 91.9, D 88.4, E 93.2, F 88.0, G 90.1, H 90.9 % top-1;
 * I, J, K as holdouts at the end of round 6: 85.9 / 94.8, 89.6 / 96.8, 90.7 / 98.8; trained without
 * their author in round 7, ten authors: I 86.9 / 96.1, J 89.5 / 98.4, K 90.6 / 99.1; L, M at first read
 * (ten authors trained, not they) 90.2 / 97.5 and 91.0 / 99.1; twelve authors, each without its own: I 86.9 / 95.7,
 * J 90.8 / 98.4, K 91.8 / 98.5, L 91.1 / 97.5, M 91.3 / 99.1; N, O at first read (twelve authors trained)
 * 93.3 / 99.1 and 88.2 / 98.1; fourteen authors, each without its own: I 86.6 / 95.7, J 91.5 / 98.4,
 * K 91.5 / 98.5, L 91.1 / 97.8, M 91.8 / 98.5, N 92.7 / 98.8, O 90.0 / 98.4; P, Q at first read
 * (fourteen authors trained) 89.7 / 97.7 and 91.1 / 97.7; eighteen authors, each without its own, at
 * round 8's start: P 91.3 / 98.2, Q 90.7 / 98.1, R 91.2 / 98.0, S 93.3 / 98.5).
 */
describe.each([
  { author: 'C', file: 'test/nlu/real-world/tune-2.yaml', top1: 0.87, top3: 0.97 },
  { author: 'D', file: 'test/nlu/real-world/tune-3.yaml', top1: 0.83, top3: 0.95 },
  { author: 'E', file: 'test/nlu/real-world/tune-4.yaml', top1: 0.89, top3: 0.97 },
  { author: 'F', file: 'test/nlu/real-world/tune-5.yaml', top1: 0.82, top3: 0.96 },
  { author: 'G', file: 'test/nlu/real-world/tune-6.yaml', top1: 0.88, top3: 0.96 },
  { author: 'H', file: 'test/nlu/real-world/tune-7.yaml', top1: 0.88, top3: 0.96 },
  { author: 'I', file: 'test/nlu/real-world/tune-8.yaml', top1: 0.84, top3: 0.94 },
  { author: 'J', file: 'test/nlu/real-world/tune-9.yaml', top1: 0.86, top3: 0.96 },
  { author: 'K', file: 'test/nlu/real-world/tune-10.yaml', top1: 0.87, top3: 0.97 },
  { author: 'L', file: 'test/nlu/real-world/tune-11.yaml', top1: 0.88, top3: 0.96 },
  { author: 'M', file: 'test/nlu/real-world/tune-12.yaml', top1: 0.88, top3: 0.97 },
  { author: 'N', file: 'test/nlu/real-world/tune-13.yaml', top1: 0.89, top3: 0.97 },
  { author: 'O', file: 'test/nlu/real-world/tune-14.yaml', top1: 0.87, top3: 0.97 },
  { author: 'P', file: 'test/nlu/real-world/tune-15.yaml', top1: 0.88, top3: 0.96 },
  { author: 'Q', file: 'test/nlu/real-world/tune-16.yaml', top1: 0.88, top3: 0.96 },
  { author: 'R', file: 'test/nlu/real-world/tune-17.yaml', top1: 0.88, top3: 0.96 },
  { author: 'S', file: 'test/nlu/real-world/tune-18.yaml', top1: 0.9, top3: 0.97 },
  // T and U (round 8, written while it was tuned): first reads 93.3 / 99.2 and 91.0 / 98.1.
  { author: 'T', file: 'test/nlu/real-world/tune-19.yaml', top1: 0.9, top3: 0.97 },
  { author: 'U', file: 'test/nlu/real-world/tune-20.yaml', top1: 0.88, top3: 0.96 },
])('routing floors on $file, trained without author $author', ({ author, file, top1, top3 }) => {
  const others = createNlu(flows, { ...shipped, staffMessages: shipped.staffMessages.filter((m) => m.author !== author) }, foldCache).router;
  const cases = readDevSet(path.join(ROOT, file), file);
  const e = evaluateRouter(others, cases);

  test(`top-1 ≥ ${top1 * 100}% and top-3 ≥ ${top3 * 100}%`, () => {
    expect(e.accuracy).toBeGreaterThanOrEqual(top1);
    expect(e.top3).toBeGreaterThanOrEqual(top3);
  });

  test('wrong starts stay at or under 2% of the messages', () => {
    expect(e.wrongFlow + e.outOfScopeRouted).toBeLessThanOrEqual(Math.floor(cases.length * 0.02));
  });
});

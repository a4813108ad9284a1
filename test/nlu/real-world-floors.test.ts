/**
 * Routing floors on the real-world tune set (test/nlu/real-world/tune.yaml, issue 12): long,
 * narrative messages adapted from public pages. The tune part may be read while improving the
 * router, so these floors sit a little under what it scores when they were set; the holdout part
 * is never used here (it is measured only by `npm run bench`, figures only). Builds the shipped
 * router and danger check once from the real flows and content.
 */
import path from 'node:path';
import { loadContent } from '../../src/authoring/load';
import { readDevSet } from '../../src/nlu/dev-set';
import { evaluateRouter, OUT_OF_SCOPE } from '../../src/nlu/evaluate';
import { createNlu } from '../../src/nlu/load';
import { ROOT, shippedNlu } from './fixtures';

const TUNE_FILE = 'test/nlu/real-world/tune.yaml';
const SAFEGUARDING_CONCERN = 'safeguarding-concern';

const flows = [...loadContent(ROOT).flows.values()];
const { router, danger } = createNlu(flows, shippedNlu());
const tune = readDevSet(path.join(ROOT, TUNE_FILE), TUNE_FILE);
const routing = evaluateRouter(router, tune);

describe('routing floors on the real-world tune set', () => {
  test('top-1 ≥ 88% and top-3 ≥ 96% (measured 90.4% / 98.2% when set; baseline before issue 12: 65.6% / 76.7%)', () => {
    const misses = routing.failures.map((f) => `${f.expected ?? OUT_OF_SCOPE} → ${f.got ?? OUT_OF_SCOPE} [${f.offered.join(', ')}] ${f.text}`);
    if (routing.accuracy < 0.88) throw new Error(`top-1 ${(routing.accuracy * 100).toFixed(1)}% < 88%; the misses:\n${misses.join('\n')}`);
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

/**
 * Routing floors on the real-world tuning parts (test/nlu/real-world/tune*.yaml, issue 12): long,
 * narrative messages adapted from public pages, one part per author. The parts are also training
 * data (content/nlu/staff-messages.yaml, to-training.mjs), so each part is measured by a router
 * trained WITHOUT its author's messages, or the floors would only test memory. Since round 10 that
 * is leave-GROUP-out (author-groups.ts: four fixed groups of five authors, one router per group
 * trained on every staff message but its group's authors'): 4 routers instead of the 20
 * leave-one-author-out ones, which made this suite 638 s of a 946 s `npm test`. A group router
 * trains on 4,570–4,754 of the 6,167 staff messages, a leave-one-author-out one on about 5,850, so
 * these figures sit a little below bench/routing-authors.ts's (that is the measurement; this is
 * the guard). The holdouts are never
 * read here (`npm run bench` only, figures only).
 *
 * Floors sit a little under what each part scored with its group's router when they were set
 * (round 10: top-1 1.5–2 points under, top-3 1–1.5 points under, both rounded down to a half
 * point); FLOORS lists the measured values beside them. They are group-out figures, a little lower
 * than leave-one-author-out on the same data (all 6,166 messages: 91.7 / 98.6 %, 0.6 % wrong
 * starts; bench/routing-authors.ts: 92.1 / 98.7 %, 0.6 %); they are higher than round 9's floors
 * (leave-one-author-out, set as each author joined, on fewer authors: 82–90 % / 94–97 %) because
 * the router now trains on twenty authors. Wrong starts (the 2 % rule, unchanged) were 0–5 a part;
 * the tune set's 3 of 167 is at its limit (2 with five groups). The leave-one-author-out figures are
 * bench/routing-authors.ts's; their history is in docs/routing-notes.md and this file's git history.
 */
import path from 'node:path';
import { loadContent } from '../../src/authoring/load';
import { readDevSet } from '../../src/nlu/dev-set';
import { evaluateRouter, OUT_OF_SCOPE, type Evaluation } from '../../src/nlu/evaluate';
import { createNlu } from '../../src/nlu/load';
import { defaultCacheDir } from '../../src/store/cache-dir';
import { createFileModelCache } from '../../src/nlu/model-cache';
import { AUTHOR_GROUPS, authorsOf } from './author-groups';
import { ROOT, shippedNlu } from './fixtures';

/** The tune set's author: its part also gets the out-of-scope, worry and danger checks. */
const TUNE_AUTHOR = '1';
const SAFEGUARDING_CONCERN = 'safeguarding-concern';

/**
 * Per author: floors for top-1 and top-3 (fractions), and what the part measured with its group's
 * router when they were set (round 10, twenty authors in four groups: top-1 / top-3 %).
 */
const FLOORS: Readonly<Record<string, { top1: number; top3: number; measured: string }>> = {
  '1': { top1: 0.885, top3: 0.975, measured: '90.4 / 98.8' },
  C: { top1: 0.925, top3: 0.99, measured: '94.3 / 100.0' },
  D: { top1: 0.905, top3: 0.975, measured: '92.4 / 98.5' },
  E: { top1: 0.93, top3: 0.98, measured: '94.6 / 99.1' },
  F: { top1: 0.905, top3: 0.975, measured: '92.0 / 98.5' },
  G: { top1: 0.9, top3: 0.975, measured: '91.6 / 98.7' },
  H: { top1: 0.91, top3: 0.975, measured: '92.6 / 98.9' },
  I: { top1: 0.86, top3: 0.965, measured: '87.5 / 97.7' },
  J: { top1: 0.895, top3: 0.975, measured: '91.4 / 98.7' },
  K: { top1: 0.89, top3: 0.97, measured: '90.8 / 98.5' },
  L: { top1: 0.905, top3: 0.965, measured: '92.2 / 97.8' },
  M: { top1: 0.895, top3: 0.98, measured: '91.5 / 99.1' },
  N: { top1: 0.92, top3: 0.975, measured: '93.6 / 98.8' },
  O: { top1: 0.88, top3: 0.97, measured: '89.7 / 98.4' },
  P: { top1: 0.88, top3: 0.965, measured: '89.8 / 97.9' },
  Q: { top1: 0.895, top3: 0.965, measured: '91.3 / 97.8' },
  R: { top1: 0.89, top3: 0.975, measured: '90.6 / 98.5' },
  S: { top1: 0.905, top3: 0.975, measured: '92.1 / 98.8' },
  T: { top1: 0.92, top3: 0.975, measured: '93.6 / 98.9' },
  U: { top1: 0.9, top3: 0.97, measured: '91.8 / 98.4' },
};

const flows = [...loadContent(ROOT).flows.values()];
const shipped = shippedNlu();
// The group models live in a folder of their own, so they never push the shipped model (read by
// many suites) out of the model cache. It keeps two per group: a changed training set's group
// models and the previous ones (another branch) fit side by side without evicting each other.
const foldCache = { cache: createFileModelCache(path.join(defaultCacheDir(), 'folds'), 2 * AUTHOR_GROUPS.length) };

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

describe.each(AUTHOR_GROUPS.map((group) => ({ group, name: group.name, authors: group.parts.map((p) => p.author).join(', ') })))(
  '$name (authors $authors), each part measured by the router trained without the group',
  ({ group }) => {
    // Built (or read from the cache) once per group; every result the tests need is computed here,
    // so the router can be collected before the next group's is built.
    const { router, danger } = createNlu(flows, { ...shipped, staffMessages: shipped.staffMessages.filter((m) => !authorsOf(group).has(m.author)) }, foldCache);
    const measured = group.parts.map(({ author, file }) => {
      const cases = readDevSet(path.join(ROOT, file), file);
      const e: Evaluation = evaluateRouter(router, cases);
      const tuneSet = author === TUNE_AUTHOR;
      // The worry and danger checks are the tune set's alone.
      const checked = tuneSet ? cases : [];
      const worriesMissed = checked
        .filter((c) => c.flow === SAFEGUARDING_CONCERN)
        .filter((c) => {
          const r = router.route(c.text);
          return r.flow !== SAFEGUARDING_CONCERN && !r.alternatives.some((a) => a.flow === SAFEGUARDING_CONCERN);
        })
        .map((c) => c.text);
      const unrelatedDanger = checked.filter((c) => c.flow === null && danger.detect(c.text).danger).map((c) => c.text);
      return { author, file, cases: cases.length, e, worriesMissed, unrelatedDanger, floor: FLOORS[author] };
    });

    describe.each(measured)('$file (author $author)', ({ author, cases, e, worriesMissed, unrelatedDanger, floor }) => {
      test(`top-1 ≥ ${floor ? pct(floor.top1) : '(no floor set)'} and top-3 ≥ ${floor ? pct(floor.top3) : '(no floor set)'} (measured ${floor?.measured ?? '?'} when set)`, () => {
        if (!floor) throw new Error(`author ${author} has no floor in FLOORS: measure the part with its group's router and set one`);
        const misses = e.failures.map((f) => `${f.expected ?? OUT_OF_SCOPE} → ${f.got ?? OUT_OF_SCOPE} [${f.offered.join(', ')}] ${f.text}`);
        if (e.accuracy < floor.top1) throw new Error(`top-1 ${pct(e.accuracy)} < ${pct(floor.top1)}; the misses:\n${misses.join('\n')}`);
        expect(e.top3).toBeGreaterThanOrEqual(floor.top3);
      });

      test('wrong starts stay at or under 2% of the messages', () => {
        expect(e.wrongFlow + e.outOfScopeRouted).toBeLessThanOrEqual(Math.floor(cases * 0.02));
      });

      if (author !== TUNE_AUTHOR) return;
      test('out-of-scope precision ≥ 80% and recall ≥ 85%', () => {
        expect(e.outOfScope.precision).toBeGreaterThanOrEqual(0.8);
        expect(e.outOfScope.recall).toBeGreaterThanOrEqual(0.85);
      });

      test('every other-safeguarding worry reaches the safeguarding-concern route (started or offered), never "not covered"', () => {
        expect(worriesMissed).toEqual([]);
      });

      test('no unrelated question (flow: null) gets the danger reply', () => {
        expect(unrelatedDanger).toEqual([]);
      });
    });
  },
);

test('every floor is for an author some group measures (a floor nobody measures guards nothing)', () => {
  const measured = new Set(AUTHOR_GROUPS.flatMap((g) => g.parts.map((p) => p.author)));
  expect(Object.keys(FLOORS).filter((a) => !measured.has(a))).toEqual([]);
});

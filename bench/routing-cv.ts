/**
 * The tuning view of the router (issue 12): 5-fold cross-validation over the flows' example
 * phrases and the out-of-scope phrases, beside the dev, fresh and real-world tune sets, with the
 * flows cross-validation finds weakest and the pairs it confuses most. It never reads a holdout,
 * so it can be run as often as wanted while improving the router:
 * `npm run build --silent && tsc -p tsconfig.bench.json && node dist/bench/routing-cv.js [--orders 8]`.
 * With `--orders N` every figure is also measured with the regression trained in N different
 * orders (seeds) and given as mean and range. With the SGD solver one run moved by up to 1.5
 * points on the tune set for no other reason; the default converged solver gives the same figures
 * for every order (docs/routing-notes.md), so N > 1 is a check of that, or for `solver: sgd`.
 * Folds are by position (every fifth phrase of each flow), so they are the same on every run and
 * phrases added at the end of a flow's `examples:` do not move the others between folds.
 */
import path from 'node:path';
import { loadContent } from '../src/authoring/load';
import { DEV_SET_FILE, FRESH_SET_FILE, readDevSet } from '../src/nlu/dev-set';
import { evaluateRouter, OUT_OF_SCOPE, type Evaluation, type LabelledMessage } from '../src/nlu/evaluate';
import { createNlu, loadNluContent, type NluContent } from '../src/nlu/load';

const FOLDS = 5;
/**
 * The real-world set's tune part (bench/routing.ts REAL_WORLD_FILES.tune); its holdout is never
 * read here. Since round 4 its messages are trained on (content/nlu/staff-messages.yaml, author 1),
 * so it is measured with a router trained without them (leave-one-author-out, as in
 * routing-authors.ts).
 */
const TUNE_FILE = 'test/nlu/real-world/tune.yaml';
const TUNE_AUTHOR = '1';

/** Cross-validation totals, per-flow top-1 and the most frequent confusions (expected → first answer). */
export interface CrossValidation {
  cases: number;
  top1: number;
  top3: number;
  wrongStarts: number;
  perFlow: { flow: string; cases: number; top1: number }[];
  confusions: { pair: string; count: number }[];
}

/** Trains on four folds and scores the fifth, five times; `seed`: the regression's training order. */
export function crossValidate(root: string, seed?: number): CrossValidation {
  const flows = [...loadContent(root).flows.values()];
  const nlu = withSeed(loadNluContent(root), seed);
  const inFold = (k: number) => (_: unknown, i: number) => i % FOLDS === k;
  const outOfFold = (k: number) => (_: unknown, i: number) => i % FOLDS !== k;
  const runs: Evaluation[] = [];
  for (let k = 0; k < FOLDS; k++) {
    const train = flows.map((f) => ({ ...f, examples: f.examples.filter(outOfFold(k)) }));
    const test: LabelledMessage[] = [
      ...flows.flatMap((f) => f.examples.filter(inFold(k)).map((text) => ({ text, flow: f.id }))),
      ...nlu.outOfScope.filter(inFold(k)).map((text) => ({ text, flow: null })),
    ];
    const { router } = createNlu(train, { ...nlu, outOfScope: nlu.outOfScope.filter(outOfFold(k)) }, { cache: null });
    runs.push(evaluateRouter(router, test));
  }
  const sum = (f: (e: Evaluation) => number) => runs.reduce((s, e) => s + f(e), 0);
  const cases = sum((e) => e.cases);
  const perFlow = new Map<string, { cases: number; correct: number }>();
  const confusions = new Map<string, number>();
  for (const e of runs) {
    for (const [flow, row] of Object.entries(e.perFlow)) {
      const t = perFlow.get(flow) ?? { cases: 0, correct: 0 };
      perFlow.set(flow, { cases: t.cases + row.cases, correct: t.correct + row.correct });
      for (const [got, n] of Object.entries(row.confusedWith)) confusions.set(`${flow} → ${got}`, (confusions.get(`${flow} → ${got}`) ?? 0) + n);
    }
  }
  return {
    cases,
    top1: sum((e) => e.correct) / cases,
    top3: sum((e) => e.inTop3) / cases,
    wrongStarts: sum((e) => e.wrongFlow + e.outOfScopeRouted),
    perFlow: [...perFlow].map(([flow, r]) => ({ flow, cases: r.cases, top1: r.correct / r.cases })).sort((a, b) => a.top1 - b.top1),
    confusions: [...confusions].map(([pair, count]) => ({ pair, count })).sort((a, b) => b.count - a.count),
  };
}

/** The content with the regression trained in order `seed` (unchanged when undefined). */
function withSeed(nlu: NluContent, seed: number | undefined): NluContent {
  return seed === undefined ? nlu : { ...nlu, router: { ...nlu.router, model: { ...nlu.router.model, seed } } };
}

/** The seeds of `orders` training orders: the shipped one (router.yaml's, or the default) first. */
function seedsFor(orders: number, shipped: number | undefined): (number | undefined)[] {
  return [shipped, ...Array.from({ length: orders - 1 }, (_, i) => i + 1)];
}

/**
 * Prints cross-validation and the dev, fresh and tune sets (never the holdouts). `orders` > 1:
 * the top-1 figures are also given as mean and range over that many training orders.
 */
export function runRoutingCv(root: string, say: (line: string) => void, orders = 1): void {
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  const flows = [...loadContent(root).flows.values()];
  const nlu = loadNluContent(root);
  const sets = ([['dev', DEV_SET_FILE], ['fresh', FRESH_SET_FILE], ['tune', TUNE_FILE]] as const).map(([name, file]) => ({ name, cases: readDevSet(path.join(root, file), file) }));
  const top1 = new Map<string, number[]>();
  const note = (name: string, x: number) => top1.set(name, [...(top1.get(name) ?? []), x]);
  say('routing, tuning view (no holdout): top-1 / top-3 / wrong starts / out-of-scope P, R');
  seedsFor(Math.max(1, orders), nlu.router.model?.seed).forEach((seed, run) => {
    const { router } = createNlu(flows, withSeed(nlu, seed), { cache: null });
    const withoutTune = createNlu(flows, withSeed({ ...nlu, staffMessages: nlu.staffMessages.filter((m) => m.author !== TUNE_AUTHOR) }, seed), { cache: null }).router;
    for (const set of sets) {
      const e = evaluateRouter(set.name === 'tune' ? withoutTune : router, set.cases);
      note(set.name, e.accuracy);
      if (run === 0) say(`  ${set.name.padEnd(5)} ${String(e.cases).padStart(4)}: ${pct(e.accuracy)} / ${pct(e.top3)} / ${e.wrongFlow + e.outOfScopeRouted} / ${pct(e.outOfScope.precision)}, ${pct(e.outOfScope.recall)}`);
    }
    const cv = crossValidate(root, seed);
    note('CV', cv.top1);
    if (run > 0) return;
    say(`  ${FOLDS}-fold CV over the phrases ${cv.cases}: ${pct(cv.top1)} / ${pct(cv.top3)} / ${cv.wrongStarts}`);
    say(`  weakest in CV: ${cv.perFlow.slice(0, 6).map((r) => `${r.flow === OUT_OF_SCOPE ? 'out of scope' : r.flow} ${pct(r.top1)}`).join(', ')}`);
    say(`  most confused in CV: ${cv.confusions.slice(0, 8).map((c) => `${c.pair} (${c.count})`).join(', ')}`);
  });
  if (orders <= 1) return;
  const spread = (xs: number[]) => `${pct(xs.reduce((a, b) => a + b, 0) / xs.length)} (${pct(Math.min(...xs))} – ${pct(Math.max(...xs))})`;
  say(`  top-1 over ${orders} training orders, mean (range): ${[...top1].map(([name, xs]) => `${name} ${spread(xs)}`).join(', ')}`);
}

if (require.main === module) {
  const at = process.argv.indexOf('--orders');
  const orders = at > 0 ? Number(process.argv[at + 1]) : 1;
  if (!Number.isInteger(orders) || orders < 1) {
    process.stderr.write('usage: node dist/bench/routing-cv.js [--orders N]  (N ≥ 1)\n');
    process.exitCode = 2;
  } else runRoutingCv(path.resolve(__dirname, '..', '..'), (line) => process.stdout.write(`${line}\n`), orders);
}

/**
 * The tuning view of the router (issue 12): 5-fold cross-validation over the flows' example
 * phrases and the out-of-scope phrases, beside the dev, fresh and real-world tune sets, with the
 * flows cross-validation finds weakest and the pairs it confuses most. It never reads a holdout,
 * so it can be run as often as wanted while improving the router:
 * `npm run build --silent && tsc -p tsconfig.bench.json && node dist/bench/routing-cv.js`.
 * Folds are by position (every fifth phrase of each flow), so they are the same on every run and
 * phrases added at the end of a flow's `examples:` do not move the others between folds.
 */
import path from 'node:path';
import { loadContent } from '../src/authoring/load';
import { DEV_SET_FILE, FRESH_SET_FILE, readDevSet } from '../src/nlu/dev-set';
import { evaluateRouter, OUT_OF_SCOPE, type Evaluation, type LabelledMessage } from '../src/nlu/evaluate';
import { createNlu, loadNluContent } from '../src/nlu/load';

const FOLDS = 5;
/** The real-world set's tune part (bench/routing.ts REAL_WORLD_FILES.tune); its holdout is never read here. */
const TUNE_FILE = 'test/nlu/real-world/tune.yaml';

/** Cross-validation totals, per-flow top-1 and the most frequent confusions (expected → first answer). */
export interface CrossValidation {
  cases: number;
  top1: number;
  top3: number;
  wrongStarts: number;
  perFlow: { flow: string; cases: number; top1: number }[];
  confusions: { pair: string; count: number }[];
}

/** Trains on four folds and scores the fifth, five times. */
export function crossValidate(root: string): CrossValidation {
  const flows = [...loadContent(root).flows.values()];
  const nlu = loadNluContent(root);
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

/** Prints cross-validation and the dev, fresh and tune sets (never the holdouts). */
export function runRoutingCv(root: string, say: (line: string) => void): void {
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  const flows = [...loadContent(root).flows.values()];
  const { router } = createNlu(flows, loadNluContent(root), { cache: null });
  say('routing, tuning view (no holdout): top-1 / top-3 / wrong starts / out-of-scope P, R');
  for (const [name, file] of [['dev', DEV_SET_FILE], ['fresh', FRESH_SET_FILE], ['tune', TUNE_FILE]] as const) {
    const e = evaluateRouter(router, readDevSet(path.join(root, file), file));
    say(`  ${name.padEnd(5)} ${String(e.cases).padStart(4)}: ${pct(e.accuracy)} / ${pct(e.top3)} / ${e.wrongFlow + e.outOfScopeRouted} / ${pct(e.outOfScope.precision)}, ${pct(e.outOfScope.recall)}`);
  }
  const cv = crossValidate(root);
  say(`  ${FOLDS}-fold CV over the phrases ${cv.cases}: ${pct(cv.top1)} / ${pct(cv.top3)} / ${cv.wrongStarts}`);
  say(`  weakest in CV: ${cv.perFlow.slice(0, 6).map((r) => `${r.flow === OUT_OF_SCOPE ? 'out of scope' : r.flow} ${pct(r.top1)}`).join(', ')}`);
  say(`  most confused in CV: ${cv.confusions.slice(0, 8).map((c) => `${c.pair} (${c.count})`).join(', ')}`);
}

if (require.main === module) runRoutingCv(path.resolve(__dirname, '..', '..'), (line) => process.stdout.write(`${line}\n`));

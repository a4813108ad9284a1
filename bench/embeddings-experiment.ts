/**
 * The word-vector experiment (issue 12, docs/embeddings.md): the router as shipped against the
 * same router with router.yaml `model.embeddings` parts turned on, on 5-fold cross-validation
 * over the flows' examples and out-of-scope phrases, the dev set, the fresh set and the
 * real-world tune set. Never reads the holdouts. Not part of `npm run bench`; run by hand:
 *
 *   npm run build --silent && npx tsc -p tsconfig.bench.json && node dist/bench/embeddings-experiment.js ['{"map":0.6}' …]
 *
 * Each argument is one `model.embeddings` setting to compare (JSON, plus an optional `threshold`
 * to compare at another start threshold); none: a built-in list.
 */
import path from 'node:path';
import { loadContent } from '../src/authoring/load';
import type { FlowDef } from '../src/core/model';
import { EMBEDDINGS_OFF, type EmbeddingSettings } from '../src/nlu/embedding-features';
import { loadEmbeddings, type EmbeddingTable } from '../src/nlu/embeddings';
import { DEV_SET_FILE, FRESH_SET_FILE, readDevSet } from '../src/nlu/dev-set';
import { evaluateRouter, type Evaluation, type LabelledMessage } from '../src/nlu/evaluate';
import { loadNluContent, NLU_FILES, type NluContent } from '../src/nlu/load';
import { createRouter } from '../src/nlu/router';

const ROOT = path.resolve(__dirname, '..', '..');
const TUNE_FILE = 'test/nlu/real-world/tune.yaml';
const FOLDS = Number(process.env.FOLDS ?? 5); // FOLDS=2 trains on half: more unseen words in what is held out

const DEFAULT_CONFIGS: Config[] = [
  {},
  { map: 0.6 },
  { map: 0.5 },
  { dense: 0.5 },
  { dense: 1 },
  { nearest: 0.15 },
  { nearest: 0.3 },
];

/** One setting to compare: `model.embeddings`, and optionally another start threshold. */
type Config = Partial<EmbeddingSettings> & { threshold?: number };

function build(flows: readonly FlowDef[], nlu: NluContent, outOfScope: readonly string[], table: EmbeddingTable, config: Config) {
  const { threshold, ...e } = config;
  return createRouter(flows, {
    vocabulary: nlu.vocabulary,
    outOfScope,
    threshold: threshold ?? nlu.router.threshold,
    offer: nlu.router.offer,
    severity: nlu.router.severity,
    model: { ...nlu.router.model, embeddings: { ...EMBEDDINGS_OFF, ...e } },
    embeddings: table,
  });
}

/** Out-of-fold evaluation over the flows' examples and out-of-scope phrases (every 5th by position). */
function crossValidate(flows: readonly FlowDef[], nlu: NluContent, table: EmbeddingTable, e: Config): Evaluation {
  const held: LabelledMessage[][] = [];
  const results: Evaluation[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const train = flows.map((f) => ({ ...f, examples: f.examples.filter((_, i) => i % FOLDS !== fold) }));
    const oos = nlu.outOfScope.filter((_, i) => i % FOLDS !== fold);
    const test: LabelledMessage[] = [
      ...flows.flatMap((f) => f.examples.filter((_, i) => i % FOLDS === fold).map((text) => ({ text, flow: f.id }))),
      ...nlu.outOfScope.filter((_, i) => i % FOLDS === fold).map((text) => ({ text, flow: null })),
    ];
    held.push(test);
    results.push(evaluateRouter(build(train, nlu, oos, table, e), test));
  }
  const sum = (f: (r: Evaluation) => number) => results.reduce((a, r) => a + f(r), 0);
  const cases = sum((r) => r.cases);
  return {
    ...results[0]!,
    cases,
    correct: sum((r) => r.correct),
    accuracy: sum((r) => r.correct) / cases,
    inTop3: sum((r) => r.inTop3),
    top3: sum((r) => r.inTop3) / cases,
    started: sum((r) => r.started),
    wrongFlow: sum((r) => r.wrongFlow),
    outOfScopeRouted: sum((r) => r.outOfScopeRouted),
    menus: sum((r) => r.menus),
    missed: sum((r) => r.missed),
    failures: results.flatMap((r) => r.failures),
  };
}

/** Per set, the first-offer failures of the first setting compared, to count what each other setting fixes and breaks. */
const baseline = new Map<string, Set<string>>();
function flips(set: string, r: Evaluation): string {
  const failed = new Set(r.failures.map((f) => f.text));
  const base = baseline.get(set);
  if (!base) return (baseline.set(set, failed), '');
  const fixed = [...base].filter((t) => !failed.has(t)).length;
  const broken = [...failed].filter((t) => !base.has(t)).length;
  return `  vs first: +${fixed} fixed, -${broken} broken`;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}`.padStart(5);
function line(set: string, r: Evaluation): string {
  const wrong = r.wrongFlow + r.outOfScopeRouted;
  return `  ${set.padEnd(6)} n=${String(r.cases).padStart(4)}  top1 ${pct(r.accuracy)}  top3 ${pct(r.top3)}  started ${String(r.started).padStart(3)}  wrong starts ${String(wrong).padStart(2)} (${pct(wrong / r.cases)} %)  menus ${String(r.menus).padStart(3)}  missed ${r.missed}${flips(set, r)}`;
}

function main(): void {
  const flows = [...loadContent(ROOT).flows.values()];
  const nlu = loadNluContent(ROOT);
  const t0 = performance.now();
  const table = loadEmbeddings(path.join(ROOT, NLU_FILES.embeddings), NLU_FILES.embeddings);
  process.stdout.write(`table: ${table.size} words × ${table.dims}, loaded in ${(performance.now() - t0).toFixed(0)} ms\n`);
  const sets = {
    dev: readDevSet(path.join(ROOT, DEV_SET_FILE), DEV_SET_FILE),
    fresh: readDevSet(path.join(ROOT, FRESH_SET_FILE), FRESH_SET_FILE),
    tune: readDevSet(path.join(ROOT, TUNE_FILE), TUNE_FILE),
  };
  const args = process.argv.slice(2);
  const configs = args.length > 0 ? args.map((a) => JSON.parse(a) as Config) : DEFAULT_CONFIGS;
  for (const e of configs) {
    const started = performance.now();
    process.stdout.write(`embeddings ${JSON.stringify(e)}\n`);
    process.stdout.write(`${line('cv', crossValidate(flows, nlu, table, e))}\n`);
    const t1 = performance.now();
    const router = build(flows, nlu, nlu.outOfScope, table, e);
    const trainMs = performance.now() - t1;
    for (const [name, cases] of Object.entries(sets)) process.stdout.write(`${line(name, evaluateRouter(router, cases))}\n`);
    process.stdout.write(`  train ${trainMs.toFixed(0)} ms; all ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  }
}

main();

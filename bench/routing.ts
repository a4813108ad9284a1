/**
 * Routing accuracy on the dev set (test/nlu/dev-set.yaml) for SafeStep's router, two of its
 * ablations, and NLP.js trained on the same phrases; plus SafeStep's danger check.
 * Every router is scored by the same code (src/nlu/evaluate.ts), on the same messages.
 */
import path from 'node:path';
import { loadContent } from '../src/authoring/load';
import type { FlowDef } from '../src/core/model';
import type { Router } from '../src/core/ports';
import { DEV_SET_FILE, FRESH_SET_FILE, readDevSet, type DevCase } from '../src/nlu/dev-set';
import { evaluateDanger, evaluateRouter, type DangerEvaluation, type Evaluation } from '../src/nlu/evaluate';
import { createNlu, loadNluContent, type NluContent } from '../src/nlu/load';
import { createRouter } from '../src/nlu/router';
import { EMPTY_VOCABULARY } from '../src/nlu/vocabulary';
import { createNaturalBayesRouter } from './natural-bayes';
import { classifyWithNlpJs } from './nlpjs';

/** One router's results. */
export interface RouterRow {
  name: string;
  note: string;
  evaluation: Evaluation;
  trainMs: number;
  msPerMessage: number;
}

export interface RoutingResults {
  cases: DevCase[];
  flows: FlowDef[];
  rows: RouterRow[];
  /** The shipped router's row (rows[0]) and NLP.js's native row, for the per-flow table. */
  safestep: RouterRow;
  nlpjs: RouterRow;
  danger: DangerEvaluation;
  /** The fresh set (test/nlu/fresh-set.yaml): SafeStep and NLP.js, and SafeStep's danger check. */
  fresh: { cases: DevCase[]; safestep: Evaluation; nlpjs: Evaluation; danger: DangerEvaluation };
  trainingPhrases: number;
  outOfScopePhrases: number;
}

/** Measures every router on the dev set under `root`. */
export async function measureRouting(root: string): Promise<RoutingResults> {
  const content = loadContent(root);
  const flows = [...content.flows.values()];
  const nlu = loadNluContent(root);
  const cases = readDevSet(path.join(root, DEV_SET_FILE), DEV_SET_FILE);
  const freshCases = readDevSet(path.join(root, FRESH_SET_FILE), FRESH_SET_FILE);
  const texts = [...cases, ...freshCases].map((c) => c.text);

  const timed = (name: string, note: string, build: () => Router): RouterRow => {
    const t0 = performance.now();
    const router = build();
    const trainMs = performance.now() - t0;
    const t1 = performance.now();
    const evaluation = evaluateRouter(router, cases);
    return { name, note, evaluation, trainMs, msPerMessage: (performance.now() - t1) / cases.length };
  };
  const withNlu = (changes: Partial<NluContent['router']>, vocabulary = nlu.vocabulary) => () =>
    createNlu(flows, { ...nlu, vocabulary, router: { ...nlu.router, ...changes } }).router;

  // Warm up the stemmer and the JIT so the first row's build time is not the cold start's.
  createRouter(flows.slice(0, 2), { vocabulary: nlu.vocabulary });

  const safestep = timed('SafeStep router v2', 'as shipped: logistic regression + nearest examples, concepts, several-topic rule', withNlu({}));
  const rows: RouterRow[] = [
    safestep,
    timed('SafeStep, regression only', 'ablation: no nearest-examples blend', withNlu({ model: { ...nlu.router.model, blend: 0 } })),
    timed('SafeStep, nearest examples only', 'ablation: no regression (close to v1, with v2 vocabulary)', withNlu({ model: { ...nlu.router.model, blend: 1 } })),
    timed('SafeStep, no concepts', 'ablation: vocabulary concepts removed', withNlu({}, { ...nlu.vocabulary, concepts: EMPTY_VOCABULARY.concepts })),
    timed('natural BayesClassifier', 'natural\'s classifier on SafeStep\'s features, with SafeStep\'s decision rules', () => createNaturalBayesRouter(flows, nlu.outOfScope, nlu.vocabulary, nlu.router)),
  ];

  const nlpjs = await classifyWithNlpJs(flows, nlu.outOfScope, texts, nlu.router);
  const nlpjsNative: RouterRow = {
    name: 'NLP.js 4 (@nlpjs/nlp)',
    note: 'its own answer: top intent, "None" below its 0.5 threshold',
    evaluation: evaluateRouter(nlpjs.native, cases),
    trainMs: nlpjs.trainMs,
    msPerMessage: nlpjs.msPerMessage,
  };
  rows.push(nlpjsNative, {
    name: 'NLP.js with SafeStep\'s decision rules',
    note: 'NLP.js scores; SafeStep\'s threshold, offer and out-of-scope rules',
    evaluation: evaluateRouter(nlpjs.sameRules, cases),
    trainMs: nlpjs.trainMs,
    msPerMessage: nlpjs.msPerMessage,
  });

  const { router, danger } = createNlu(flows, nlu);
  const fresh = {
    cases: freshCases,
    safestep: evaluateRouter(router, freshCases),
    nlpjs: evaluateRouter(nlpjs.native, freshCases),
    danger: evaluateDanger(danger, freshCases),
  };
  return {
    fresh,
    cases,
    flows,
    rows,
    safestep,
    nlpjs: nlpjsNative,
    danger: evaluateDanger(danger, cases),
    trainingPhrases: flows.reduce((n, f) => n + f.examples.length, 0),
    outOfScopePhrases: nlu.outOfScope.length,
  };
}

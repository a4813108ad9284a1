/**
 * Trains the danger-likeness backstop (danger-likeness.ts) and writes content/danger/likeness.yaml.
 *
 * Training data (never a measured set): test/nlu/danger-examples.yaml (certain, possible and danger
 * examples → danger; quiet → not), test/nlu/danger-likeness-training.yaml (the author's own
 * phrasings), content/nlu/out-of-scope.yaml and the flows' `examples:` the rules leave quiet (→ not
 * danger). Hand-written near-misses count HARD_WEIGHT times.
 * Model: L2-regularised logistic regression on binary stem and stem-pair features seen at least
 * twice, classes weighted equally, plain full-batch gradient descent (deterministic).
 * Threshold: the lowest score at which the backstop adds the question to at most QUESTION_BUDGET of
 * the real-world TUNING sets' (both parts') non-danger messages and DEV_QUESTION_BUDGET of the dev set's (never
 * the holdouts or the fresh set), and above every hand-written near-miss; 5-fold cross-validation
 * on the training data reports how many training danger messages the rules miss and the backstop
 * catches at it (`chosen:` in the file).
 *
 * Run: `npm run build && node dist/src/nlu/danger-likeness-train.js` (from the repository root).
 */
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import type { DangerDetector } from '../core/ports';
import { createDangerDetector } from './danger';
import { features, stem, type LikenessModel } from './danger-likeness';
import type { DangerRules } from './danger-schema';
import { compileVocabulary, expandTokens, EMPTY_VOCABULARY, type Vocabulary } from './vocabulary';
import { applyPatterns, tokenise } from './normalise';

/** The training files, relative to the repository root. */
export const LIKENESS_TRAINING_FILES = ['test/nlu/danger-examples.yaml', 'test/nlu/danger-likeness-training.yaml', 'content/nlu/out-of-scope.yaml'] as const;

/** Where the trained model goes. */
export const LIKENESS_FILE = 'content/danger/likeness.yaml';

/** At most this share of the tuning set's non-danger messages may get the question from the backstop. */
export const QUESTION_BUDGET = 0.025;

/** …and at most this share of the dev set's (routing-style messages, closer to the fresh set). */
export const DEV_QUESTION_BUDGET = 0.01;

const HYPER = { l2: 0.001, rate: 2, epochs: 1000, minCount: 2 };

/** Words that say who or how rather than what: never a feature on their own (pairs with them are kept). */
export const LIKENESS_STOPWORDS = [
  'a', 'an', 'the', 'and', 'or', 'but', 'so', 'of', 'to', 'as', 'is', 'are', 'was', 'were', 'be', 'been', 'am', 'do', 'does', 'did',
  'has', 'have', 'had', 'will', 'would', 'could', 'just', 'really', 'very', 'also', 'got', 'get', 'im', 'ive', 'hi', 'please', 'thanks',
  'he', 'she', 'they', 'him', 'her', 'them', 'his', 'their', 'it', 'its', 'i', 'me', 'my', 'we', 'our', 'us', 'you', 'your', 'in', 'on',
  'at', 'for', 'with', 'this', 'that', 'there', 'what', 'who', 'which', 'say', 'said', 'says', 'told', 'tell', 'child', 'children', 'pupil',
  'pupils', 'kid', 'kids', 'girl', 'girls', 'boy', 'boys', 'student', 'students', 'lad', 'year', 'y', 'one', 'some', 'from', 'about', 'up',
  'out', 'by', 'into', 'all', 'any', 'can', 'if', 'when', 'then', 'than', 'how', 'sorry', 'bit', 'think', 'know',
];

/** One labelled training message. */
export interface Example {
  text: string;
  danger: boolean;
  /** A near-miss written to look like danger (counts HARD_WEIGHT times in training). */
  hard?: boolean;
}

/** How much more a hand-written near-miss counts than an ordinary example. */
const HARD_WEIGHT = 3;

const compiledCache = new WeakMap<Vocabulary, ReturnType<typeof compileVocabulary>>();

/** The words the likeness features are built from: as the detector sees them (vocabulary applied). */
export function likenessTokens(text: string, vocabulary: Vocabulary = EMPTY_VOCABULARY): string[] {
  let compiled = compiledCache.get(vocabulary);
  if (!compiled) compiledCache.set(vocabulary, (compiled = compileVocabulary(vocabulary)));
  return expandTokens(tokenise(applyPatterns(text, compiled)), compiled).join(' ').split(' ');
}

/**
 * Reads the training files under `root`, plus the flows' `examples:` (flows/*.yaml) that the rules
 * leave quiet, as non-danger (they are the router's everyday safeguarding messages); also returns a
 * digest of everything read, so a test can tell when the shipped model is out of date.
 */
export function readTrainingData(root: string, rules: DangerDetector): { examples: Example[]; hash: string } {
  const hash = createHash('sha256');
  const examples: Example[] = [];
  const text = (file: string): string => {
    const t = fs.readFileSync(path.join(root, file), 'utf8');
    hash.update(file).update('\0').update(t);
    return t;
  };
  const ex = parse(text(LIKENESS_TRAINING_FILES[0])) as { certain: { text: string }[]; possible: { text: string }[]; danger: string[]; quiet: string[] };
  for (const e of [...ex.certain, ...ex.possible]) examples.push({ text: e.text, danger: true });
  for (const t of ex.danger) examples.push({ text: t, danger: true });
  for (const t of ex.quiet) examples.push({ text: t, danger: false, hard: true });
  const own = parse(text(LIKENESS_TRAINING_FILES[1])) as { danger: string[]; notDanger: string[] };
  for (const t of own.danger) examples.push({ text: t, danger: true });
  for (const t of own.notDanger) examples.push({ text: t, danger: false, hard: true });
  const oos = parse(text(LIKENESS_TRAINING_FILES[2])) as { examples: string[] };
  for (const t of oos.examples) examples.push({ text: t, danger: false });
  const flowsDir = path.join(root, 'flows');
  for (const file of fs.readdirSync(flowsDir).filter((f) => f.endsWith('.yaml')).sort()) {
    const flow = parse(text(path.join('flows', file))) as { examples?: string[] };
    for (const t of flow.examples ?? []) if (!rulesSpoke(rules, t)) examples.push({ text: t, danger: false });
  }
  return { examples, hash: hash.digest('hex').slice(0, 32) };
}

/** Fits weights and bias on the examples (deterministic). */
const STOP = new Set(LIKENESS_STOPWORDS.map(stem));
const featuresOf = (text: string, vocabulary: Vocabulary): string[] => [...features(likenessTokens(text, vocabulary), STOP)];

export function fit(examples: readonly Example[], vocabulary: Vocabulary): { bias: number; weights: Map<string, number> } {
  const rows = examples.map((e) => ({ f: featuresOf(e.text, vocabulary), y: e.danger ? 1 : 0, k: e.hard ? HARD_WEIGHT : 1 }));
  const count = new Map<string, number>();
  for (const r of rows) for (const f of r.f) count.set(f, (count.get(f) ?? 0) + 1);
  const keep = [...count].filter(([, n]) => n >= HYPER.minCount).map(([f]) => f).sort();
  const index = new Map(keep.map((f, i) => [f, i]));
  const xs = rows.map((r) => ({ ids: r.f.map((f) => index.get(f)).filter((i): i is number => i !== undefined), y: r.y, k: r.k }));
  const pos = xs.filter((r) => r.y === 1).reduce((n, r) => n + r.k, 0);
  const neg = xs.filter((r) => r.y === 0).reduce((n, r) => n + r.k, 0);
  const weightOf = (r: { y: number; k: number }): number => r.k * (r.y === 1 ? (pos + neg) / (2 * pos) : (pos + neg) / (2 * neg));
  const w = new Float64Array(keep.length);
  let b = 0;
  for (let epoch = 0; epoch < HYPER.epochs; epoch++) {
    const g = new Float64Array(keep.length);
    let gb = 0;
    for (const r of xs) {
      let z = b;
      for (const i of r.ids) z += w[i]!;
      const err = (1 / (1 + Math.exp(-z)) - r.y) * weightOf(r);
      for (const i of r.ids) g[i]! += err;
      gb += err;
    }
    for (let i = 0; i < w.length; i++) w[i]! -= HYPER.rate * (g[i]! / xs.length + HYPER.l2 * w[i]!);
    b -= HYPER.rate * (gb / xs.length);
  }
  const weights = new Map<string, number>();
  keep.forEach((f, i) => {
    const v = Math.round(w[i]! * 1e4) / 1e4;
    if (v !== 0) weights.set(f, v);
  });
  return { bias: Math.round(b * 1e4) / 1e4, weights };
}

function scoreWith(m: { bias: number; weights: Map<string, number> }, text: string, vocabulary: Vocabulary): number {
  const fs = featuresOf(text, vocabulary);
  let z = m.bias;
  for (const f of fs) z += m.weights.get(f) ?? 0;
  return 1 / (1 + Math.exp(-z));
}

/** Out-of-fold scores of the training examples (k folds by position, deterministic). */
export function crossValidate(examples: readonly Example[], vocabulary: Vocabulary, k = 5): number[] {
  const scores = new Array<number>(examples.length).fill(0);
  for (let fold = 0; fold < k; fold++) {
    const m = fit(examples.filter((_, i) => i % k !== fold), vocabulary);
    examples.forEach((e, i) => {
      if (i % k === fold) scores[i] = scoreWith(m, e.text, vocabulary);
    });
  }
  return scores;
}

/** Whether the rules alone already say something (999 or the question). */
function rulesSpoke(rules: DangerDetector, text: string): boolean {
  const v = rules.detect(text);
  return v.danger || v.question === true;
}

/**
 * Trains on the training data and picks the threshold on the tuning set: the lowest score at which
 * the backstop adds the question to at most QUESTION_BUDGET of the tuning set's non-danger messages.
 */
export function trainLikeness(
  root: string,
  danger: DangerRules,
  sets: { tune: readonly Example[]; dev: readonly Example[] },
  vocabulary: Vocabulary,
): LikenessModel {
  const rules = createDangerDetector({ ...danger, likeness: undefined }, { vocabulary });
  const { examples, hash } = readTrainingData(root, rules);
  const model = fit(examples, vocabulary);
  const draft: LikenessModel = {
    description: 'Danger-likeness backstop: logistic regression on word stems and stem pairs. Asks the danger question (never the 999 reply) when the rules are quiet and no canceller spoke, and the score reaches the threshold. Written by src/nlu/danger-likeness-train.ts; do not edit by hand.',
    threshold: 0.5,
    bias: model.bias,
    trainedOn: [...LIKENESS_TRAINING_FILES, 'flows/*.yaml examples: (those the rules leave quiet, as non-danger)'],
    dataHash: hash,
    stopwords: [...LIKENESS_STOPWORDS],
    chosen: {},
    weights: Object.fromEntries([...model.weights].sort(([a], [b]) => a.localeCompare(b))),
  };
  // What the backstop sees: the score of each message the rules leave quiet and uncancelled.
  const seen = createDangerDetector({ ...danger, likeness: draft }, { vocabulary });
  const quiet = (text: string): boolean => seen.likenessOf(text) !== undefined;
  const quietScores = (set: readonly Example[]) => set.filter((c) => !c.danger).map((c) => seen.likenessOf(c.text)).filter((x): x is number => x !== undefined).sort((a, b) => b - a);
  const negativesOf = (set: readonly Example[]) => set.filter((c) => !c.danger).length;
  // Per set: the threshold sits just above the (allowed+1)-th highest quiet non-danger score.
  const lowest = (set: readonly Example[], budget: number) => (quietScores(set)[Math.floor(budget * negativesOf(set))] ?? 0) + 0.001;
  // …and above every hand-written near-miss it was trained on (they must stay quiet).
  const nearMisses = Math.max(0, ...examples.filter((e) => e.hard).map((e) => seen.likenessOf(e.text) ?? 0)) + 0.001;
  const threshold = Math.min(0.95, Math.max(0.5, Math.ceil(Math.max(lowest(sets.tune, QUESTION_BUDGET), lowest(sets.dev, DEV_QUESTION_BUDGET), nearMisses) * 1000) / 1000));
  const added = (set: readonly Example[]) => `${quietScores(set).filter((s) => s >= threshold).length}/${negativesOf(set)}`;
  const oof = crossValidate(examples, vocabulary);
  const missedByRules = examples.map((e, i) => ({ e, s: oof[i]! })).filter(({ e }) => e.danger && quiet(e.text));
  const oofNeg = examples.map((e, i) => ({ e, s: oof[i]! })).filter(({ e }) => !e.danger && quiet(e.text));
  return {
    ...draft,
    threshold,
    chosen: {
      trainingExamples: examples.length,
      trainingDanger: examples.filter((e) => e.danger).length,
      questionBudgetOnTune: QUESTION_BUDGET,
      questionBudgetOnDev: DEV_QUESTION_BUDGET,
      bindingLimit: threshold === Math.ceil(nearMisses * 1000) / 1000 ? 'near-misses' : 'tune/dev budget',
      tuneNonDangerQuestionsAdded: added(sets.tune),
      devNonDangerQuestionsAdded: added(sets.dev),
      crossValidatedCatchOfRuleMisses: `${missedByRules.filter((x) => x.s >= threshold).length}/${missedByRules.length}`,
      crossValidatedQuestionsOnQuietNonDanger: `${oofNeg.filter((x) => x.s >= threshold).length}/${oofNeg.length}`,
    },
  };
}

/** The YAML text of a trained model (stable, so a retrain with the same data writes the same file). */
export function renderLikeness(model: LikenessModel): string {
  return `# Written by src/nlu/danger-likeness-train.ts (see content/danger/README.md); do not edit by hand.\n${stringify(model, { lineWidth: 0 })}`;
}

/* c8 ignore start */
if (require.main === module) {
  // Loaded lazily so importing this module for tests does not pull the whole content loader.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { loadNluContent } = require('./load') as typeof import('./load');
  const { readDangerSet, DANGER_TUNE_FILE, DANGER_TUNE_2_FILE } = require('./danger-set') as typeof import('./danger-set');
  const { readDevSet, DEV_SET_FILE } = require('./dev-set') as typeof import('./dev-set');
  const root = process.cwd();
  const nlu = loadNluContent(root);
  // Both tuning parts choose the threshold (never the holdouts, the self-check or the fresh set).
  const tune = [DANGER_TUNE_FILE, DANGER_TUNE_2_FILE].flatMap((file) => readDangerSet(path.join(root, file), file));
  const dev = readDevSet(path.join(root, DEV_SET_FILE), DEV_SET_FILE).filter((c) => c.danger !== undefined).map((c) => ({ text: c.text, danger: c.danger === true }));
  const model = trainLikeness(root, nlu.danger, { tune, dev }, nlu.vocabulary);
  fs.writeFileSync(path.join(root, LIKENESS_FILE), renderLikeness(model));
  process.stdout.write(`${LIKENESS_FILE}: threshold ${model.threshold}, ${Object.keys(model.weights).length} weights\n${JSON.stringify(model.chosen, null, 2)}\n`);
}
/* c8 ignore stop */

/**
 * The danger-likeness backstop's training data and fitting (see danger-likeness-train.ts for how the
 * shipped model is made): what it is trained on, the features, and a deterministic logistic
 * regression.
 *
 * Training data (never a holdout, the dev set or the fresh set): test/nlu/danger-examples.yaml
 * (certain, possible and danger examples → danger; quiet → not), test/nlu/danger-likeness-training.yaml
 * (the authors' own phrasings), content/nlu/out-of-scope.yaml, the flows' `examples:` the rules leave
 * quiet (→ not danger), and — since the fourth round — every author's real-world TUNING messages
 * (DANGER_AUTHORS in danger-set.ts), each tagged with its author. Hand-written near-misses count
 * HARD_WEIGHT times.
 * Model: L2-regularised logistic regression on binary stem and stem-pair features seen in at least
 * three messages (weights under 0.02 left out of the file), classes weighted equally, plain
 * full-batch gradient descent (deterministic).
 */
import fs from 'node:fs';
import { createHash, type Hash } from 'node:crypto';
import path from 'node:path';
import { parse } from 'yaml';
import type { DangerDetector } from '../core/ports';
import { features, stem, type LikenessModel } from './danger-likeness';
import { DANGER_AUTHORS, DangerSetSchema, type DangerAuthor } from './danger-set';
import { parseYamlData } from './yaml-data';
import { compileVocabulary, expandTokens, EMPTY_VOCABULARY, type Vocabulary } from './vocabulary';
import { applyPatterns, tokenise } from './normalise';

/** The training files, relative to the repository root. */
export const LIKENESS_TRAINING_FILES = ['test/nlu/danger-examples.yaml', 'test/nlu/danger-likeness-training.yaml', 'content/nlu/out-of-scope.yaml'] as const;

/** Where the trained model goes. */
export const LIKENESS_FILE = 'content/danger/likeness.yaml';

/**
 * At most this share of the authors' non-danger messages may get the question IN ALL, out of author:
 * the rules' own questions, the 999s demoted to the question and the backstop's. Seventh round: the
 * whole question rate is the budget the issue sets (≤ 10 % on a stranger), so the backstop spends what
 * the rules leave of 8.5 % on recall (it added 2.5 % on top of the rules before, about 6 % in all).
 */
export const QUESTION_BUDGET = 0.085;

/** …and at most this share of the dev set's, in all (routing-style messages, closer to the fresh set). */
export const DEV_QUESTION_BUDGET = 0.075;

/** At most this share of the authors' danger messages that the rules give 999 may be demoted to the question (out-of-author scores). */
export const DEMOTE_BUDGET = 0.005;

/**
 * The fitting settings. `minCount`: a feature must occur in this many training messages; `minWeight`:
 * smaller weights are left out of the model file (sixth round: a smaller file loads faster and scores
 * the authors' messages out of author as well, danger-real.md). `l2` 0.001 → 0.0001 in the ninth round:
 * more recall out of author at every fixed question rate and fewer false 999s (danger-real.md).
 */
export const HYPER = { l2: 0.0001, rate: 2, epochs: 1000, minCount: 3, minWeight: 0.02 };

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
  /** A hand-written `certain` example: the demotion threshold stays under its score (it must keep the 999 reply). */
  sure?: boolean;
  /** The real-world tuning author it came from (DANGER_AUTHORS), for the per-author folds. */
  author?: string;
}

/**
 * How much more a hand-written near-miss counts than an ordinary example. Sixth round, second pass:
 * 6 (from 3), so the model itself learns the near-misses the threshold must stay above; at 3 two of
 * them held the threshold near 0.69, above what the authors' question budget allows. Seventh round:
 * 10, for the same reason at the larger budget (at 6 they held it at 0.58; danger-real.md).
 */
export const HARD_WEIGHT = 10;

const compiledCache = new WeakMap<Vocabulary, ReturnType<typeof compileVocabulary>>();

/** The words the likeness features are built from: as the detector sees them (vocabulary applied). */
export function likenessTokens(text: string, vocabulary: Vocabulary = EMPTY_VOCABULARY): string[] {
  let compiled = compiledCache.get(vocabulary);
  if (!compiled) compiledCache.set(vocabulary, (compiled = compileVocabulary(vocabulary)));
  return expandTokens(tokenise(applyPatterns(text, compiled)), compiled).join(' ').split(' ');
}

/**
 * Reads the training data under `root`: the training files, the flows' `examples:` (flows/*.yaml)
 * that the rules leave quiet, as non-danger (the router's everyday safeguarding messages), and each
 * author's real-world tuning messages (tagged with the author); also returns a digest of everything
 * read, so a test can tell when the shipped model is out of date.
 */
export function readTrainingData(root: string, rules: DangerDetector, authors: readonly DangerAuthor[] = DANGER_AUTHORS): { examples: Example[]; hash: string } {
  const hash = createHash('sha256');
  const examples: Example[] = [];
  const text = (file: string): string => {
    const t = fs.readFileSync(path.join(root, file), 'utf8');
    hash.update(file).update('\0').update(t);
    return t;
  };
  const ex = parse(text(LIKENESS_TRAINING_FILES[0])) as { certain: { text: string }[]; possible: { text: string }[]; danger: string[]; quiet: string[] };
  for (const e of ex.certain) examples.push({ text: e.text, danger: true, sure: true });
  for (const e of ex.possible) examples.push({ text: e.text, danger: true });
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
  for (const a of authors) {
    for (const file of a.files) {
      for (const c of parseYamlData(text(file), file, DangerSetSchema).cases) examples.push({ text: c.text, danger: c.danger, author: a.id });
    }
  }
  return { examples, hash: hash.digest('hex').slice(0, 32) };
}

const STOP = new Set(LIKENESS_STOPWORDS.map(stem));
const featureMemo = new WeakMap<Vocabulary, Map<string, string[]>>();
/** A message's features (memoised per vocabulary: the folds fit the same messages many times). */
const featuresOf = (text: string, vocabulary: Vocabulary): string[] => {
  let memo = featureMemo.get(vocabulary);
  if (!memo) featureMemo.set(vocabulary, (memo = new Map()));
  let f = memo.get(text);
  if (!f) memo.set(text, (f = [...features(likenessTokens(text, vocabulary), STOP)]));
  return f;
};

/** Fitted models by a digest of their inputs (examples, settings, vocabulary): see fit(). */
const fitMemo = new Map<string, { bias: number; weights: Map<string, number> }>();
const vocabularyIds = new WeakMap<Vocabulary, string>();
let vocabularies = 0;

/**
 * Fits weights and bias on the examples (deterministic). The per-author folds fit the same subsets
 * again and again (the trainer's folds "without Y" are leave-one-author-out's "without X" models,
 * and "without X and Y" is "without Y and X"), so a fit is kept for the life of the process under a
 * digest of its exact inputs and returned as is when asked again (callers never change it).
 */
export function fit(examples: readonly Example[], vocabulary: Vocabulary): { bias: number; weights: Map<string, number> } {
  if (!vocabularyIds.has(vocabulary)) vocabularyIds.set(vocabulary, String(++vocabularies));
  const h = createHash('sha256').update(JSON.stringify(HYPER)).update(vocabularyIds.get(vocabulary)!);
  hashExamples(h, examples);
  const key = h.digest('hex');
  let m = fitMemo.get(key);
  if (!m) fitMemo.set(key, (m = fitUncached(examples, vocabulary)));
  return m;
}

/** Feeds what fit() reads of each example (label, near-miss, text), in order, into `h`: the fit memo's and the folds' subset key. */
export function hashExamples(h: Hash, examples: readonly Example[]): void {
  for (const e of examples) h.update(`${e.danger ? 1 : 0}${e.hard ? 1 : 0}${e.text}\0`);
}

function fitUncached(examples: readonly Example[], vocabulary: Vocabulary): { bias: number; weights: Map<string, number> } {
  const rows = examples.map((e) => ({ f: featuresOf(e.text, vocabulary), y: e.danger ? 1 : 0, k: e.hard ? HARD_WEIGHT : 1 }));
  const count = new Map<string, number>();
  for (const r of rows) for (const f of r.f) count.set(f, (count.get(f) ?? 0) + 1);
  const keep = [...count].filter(([, n]) => n >= HYPER.minCount).map(([f]) => f).sort();
  const index = new Map(keep.map((f, i) => [f, i]));
  const xs = rows.map((r) => ({ ids: r.f.map((f) => index.get(f)).filter((i): i is number => i !== undefined), y: r.y, k: r.k }));
  const pos = xs.filter((r) => r.y === 1).reduce((n, r) => n + r.k, 0);
  const neg = xs.filter((r) => r.y === 0).reduce((n, r) => n + r.k, 0);
  const weightOf = (r: { y: number; k: number }): number => r.k * (r.y === 1 ? (pos + neg) / (2 * pos) : (pos + neg) / (2 * neg));
  // Flat typed arrays (same order, same arithmetic as row objects, about twice as fast).
  const start = new Int32Array(xs.length + 1);
  xs.forEach((r, j) => (start[j + 1] = start[j]! + r.ids.length));
  const ids = Int32Array.from(xs.flatMap((r) => r.ids));
  const ys = Float64Array.from(xs, (r) => r.y);
  const ks = Float64Array.from(xs, weightOf);
  const w = new Float64Array(keep.length);
  const g = new Float64Array(keep.length);
  let b = 0;
  for (let epoch = 0; epoch < HYPER.epochs; epoch++) {
    g.fill(0);
    let gb = 0;
    for (let j = 0; j < xs.length; j++) {
      const from = start[j]!;
      const to = start[j + 1]!;
      let z = b;
      for (let p = from; p < to; p++) z += w[ids[p]!]!;
      const err = (1 / (1 + Math.exp(-z)) - ys[j]!) * ks[j]!;
      for (let p = from; p < to; p++) g[ids[p]!]! += err;
      gb += err;
    }
    for (let i = 0; i < w.length; i++) w[i]! -= HYPER.rate * (g[i]! / xs.length + HYPER.l2 * w[i]!);
    b -= HYPER.rate * (gb / xs.length);
  }
  const weights = new Map<string, number>();
  keep.forEach((f, i) => {
    const v = Math.round(w[i]! * 1e4) / 1e4;
    if (v !== 0 && Math.abs(v) >= HYPER.minWeight) weights.set(f, v);
  });
  return { bias: Math.round(b * 1e4) / 1e4, weights };
}

/** Whether the rules alone already say something (999 or the question). */
function rulesSpoke(rules: DangerDetector, text: string): boolean {
  const v = rules.detect(text);
  return v.danger || v.question === true;
}

/** A fitted model as the likeness file holds it (threshold to be chosen). */
export function draftModel(m: { bias: number; weights: Map<string, number> }, hash: string, threshold = 0.5, demoteBelow?: number, overrideAt?: number): LikenessModel {
  return {
    description: 'Danger-likeness backstop: logistic regression on word stems and stem pairs. Asks the danger question (never the 999 reply) when the rules are quiet and no canceller spoke, and the score reaches the threshold; turns a 999 verdict scoring below demoteBelow into the question. Written by src/nlu/danger-likeness-train.ts; do not edit by hand.',
    threshold,
    ...(demoteBelow !== undefined && demoteBelow > 0 ? { demoteBelow } : {}),
    ...(overrideAt !== undefined ? { overrideAt } : {}),
    bias: m.bias,
    trainedOn: [...LIKENESS_TRAINING_FILES, 'flows/*.yaml examples: (those the rules leave quiet, as non-danger)', ...DANGER_AUTHORS.flatMap((a) => a.files.map((f) => `${f} (author ${a.id})`))],
    dataHash: hash,
    stopwords: [...LIKENESS_STOPWORDS],
    chosen: {},
    weights: Object.fromEntries([...m.weights].sort(([a], [b]) => a.localeCompare(b))),
  };
}


/**
 * Router v1: nearest examples by TF-IDF cosine over normalised stems.
 * Each flow's `examples` (and the out-of-scope examples, as one extra class) are indexed; a
 * message scores each class by the mean cosine of its k most similar examples of that class, and
 * a softmax fitted at construction by leave-one-out turns the scores into probabilities
 * (see calibrate.ts). Chosen over natural's BayesClassifier and LogisticRegressionClassifier:
 * on 165 held-out messages it picked the right class 92.7% of the time against 85.5% and 87.3%,
 * it trains in tens of milliseconds (natural's logistic regression took ~850 ms for four
 * flows), and it needs only natural's Porter stemmer and edit distance, not the classifiers
 * module (~30-45 MB).
 */
import type { FlowDef } from '../core/model';
import type { RouteCandidate, RouteResult, Router } from '../core/ports';
import { fitCalibration, probabilities, type Calibration, type CalibrationSample } from './calibrate';
import { buildLexicon, createNormaliser } from './normalise';
import { createTfIdfIndex } from './tfidf';
import { EMPTY_VOCABULARY, type Vocabulary } from './vocabulary';

/** What a router is built from besides the flows; all optional. */
export interface RouterOptions {
  /** Chat words and stop words (content/nlu/vocabulary.yaml). */
  vocabulary?: Vocabulary;
  /** Messages that belong to no flow (content/nlu/out-of-scope.yaml). */
  outOfScope?: readonly string[];
  /** Minimum confidence for `flow` to be set (content/nlu/router.yaml). Default 0.5. */
  threshold?: number;
  /** Minimum confidence for a flow to be offered as an alternative. Default 0.15. */
  offer?: number;
  /** How many nearest examples of a class are averaged. Default 3. */
  neighbours?: number;
  /** Fixed softmax parameters; fitted by leave-one-out when absent. */
  calibration?: Calibration;
}

/** A Router that also says how it was calibrated (for `safestep nlu` and measurements). */
export interface NluRouter extends Router {
  readonly calibration: Calibration;
  readonly threshold: number;
}

/** How many alternatives a RouteResult lists at most. */
export const MAX_ALTERNATIVES = 3;

/**
 * Trains a router on the flows' example phrases. Flows without examples can never be routed to.
 * `alternatives` are the flows worth offering when the router is unsure (never the out-of-scope
 * class): best first, the top one included, at most three, none below `offer`, so a message
 * that fits nothing gets none and is out of scope. `confidence` is the top flow's probability,
 * whether or not it cleared the threshold (0 when no word of the message is known).
 */
export function createRouter(flows: readonly FlowDef[], options: RouterOptions = {}): NluRouter {
  const vocabulary = options.vocabulary ?? EMPTY_VOCABULARY;
  const threshold = options.threshold ?? 0.5;
  const offer = options.offer ?? 0.15;
  const k = Math.max(1, options.neighbours ?? 3);
  const routable = flows.filter((f) => f.examples.length > 0);
  const ids = routable.map((f) => f.id);
  const oosClass = ids.length;
  const texts: string[] = [];
  const labels: number[] = [];
  routable.forEach((f, c) => f.examples.forEach((e) => (texts.push(e), labels.push(c))));
  for (const e of options.outOfScope ?? []) (texts.push(e), labels.push(oosClass));

  const lexicon = buildLexicon(createNormaliser(vocabulary), texts);
  const normaliser = createNormaliser(vocabulary, { lexicon });
  const index = createTfIdfIndex(texts.map((t) => normaliser.stems(t)));
  const scorer = createClassScorer(labels, oosClass + 1, k);
  const calibration = options.calibration ?? fitCalibration(looSamples(), oosClass);

  function looSamples(): CalibrationSample[] {
    return labels.map((target, i) => {
      const sims = index.similarities(index.document(i));
      sims[i] = 0;
      return { scores: scorer(sims, i), target };
    });
  }

  return {
    calibration,
    threshold,
    route(text: string): RouteResult {
      const v = index.vector(normaliser.stems(text));
      if (v.size === 0 || ids.length === 0) return { flow: null, confidence: 0, alternatives: [] };
      const p = probabilities(scorer(index.similarities(v)), calibration);
      const ranked: RouteCandidate[] = ids
        .map((flow, c) => ({ flow, confidence: p[c] ?? 0 }))
        .sort((a, b) => b.confidence - a.confidence);
      const best = ranked[0] ?? { flow: '', confidence: 0 };
      const outOfScope = (p[oosClass] ?? 0) + (p[oosClass + 1] ?? 0);
      const flow = best.confidence >= threshold && best.confidence > outOfScope ? best.flow : null;
      const alternatives = ranked.slice(0, MAX_ALTERNATIVES).filter((a) => a.confidence >= offer);
      return { flow, confidence: best.confidence, alternatives };
    },
  };
}

/**
 * Scores each class by the mean of its k highest similarities (fewer if the class is smaller).
 * `exclude` leaves one document out, for leave-one-out calibration.
 */
function createClassScorer(labels: readonly number[], classes: number, k: number) {
  const sizes = new Array<number>(classes).fill(0);
  for (const c of labels) sizes[c] = (sizes[c] ?? 0) + 1;
  return (sims: Float64Array, exclude = -1): Float64Array => {
    const top = new Float64Array(classes * k);
    for (let d = 0; d < sims.length; d++) {
      const s = sims[d] ?? 0;
      const c = labels[d] ?? 0;
      if (s <= 0 || d === exclude || s <= (top[c * k + k - 1] ?? 0)) continue;
      let j = c * k + k - 1;
      while (j > c * k && (top[j - 1] ?? 0) < s) (top[j] = top[j - 1] ?? 0), j--;
      top[j] = s;
    }
    const scores = new Float64Array(classes);
    for (let c = 0; c < classes; c++) {
      const n = Math.min(k, (sizes[c] ?? 0) - (labels[exclude] === c ? 1 : 0));
      let sum = 0;
      for (let j = 0; j < k; j++) sum += top[c * k + j] ?? 0;
      scores[c] = n > 0 ? sum / n : 0;
    }
    return scores;
  };
}

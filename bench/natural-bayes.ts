/**
 * natural's own BayesClassifier (natural/lib/natural/classifiers), given exactly SafeStep's
 * features (the trained normaliser's stems and concepts) and training texts, with SafeStep's
 * decision rules on its normalised scores: the road router v2 did not take. Bench only: the
 * classifiers module costs SafeStep ~35 MB of memory that the shipped router does not load.
 */
import { BayesClassifier } from 'natural/lib/natural/classifiers';
import type { FlowDef } from '../src/core/model';
import type { RouteResult, Router } from '../src/core/ports';
import { createTrainedNormaliser } from '../src/nlu/normalise';
import { MAX_ALTERNATIVES } from '../src/nlu/router';
import type { Vocabulary } from '../src/nlu/vocabulary';

const OUT = '(out of scope)';

/** Trains natural's BayesClassifier on the flows' texts and the out-of-scope examples. */
export function createNaturalBayesRouter(
  flows: readonly FlowDef[],
  outOfScope: readonly string[],
  vocabulary: Vocabulary,
  rules: { threshold: number; offer: number },
): Router {
  const texts: string[] = [];
  const labels: string[] = [];
  // A danger-only flow is never routed to (it is reached after a danger reply), so it is no class here.
  for (const f of flows.filter((x) => !x.dangerOnly)) for (const t of [...f.examples, f.title, f.summary]) (texts.push(t), labels.push(f.id));
  for (const t of outOfScope) (texts.push(t), labels.push(OUT));
  const normaliser = createTrainedNormaliser(vocabulary, texts);
  const bayes = new BayesClassifier();
  texts.forEach((t, i) => bayes.addDocument(normaliser.features(t), labels[i]!));
  bayes.train();
  return {
    route(text): RouteResult {
      const features = normaliser.features(text);
      if (features.length === 0) return { flow: null, confidence: 0, alternatives: [] };
      const scores = bayes.getClassifications(features);
      const total = scores.reduce((s, c) => s + c.value, 0) || 1;
      const ranked = scores.map((c) => ({ flow: c.label, confidence: c.value / total })).sort((a, b) => b.confidence - a.confidence);
      const best = ranked[0]!;
      if (best.flow === OUT) return { flow: null, confidence: 0, alternatives: [] };
      const flows = ranked.filter((c) => c.flow !== OUT);
      return {
        flow: best.confidence >= rules.threshold ? best.flow : null,
        confidence: best.confidence,
        alternatives: flows.slice(0, MAX_ALTERNATIVES).filter((c) => c.confidence >= rules.offer),
      };
    },
  };
}

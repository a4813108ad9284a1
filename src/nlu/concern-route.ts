/**
 * Every worry about a child can reach the DSL (issue 12): when a message mentions a worry about
 * a child (one of router.yaml `concern.concepts`: an injury, hunger, a disclosure, self-harm …)
 * and the router does not start a flow, the general concern route (`concern.flow`,
 * safeguarding-concern) is among the flows offered, whatever the statistics say. A rule, not a
 * score: a stranger's wording that the model ranks poorly still gets a way to the DSL.
 * Pure; applied to every RouteResult by router.ts.
 */
import type { RouteCandidate, RouteResult } from '../core/ports';
import { CONCEPT_PREFIX } from './normalise';

/** router.yaml `concern`: the route any worry about a child can take, and the concepts that mean one. */
export interface ConcernRoute {
  /** The flow that files a general concern for the DSL. */
  flow: string;
  /** Concepts of content/nlu/vocabulary.yaml that mean a worry about a child. */
  concepts: readonly string[];
}

/**
 * `result` with the concern flow offered when `features` (the message's router features) include
 * one of the concern concepts and no flow starts. It joins a menu as its last choice, or is
 * offered alone instead of "not covered". In a full menu (`max` choices) it takes the place of
 * the least likely flow that is `lessSerious` than it; a menu of flows all as serious (abuse
 * images, grooming, a nude of a pupil: each files a report for the DSL) is left as it is.
 * `confidence` is the concern flow's own probability; a result that starts a flow, already
 * offers the concern flow, or has no concern concept is returned unchanged.
 */
export function offerConcern(
  result: RouteResult,
  features: readonly string[],
  concern: ConcernRoute,
  confidence: number,
  max: number,
  lessSerious: (flow: string) => boolean,
): RouteResult {
  if (result.flow !== null || result.alternatives.some((a) => a.flow === concern.flow)) return result;
  if (!concern.concepts.some((c) => features.includes(CONCEPT_PREFIX + c))) return result;
  const kept = [...result.alternatives];
  if (kept.length >= max) {
    const place = kept.map((a) => lessSerious(a.flow)).lastIndexOf(true);
    if (place < 0) return result;
    kept.splice(place, 1);
  }
  const offered: RouteCandidate = { flow: concern.flow, confidence };
  const alternatives = [...kept.slice(0, max - 1), offered];
  return { ...result, alternatives, confidence: alternatives[0]!.confidence };
}

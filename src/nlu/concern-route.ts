/**
 * Every worry about a child can reach the DSL (issue 12): when a message mentions a worry about
 * a child (one of router.yaml `concern.concepts`: an injury, hunger, a disclosure, self-harm …)
 * and the router does not start a flow (or would start a less serious one), the general concern route (`concern.flow`,
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
  /**
   * Concepts that mean a worry about the child's own life (home, family) that no online-safety
   * flow deals with: with one of them, a less serious flow that would start is offered beside the
   * concern flow instead (round 8). Kept narrower than `concepts`, whose words ("sexual abuse",
   * "knife", "alcohol") are also the subject of online flows that should still start.
   */
  alongside?: readonly string[];
}

/**
 * `result` with the concern flow offered when `features` (the message's router features) include
 * one of the concern concepts (or `alongside` concepts). In a menu it joins as the last choice, or is offered alone instead of
 * "not covered". In a full menu (`max` choices) it takes the place of the least likely flow that is
 * `lessSerious` than it; a menu of flows all as serious (abuse images, grooming, a nude of a pupil:
 * each files a report for the DSL) is left as it is. With an `alongside` concept (a worry about the
 * child's home life), a flow that would start and is `lessSerious` (a remote lesson, a pupil's
 * message to a member of staff) no longer starts on its own: a worry told with an online-safety
 * situation ("during a live lesson I heard her dad shouting and throwing things") offers both, that
 * flow first and the concern flow second (round 8). A more serious flow
 * that starts is left alone (it files a report for the DSL anyway). `confidence` is the concern
 * flow's own probability; a result that already offers the concern flow, or has no concern concept,
 * is returned unchanged.
 */
export function offerConcern(
  result: RouteResult,
  features: readonly string[],
  concern: ConcernRoute,
  confidence: number,
  max: number,
  lessSerious: (flow: string) => boolean,
): RouteResult {
  if (result.flow === concern.flow || result.alternatives.some((a) => a.flow === concern.flow)) return result;
  const has = (concepts: readonly string[] = []) => concepts.some((c) => features.includes(CONCEPT_PREFIX + c));
  if (result.flow !== null && (!lessSerious(result.flow) || !has(concern.alongside))) return result;
  if (!has(concern.concepts) && !has(concern.alongside)) return result;
  const offered: RouteCandidate = { flow: concern.flow, confidence };
  if (result.flow !== null) {
    const started = result.alternatives.find((a) => a.flow === result.flow) ?? { flow: result.flow, confidence: result.confidence };
    const others = result.alternatives.filter((a) => a.flow !== result.flow);
    return { flow: null, confidence: started.confidence, alternatives: [started, offered, ...others].slice(0, max) };
  }
  const kept = [...result.alternatives];
  if (kept.length >= max) {
    const place = kept.map((a) => lessSerious(a.flow)).lastIndexOf(true);
    if (place < 0) return result;
    kept.splice(place, 1);
  }
  const alternatives = [...kept.slice(0, max - 1), offered];
  return { ...result, alternatives, confidence: alternatives[0]!.confidence };
}

/**
 * Why the danger check missed a danger message, by mechanism rather than by phrase (issue 11,
 * eleventh round): the lesson of the tenth round was that strangers' misses are best read by what
 * stopped them, not by their words. Three mechanisms, from the rules' view of the message and the
 * backstop's score (danger-likeness-folds.ts OutOfAuthorScore):
 * - `quiet-low`: no rule signal spoke and no canceller was sure; the backstop scored it under the threshold;
 * - `silenced-below-override`: cancellers silenced every risk (or a sure one shut the backstop out),
 *   none `final`, and the backstop scored it under `overrideAt`;
 * - `shut-by-final`: a `final` canceller (never overridden) silenced it.
 * bench/danger-misses.ts prints them for the tuning authors, out of author.
 */
import { levelOf } from './danger-likeness-calibrate';
import type { OutOfAuthorScore } from './danger-likeness-folds';

/** How a missed danger message was missed. */
export type MissMechanism = 'quiet-low' | 'silenced-below-override' | 'shut-by-final';

/** One missed danger message and its mechanism. */
export interface Miss {
  score: OutOfAuthorScore;
  mechanism: MissMechanism;
}

/** The danger messages among `scores` that get neither 999 nor the question at these levels, each with its mechanism. */
export function missesByMechanism(scores: readonly OutOfAuthorScore[], at: { threshold: number; demoteBelow: number; overrideAt?: number }): Miss[] {
  return scores
    .filter((x) => x.e.danger && levelOf(x, at.threshold, at.demoteBelow, at.overrideAt) === 'quiet')
    .map((x) => ({ score: x, mechanism: x.s !== undefined ? 'quiet-low' : x.silenced === true ? 'silenced-below-override' : 'shut-by-final' }));
}

/** Counts by mechanism, every mechanism listed (zero when none). */
export function countMechanisms(misses: readonly Miss[]): Record<MissMechanism, number> {
  const out: Record<MissMechanism, number> = { 'quiet-low': 0, 'silenced-below-override': 0, 'shut-by-final': 0 };
  for (const m of misses) out[m.mechanism]++;
  return out;
}

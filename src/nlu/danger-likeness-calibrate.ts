/**
 * The backstop's threshold chosen on a stranger (issue 11, eighth round). The out-of-author folds
 * (danger-likeness-folds.ts) count the backstop out of author but the rules in sample, so a stranger
 * saw 11–17 % questions where the folds promised 7–8 %. The calibration part
 * (test/nlu/danger-real-calibration.yaml, author V) was written by a stranger and is never read,
 * printed or trained on: only this choice sees it, as counts. After training on every author, the
 * threshold (and demotion) is the one giving the MOST recall on the calibration part with its whole
 * question rate ≤ CALIBRATION_QUESTION_BUDGET and its 999 rate ≤ CALIBRATION_999_BUDGET; among equals
 * the fewest 999s (tenth round: a false 999 costs more than a question), then the fewest questions, then
 * the highest threshold and override, then the least demotion. When nothing meets both (the rules' own 999s and
 * questions already exceed them: only better rules can help), the folds' choice stands, flagged
 * `calibrationBudgetMet: no`, rather than a threshold that buys the budget with recall.
 * Demotion is chosen with them at or below the folds' choice (at most DEMOTE_BUDGET of real dangers lose the
 * 999 out of author); since the twelfth round it is then raised further on the pooled parts while that takes
 * false 999s off them, with at most DEMOTE_BUDGET of the parts' own real dangers that the rules give 999
 * losing it and both budgets still met (raiseDemotion): on strangers the rules' false 999s are the target
 * most often missed, and a demoted 999 is still asked about.
 * Since the tenth round the override (overrideAt: the backstop asks although a canceller silenced the
 * rules) is chosen with the threshold and demotion, by the same rule; the folds' override is the fallback.
 * Since the ninth round the trainer pools every calibration part on disk (V's and AC's,
 * danger-likeness-train.ts CALIBRATION_FILES) before choosing: the budgets apply to the pooled counts.
 */
import type { OutOfAuthorScore } from './danger-likeness-folds';
import { DEMOTE_BUDGET } from './danger-likeness-fit';

/** The calibration part's whole question rate may be at most this (a point under the 10 %). */
export const CALIBRATION_QUESTION_BUDGET = 0.09;
/** …and its 999 rate on non-danger messages at most this (the 2 %). */
export const CALIBRATION_999_BUDGET = 0.02;

/** What a (threshold, demoteBelow) pair gives on a scored set: counts only. */
export interface Outcome {
  threshold: number;
  demoteBelow: number;
  /** The override in force (Infinity: none). */
  overrideAt?: number;
  caught: number;
  positives: number;
  alarms: number;
  questions: number;
  negatives: number;
}

/** What the detector would do with one scored message at these levels: 999, the question or nothing. */
export function levelOf(x: OutOfAuthorScore, threshold: number, demoteBelow: number, overrideAt = Infinity): 'certain' | 'asked' | 'quiet' {
  const certain = x.certain && !(x.raw < demoteBelow);
  const overridden = x.silenced === true && (x.plain ?? 0) >= overrideAt;
  const asked = x.asked || (x.certain && x.raw < demoteBelow) || (x.s !== undefined && x.s >= threshold) || overridden;
  return certain ? 'certain' : asked ? 'asked' : 'quiet';
}

/** The outcome of a threshold and demotion on scored messages (as the detector would decide them). */
export function outcomeOf(scores: readonly OutOfAuthorScore[], threshold: number, demoteBelow: number, overrideAt = Infinity): Outcome {
  const o: Outcome = { threshold, demoteBelow, overrideAt, caught: 0, positives: 0, alarms: 0, questions: 0, negatives: 0 };
  for (const x of scores) {
    const level = levelOf(x, threshold, demoteBelow, overrideAt);
    const certain = level === 'certain';
    const asked = level === 'asked';
    if (x.e.danger) {
      o.positives++;
      if (certain || asked) o.caught++;
    } else {
      o.negatives++;
      if (certain) o.alarms++;
      else if (asked) o.questions++;
    }
  }
  return o;
}

/** The calibration choice and what the folds' choice would have given on the same part. */
export interface CalibrationChoice {
  chosen: Outcome;
  budgetMet: boolean;
  folds: Outcome;
}

/**
 * Chooses on the calibration part's scores (by the model trained on every author). `folds` is the
 * out-of-author choice (threshold, demoteBelow); demotion candidates run from 0 to its demoteBelow, and never
 * above `maxDemotion` (then raiseDemotion).
 * `maxThreshold` (ninth round): no candidate threshold above it — the trainer passes the lowest score of
 * a hand-written danger example left to the backstop, so buying the budget never drops one of those.
 */
export function chooseOnCalibration(
  scores: readonly OutOfAuthorScore[],
  folds: { threshold: number; demoteBelow: number; overrideAt?: number },
  maxThreshold = 1,
  maxDemotion = 0.5,
): CalibrationChoice {
  // Twelfth round: no demotion above `maxDemotion`, the folds' included (a hand-written 999 keeps it).
  const foldsDemotion = Math.min(folds.demoteBelow, maxDemotion);
  const demotions = [...new Set([0, foldsDemotion, ...Array.from({ length: 51 }, (_, i) => i / 100).filter((d) => d < foldsDemotion)])];
  const thresholds = Array.from({ length: 451 }, (_, i) => Math.round((0.5 + i / 1000) * 1000) / 1000).filter((t) => t <= maxThreshold);
  // Tenth round: the override is chosen with them (none, or 0.70-0.99), never under the threshold: a
  // message a canceller silenced needs at least the evidence a quiet one does.
  const overrides = [Infinity, ...Array.from({ length: 30 }, (_, i) => (70 + i) / 100)];
  const all = demotions.flatMap((d) => thresholds.flatMap((t) => overrides.filter((v) => v >= t).map((v) => outcomeOf(scores, t, d, v))));
  const within = (o: Outcome) => o.alarms <= CALIBRATION_999_BUDGET * o.negatives && o.questions <= CALIBRATION_QUESTION_BUDGET * o.negatives;
  const byRecall = (a: Outcome, b: Outcome) =>
    b.caught - a.caught || a.alarms - b.alarms || a.questions - b.questions || b.threshold - a.threshold || (b.overrideAt ?? Infinity) - (a.overrideAt ?? Infinity) || a.demoteBelow - b.demoteBelow;
  const ok = all.filter(within).sort(byRecall);
  const atFolds = outcomeOf(scores, folds.threshold, foldsDemotion, folds.overrideAt);
  return { chosen: ok[0] ? raiseDemotion(scores, ok[0], maxDemotion) : atFolds, budgetMet: ok.length > 0, folds: atFolds };
}

/**
 * Twelfth round: the chosen levels with demotion raised (0.01 steps, up to 0.5) to the value that leaves
 * the fewest false 999s on these scores — then the fewest questions, then the least demotion — among
 * those that demote at most DEMOTE_BUDGET of the real dangers the rules give 999 and keep both budgets.
 * Recall cannot change (a demoted 999 is asked about); `at` is returned when nothing takes a 999 off.
 * Never above `maxDemotion`: the trainer passes the lowest demotion score of a hand-written danger example
 * the rules give 999, so no message written to get the 999 ("a pupil said he wants to kill himself") loses it.
 */
export function raiseDemotion(scores: readonly OutOfAuthorScore[], at: Outcome, maxDemotion = 0.5): Outcome {
  const allowed = Math.floor(DEMOTE_BUDGET * dangersDemoted(scores, 0).of);
  let best = at;
  for (let i = 1; i <= 50; i++) {
    const d = i / 100;
    if (d <= at.demoteBelow || d > maxDemotion || dangersDemoted(scores, d).demoted > allowed) continue;
    const o = outcomeOf(scores, at.threshold, d, at.overrideAt);
    const within = o.alarms <= CALIBRATION_999_BUDGET * o.negatives && o.questions <= CALIBRATION_QUESTION_BUDGET * o.negatives;
    if (within && (o.alarms < best.alarms || (o.alarms === best.alarms && o.questions < best.questions))) best = o;
  }
  return best;
}

/** Of the scored real dangers the rules give 999 (`of`), how many this demotion level turns into the question. */
export function dangersDemoted(scores: readonly OutOfAuthorScore[], demoteBelow: number): { demoted: number; of: number } {
  const certain = scores.filter((x) => x.e.danger && x.certain);
  return { demoted: certain.filter((x) => x.raw < demoteBelow).length, of: certain.length };
}

/**
 * The override's fallback choice on out-of-author scores (tenth round; its own module since the
 * eleventh, when the by-author folds choose one too): the lowest `overrideAt` whose questions on the
 * authors' silenced non-danger messages stay within OVERRIDE_BUDGET. The trainer uses it when no
 * calibration part is on disk (danger-likeness-calibrate.ts chooses the shipped one), the folds in
 * every leave-one-author-out fold.
 */

/**
 * At most this share of the authors' non-danger messages may get the question because the backstop
 * overrides a canceller (overrideAt), out of author. Small on purpose: the cancellers are for exactly
 * the hard non-danger messages (past, hypothetical, handled) that share danger's words.
 */
export const OVERRIDE_BUDGET = 0.0025;

/** What the override choice reads of a scored message (danger-likeness-folds.ts OutOfAuthorScore). */
export interface SilencedScore {
  e: { danger: boolean };
  /** The cancellers silence it and none is `final` (the backstop may override them). */
  silenced?: boolean;
  /** The model's plain score, compared with overrideAt. */
  plain?: number;
}

/** The override chosen on out-of-author scores, and what it adds there. */
export interface OverrideChoice {
  overrideAt: number;
  /** Danger messages a canceller silenced that it asks about, and non-danger ones (out of author). */
  caught: number;
  silencedDanger: number;
  questions: number;
  negatives: number;
}

/**
 * The lowest override (in hundredths, from `threshold` up) whose questions on the authors' silenced
 * non-danger messages stay within OVERRIDE_BUDGET of all their non-danger messages, out of author;
 * undefined when it would catch nothing.
 */
export function chooseOverride(oof: readonly SilencedScore[], threshold: number): OverrideChoice | undefined {
  const negatives = oof.filter((x) => !x.e.danger).length;
  const silenced = oof.filter((x) => x.silenced === true);
  const at = (v: number) => ({
    overrideAt: v,
    caught: silenced.filter((x) => x.e.danger && (x.plain ?? 0) >= v).length,
    silencedDanger: silenced.filter((x) => x.e.danger).length,
    questions: silenced.filter((x) => !x.e.danger && (x.plain ?? 0) >= v).length,
    negatives,
  });
  const from = Math.ceil(threshold * 100);
  for (let h = from; h <= 99; h++) {
    const c = at(Math.max(threshold, h / 100));
    if (c.questions <= OVERRIDE_BUDGET * negatives) return c.caught > 0 ? c : undefined;
  }
  return undefined;
}

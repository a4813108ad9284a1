/**
 * The danger-likeness backstop (issue 11): a small logistic regression on word and word-pair
 * features that says how much a message reads like a child at risk right now. It can only ever
 * raise the danger *question* ("Is a child in danger right now, or about to be?"), never the
 * certain 999 reply, and only when the rules of content/danger/ stay quiet and no canceller
 * (past, hypothetical, policy question, …) spoke. The model is data, content/danger/likeness.yaml,
 * written by the trainer (danger-likeness-train.ts) and validated here when SafeStep loads; its
 * verdict is explainable: the score and the features that pushed it up (`likeness:0.83 (tonight,
 * go home, scared)` in `safestep route`).
 */
import { z } from 'zod';

const finite = z.number().refine(Number.isFinite, { message: 'must be a finite number' });

/** content/danger/likeness.yaml */
export const LikenessSchema = z.strictObject({
  description: z.string().min(1),
  /** The question is asked when the score (0..1) is at least this. */
  threshold: z.number().gt(0).lt(1),
  /**
   * A certain (999) verdict whose score is below this reads like ordinary business ("ambulance came,
   * he's fine today", "is it 999 or 101 when …"): it is asked about instead (the question), never
   * dropped. Chosen on out-of-author scores (danger-likeness-folds.ts); absent: no demotion.
   */
  demoteBelow: z.number().min(0).lt(1).optional(),
  /**
   * Tenth round: a message the rules silence with a canceller (their risk words told as past,
   * hypothetical, handled, "fine now" …) still gets the question when its score is at least this. On
   * strangers the cancellers silenced real danger told in words no canceller was written for ("was ok,
   * now she's wheezy", "the police released him and he's at pick-up now"), and the backstop scores
   * those far above the business the cancellers are for. At least the threshold; absent: a canceller
   * always wins. Chosen on out-of-author scores (danger-likeness-override.ts chooseOverride).
   */
  overrideAt: z.number().gt(0).lte(1).optional(),
  bias: finite,
  /** The training data (files), for people. */
  trainedOn: z.array(z.string().min(1)).min(1),
  dataHash: z.string().regex(/^[0-9a-f]{16,64}$/, 'a hex digest of the training data'),
  /** Words left out as single features (a pair is kept unless both are here). */
  stopwords: z.array(z.string().regex(/^[a-z0-9]+$/)).default([]),
  /** How the threshold was chosen and what it gave (cross-validation), for people (not read by the code). */
  chosen: z.record(z.string(), z.union([z.number(), z.string()])).default({}),
  /** Feature → weight. A feature is a word stem ("tonight") or two stems joined by a space ("go home"). */
  weights: z.record(z.string().regex(/^[a-z0-9£]+( [a-z0-9£]+)?$/, 'one or two lower-case word stems'), finite),
}).superRefine((m, ctx) => {
  // Overriding a canceller needs more evidence than asking on a quiet message, never less.
  if (m.overrideAt !== undefined && m.overrideAt < m.threshold) ctx.addIssue({ code: 'custom', path: ['overrideAt'], message: `must be at least the threshold (${m.threshold})` });
});

/** A message shorter than this (words) is never demoted: a few words ("should I call 999?") are too little evidence of business. */
export const DEMOTE_MIN_WORDS = 8;

/** The score demotion sees: the likeness, or 1 (never demoted) for a message under DEMOTE_MIN_WORDS words. */
export function demotionScore(l: { score(tokens: readonly string[]): Likeness }, tokens: readonly string[]): number {
  return tokens.filter((t) => /[a-z0-9]/.test(t)).length < DEMOTE_MIN_WORDS ? 1 : l.score(tokens).score;
}

/** The likeness model as authored. */
export type LikenessModel = z.output<typeof LikenessSchema>;

/** A crude, fast stemmer: enough to join "meeting"/"meets"/"meet" (it need not make words). */
export function stem(word: string): string {
  let w = word.replace(/'s$|'$/, '').replace(/'/g, '');
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  return w;
}

/**
 * The features of a message given as tokens (lower-case words): stems that are not stop words, and
 * adjacent stem pairs unless both are stop words. Presence only (a feature counts once).
 */
export function features(tokens: readonly string[], stopwords: ReadonlySet<string> = new Set()): Set<string> {
  const stems = tokens.map((t) => stem(t.toLowerCase())).filter((t) => /^[a-z0-9£]+$/.test(t));
  const out = new Set<string>(stems.filter((t) => !stopwords.has(t)));
  for (let i = 1; i < stems.length; i++) {
    if (!(stopwords.has(stems[i - 1]!) && stopwords.has(stems[i]!))) out.add(`${stems[i - 1]} ${stems[i]}`);
  }
  return out;
}

/** A scored message: its likeness (0..1) and the features that pushed it up most. */
export interface Likeness {
  score: number;
  top: string[];
}

/** Builds the scorer from a validated model. */
export function createLikeness(model: LikenessModel): { threshold: number; demoteBelow: number; overrideAt: number; score(tokens: readonly string[]): Likeness } {
  const weights = new Map(Object.entries(model.weights));
  const stopwords = new Set(model.stopwords.map(stem));
  return {
    threshold: model.threshold,
    demoteBelow: model.demoteBelow ?? 0,
    overrideAt: model.overrideAt ?? Infinity,
    score(tokens) {
      const fs = features(tokens, stopwords);
      let z = model.bias;
      const pushes: [string, number][] = [];
      for (const f of fs) {
        const w = weights.get(f);
        if (w === undefined) continue;
        z += w;
        if (w > 0) pushes.push([f, w]);
      }
      const top = pushes.sort((a, b) => b[1] - a[1]).slice(0, 3).map(([f]) => f);
      return { score: 1 / (1 + Math.exp(-z)), top };
    },
  };
}

/** How a likeness verdict reads in `dangerSignals`: "likeness:0.83 (tonight, go home, scared)". */
export function likenessSignal(l: Likeness): string {
  return `likeness:${l.score.toFixed(2)}${l.top.length > 0 ? ` (${l.top.join(', ')})` : ''}`;
}

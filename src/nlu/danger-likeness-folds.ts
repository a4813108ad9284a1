/**
 * The likeness backstop's per-author folds (issue 11, fourth round). The real-world tuning messages
 * come from several authors (DANGER_AUTHORS); a model scores its own training messages far too
 * kindly, so every figure here scores an author's messages with a model fitted WITHOUT that author:
 * - chooseThreshold: the lowest threshold at which the question goes, in all (the rules' own, the
 *   demoted 999s and the backstop's), to at most QUESTION_BUDGET of the authors' non-danger messages
 *   (out-of-author scores) and DEV_QUESTION_BUDGET of the dev set's, and stays above every
 *   hand-written near-miss;
 * - leaveOneAuthorOut: the whole procedure (fit and threshold) run without author X, then measured
 *   on X — the honest estimate of how the backstop fares on a stranger's wording.
 * The shared training files (danger-examples.yaml, danger-likeness-training.yaml) were written by
 * the first and third rounds' authors, so for those two authors "without X" is only partly true.
 */
import { createDangerDetector } from './danger';
import type { DangerRules } from './danger-schema';
import { createLikeness, demotionScore } from './danger-likeness';
import { DEMOTE_BUDGET, DEV_QUESTION_BUDGET, draftModel, fit, likenessTokens, QUESTION_BUDGET, type Example } from './danger-likeness-fit';
import { evaluateDanger, type DangerEvaluation } from './evaluate';
import type { Vocabulary } from './vocabulary';

type Fitted = ReturnType<typeof fit>;

/** Options: whether the authors' messages are trained on (false: only the shared training files). */
export interface FoldOptions {
  trainOnAuthors?: boolean;
}

function detectorFor(danger: DangerRules, m: Fitted, vocabulary: Vocabulary, threshold = 0.5, demoteBelow?: number, overrideAt?: number) {
  return createDangerDetector({ ...danger, likeness: draftModel(m, '0'.repeat(16), threshold, demoteBelow, overrideAt) }, { vocabulary });
}

/**
 * Whether the backstop may override the cancellers on a message (tenth round): they silence every risk
 * (or a sure one stops the backstop) and none of them is `final`. Asked of a detector that overrides
 * at 0.5, the lowest threshold the trainer takes, so every message it could ever override says so.
 */
const overridableBy = (danger: DangerRules, m: Fitted, vocabulary: Vocabulary) => {
  const d = detectorFor(danger, m, vocabulary, 0.5, undefined, 0.5);
  return (text: string) => (d.detect(text).cancelledBy ?? []).includes('overridden-by-likeness');
};

const authorsOf = (examples: readonly Example[]): string[] => [...new Set(examples.flatMap((e) => (e.author ? [e.author] : [])))];
const trainable = (examples: readonly Example[], o: FoldOptions): Example[] => (o.trainOnAuthors === false ? examples.filter((e) => !e.author) : [...examples]);

/** One author's message scored by a model fitted without that author. */
export interface OutOfAuthorScore {
  e: Example;
  /** As the backstop sees it (undefined: rules spoke or a canceller was sure). */
  s: number | undefined;
  /** The raw score, and whether the rules alone give it the 999 reply (what demotion sees). */
  raw: number;
  certain: boolean;
  /** Whether the rules alone ask the question (no 999). */
  asked: boolean;
  /** Whether the cancellers silence it and the backstop may override them (none `final`; see overridableBy). */
  silenced?: boolean;
  /** The model's plain score (what overrideAt is compared with). */
  plain?: number;
}

/** Each author's messages, scored by a model fitted without that author. */
export function outOfAuthorScores(examples: readonly Example[], danger: DangerRules, vocabulary: Vocabulary, o: FoldOptions = {}): OutOfAuthorScore[] {
  const out: OutOfAuthorScore[] = [];
  const shared = o.trainOnAuthors === false ? fit(trainable(examples, o), vocabulary) : undefined;
  const rules = createDangerDetector({ ...danger, likeness: undefined }, { vocabulary });
  const explicit = explicitOf(danger, vocabulary);
  for (const a of authorsOf(examples)) {
    const m = shared ?? fit(examples.filter((e) => e.author !== a), vocabulary);
    const d = detectorFor(danger, m, vocabulary);
    const raw = rawLikeness(m);
    const overridable = overridableBy(danger, m, vocabulary);
    for (const e of examples) {
      if (e.author !== a) continue;
      const r = rules.detect(e.text);
      out.push(scored(e, r, d.likenessOf(e.text), raw, explicit, vocabulary, overridable));
    }
  }
  return out;
}

/** A fitted model as a likeness scorer (no threshold): its raw scores, as demotion sees them. */
const rawLikeness = (model: Fitted) => createLikeness(draftModel(model, '0'.repeat(16)));

/** Whether a 999 verdict is kept from demotion (neverDemotedBy): it stays 999 with every message demoted. */
function explicitOf(danger: DangerRules, vocabulary: Vocabulary): (text: string) => boolean {
  if (danger.neverDemotedBy === undefined) return () => false;
  const all = createDangerDetector({ ...danger, likeness: { ...draftModel({ bias: 0, weights: new Map() }, '0'.repeat(16)), demoteBelow: 0.9999 } }, { vocabulary });
  return (text) => all.detect(text).danger;
}

function scored(
  e: Example,
  r: { danger: boolean; question?: boolean },
  s: number | undefined,
  raw: ReturnType<typeof createLikeness>,
  explicit: (t: string) => boolean,
  vocabulary: Vocabulary,
  overridable: (t: string) => boolean,
): OutOfAuthorScore {
  const tokens = likenessTokens(e.text, vocabulary);
  const score = r.danger && explicit(e.text) ? 1 : demotionScore(raw, tokens);
  const silenced = !r.danger && r.question !== true && overridable(e.text);
  return { e, s, raw: score, certain: r.danger, asked: !r.danger && r.question === true, silenced, plain: raw.score(tokens).score };
}

/** Messages scored by one model (the shipped one, for the calibration part): as outOfAuthorScores, in sample for the model. */
export function scoresBy(cases: readonly { text: string; danger: boolean }[], danger: DangerRules, vocabulary: Vocabulary, model: Fitted): OutOfAuthorScore[] {
  const rules = createDangerDetector({ ...danger, likeness: undefined }, { vocabulary });
  const d = detectorFor(danger, model, vocabulary);
  const raw = rawLikeness(model);
  const explicit = explicitOf(danger, vocabulary);
  const overridable = overridableBy(danger, model, vocabulary);
  return cases.map((c) => scored({ text: c.text, danger: c.danger }, rules.detect(c.text), d.likenessOf(c.text), raw, explicit, vocabulary, overridable));
}

/**
 * The demotion threshold: the highest at which at most DEMOTE_BUDGET of the authors' danger messages
 * the rules give 999 would lose it (out-of-author scores; they still get the question).
 */
export function chooseDemotion(oof: readonly OutOfAuthorScore[]): number {
  const sure = oof.filter((x) => x.e.danger && x.certain).map((x) => x.raw).sort((a, b) => a - b);
  const at = sure[Math.floor(DEMOTE_BUDGET * sure.length)] ?? 0;
  return Math.min(0.5, Math.floor(at * 1000) / 1000);
}

/** A chosen threshold and what it gives, for `chosen:` in likeness.yaml. */
export interface ThresholdChoice {
  threshold: number;
  demoteBelow: number;
  report: Record<string, number | string>;
  /** The out-of-author scores it was chosen on (for the calibration choice's comparison). */
  oof: OutOfAuthorScore[];
}

/** The threshold for `model` (fitted on `examples`), from out-of-author scores, the dev set and the near-misses. */
export function chooseThreshold(examples: readonly Example[], dev: readonly { text: string; danger: boolean }[], danger: DangerRules, vocabulary: Vocabulary, model: Fitted, o: FoldOptions = {}): ThresholdChoice {
  const oof = outOfAuthorScores(examples, danger, vocabulary, o);
  const d = detectorFor(danger, model, vocabulary);
  // Demotion also stays under every hand-written certain example (the project's own statement of what
  // must get 999; eighth round: with 21 authors it would have demoted "a pupil said he wants to kill himself").
  const raw = rawLikeness(model);
  const sureMin = Math.min(1, ...examples.filter((e) => e.sure).map((e) => demotionScore(raw, likenessTokens(e.text, vocabulary))));
  const demoteBelow = Math.min(chooseDemotion(oof), Math.floor(sureMin * 1000) / 1000);
  const desc = (xs: (number | undefined)[]) => xs.filter((x): x is number => x !== undefined).sort((a, b) => b - a);
  // The threshold sits just above the (allowed+1)-th highest quiet non-danger score, where `allowed` is
  // what the budget leaves once the rules' own questions and the demoted 999s are counted.
  const above = (scores: number[], negatives: number, budget: number, already: number) => (scores[Math.max(0, Math.floor(budget * negatives) - already)] ?? 0) + 0.001;
  const authorNeg = oof.filter((x) => !x.e.danger);
  const authorAsked = authorNeg.filter((x) => x.asked || (x.certain && x.raw < demoteBelow)).length;
  const devNeg = dev.filter((c) => !c.danger);
  const devScores = desc(devNeg.map((c) => d.likenessOf(c.text)));
  const devRules = detectorFor(danger, model, vocabulary, 0.999, demoteBelow);
  const devAsked = devNeg.filter((c) => devRules.detect(c.text).question === true && d.likenessOf(c.text) === undefined).length;
  const limits = {
    'author budget': above(desc(authorNeg.map((x) => x.s)), authorNeg.length, QUESTION_BUDGET, authorAsked),
    'dev budget': above(devScores, devNeg.length, DEV_QUESTION_BUDGET, devAsked),
    'near-misses': Math.max(0, ...examples.filter((e) => e.hard).map((e) => d.likenessOf(e.text) ?? 0)) + 0.001,
  };
  const top = Math.max(...Object.values(limits));
  const threshold = Math.min(0.95, Math.max(0.5, Math.ceil(top * 1000) / 1000));
  const ruleMisses = oof.filter((x) => x.e.danger && x.s !== undefined);
  const reach = (xs: (number | undefined)[]) => xs.filter((s) => s !== undefined && s >= threshold).length;
  const demoted = (danger: boolean) => `${oof.filter((x) => x.e.danger === danger && x.certain && x.raw < demoteBelow).length}/${oof.filter((x) => x.e.danger === danger && x.certain).length}`;
  return {
    threshold,
    demoteBelow,
    oof,
    report: {
      demoteBudget: DEMOTE_BUDGET,
      outOfAuthor999DangerDemoted: demoted(true),
      outOfAuthor999NonDangerDemoted: demoted(false),
      questionBudgetOnAuthors: QUESTION_BUDGET,
      questionBudgetOnDev: DEV_QUESTION_BUDGET,
      bindingLimit: threshold === 0.5 ? 'floor 0.5' : threshold === 0.95 ? 'ceiling 0.95' : Object.entries(limits).find(([, v]) => v === top)![0],
      outOfAuthorQuestionsOnNonDanger: `${reach(authorNeg.map((x) => x.s))}/${authorNeg.length}`,
      outOfAuthorQuestionsOnNonDangerInAll: `${reach(authorNeg.map((x) => x.s)) + authorAsked}/${authorNeg.length}`,
      outOfAuthorCatchOfRuleMisses: `${reach(ruleMisses.map((x) => x.s))}/${ruleMisses.length}`,
      devNonDangerQuestionsAdded: `${reach(devScores)}/${devNeg.length}`,
    },
  };
}

/** One author's figures when the whole backstop procedure ran without them. */
export interface AuthorFold {
  author: string;
  threshold: number;
  demoteBelow: number;
  evaluation: DangerEvaluation;
}

/** Leave-one-author-out: for each author X, fit and choose the threshold without X, then measure rules + backstop on X. */
export function leaveOneAuthorOut(examples: readonly Example[], dev: readonly { text: string; danger: boolean }[], danger: DangerRules, vocabulary: Vocabulary, o: FoldOptions = {}): AuthorFold[] {
  return authorsOf(examples).map((x) => {
    const without = examples.filter((e) => e.author !== x);
    const model = fit(trainable(without, o), vocabulary);
    const { threshold, demoteBelow } = chooseThreshold(without, dev, danger, vocabulary, model, o);
    const detector = detectorFor(danger, model, vocabulary, threshold, demoteBelow);
    return { author: x, threshold, demoteBelow, evaluation: evaluateDanger(detector, examples.filter((e) => e.author === x)) };
  });
}

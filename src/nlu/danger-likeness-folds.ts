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
import { createHash } from 'node:crypto';
import { createDangerDetector } from './danger';
import type { DangerRules } from './danger-schema';
import { createLikeness, demotionScore } from './danger-likeness';
import { chooseOverride } from './danger-likeness-override';
import { DEMOTE_BUDGET, DEV_QUESTION_BUDGET, draftModel, fit, hashExamples, likenessTokens, QUESTION_BUDGET, type Example } from './danger-likeness-fit';
import { evaluateDanger, type DangerEvaluation } from './evaluate';
import type { Vocabulary } from './vocabulary';

type Fitted = ReturnType<typeof fit>;

/** Options: whether the authors' messages are trained on (false: only the shared training files). */
export interface FoldOptions {
  trainOnAuthors?: boolean;
  /**
   * Models already fitted (by fit(), with the same vocabulary), keyed by subsetKey of exactly the
   * examples each was fitted on: see foldSubsets. A subset not found here is fitted as usual.
   */
  models?: ReadonlyMap<string, Fitted>;
}

function detectorFor(danger: DangerRules, m: Fitted, vocabulary: Vocabulary, threshold = 0.5, demoteBelow?: number, overrideAt?: number) {
  return createDangerDetector({ ...danger, likeness: draftModel(m, '0'.repeat(16), threshold, demoteBelow, overrideAt) }, { vocabulary });
}

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
  /** Whether the cancellers silence it and the backstop may override them (none `final`; see RuleView). */
  silenced?: boolean;
  /** The model's plain score (what overrideAt is compared with). */
  plain?: number;
}

/**
 * What the rules alone make of one message, the same in every fold and for every model: the detector
 * is the costly part (about a millisecond a message on the shared machine; the folds ask it about the
 * same ten thousand messages again and again), so it is asked once per text and kept (per rules
 * object and vocabulary, for the life of the process; a model only ever adds its score on top).
 */
interface RuleView {
  /** The rules alone give the 999 reply / the question (no 999). */
  certain: boolean;
  asked: boolean;
  /** A 999 kept from demotion whatever the model (neverDemotedBy, or too short; see explicitOf). */
  explicit: boolean;
  /** The backstop may score it: the rules are quiet and no canceller is sure (what likenessOf gates on). */
  open: boolean;
  /** The words the backstop scores (the detector's expanded form, as likenessTokens). */
  tokens: string[];
  /**
   * Tenth round: the cancellers silence every risk (or a sure one shuts the gate) and none of them is
   * `final`, so a sure backstop may override them (`overrideAt`); asked of a model that always scores 1.
   */
  silenced: boolean;
}

/**
 * Asks the rules about these messages now (the folds would ask when they first meet each one): the
 * by-author bench does it on the main thread while its worker threads fit the models.
 */
export function askRulesAbout(texts: Iterable<string>, danger: DangerRules, vocabulary: Vocabulary): void {
  const view = ruleViewOf(danger, vocabulary);
  for (const t of texts) view(t);
}

const EMPTY_MODEL: Fitted = { bias: 0, weights: new Map() };
const SURE_MODEL: Fitted = { bias: 20, weights: new Map() };
const ruleViews = new WeakMap<DangerRules, WeakMap<Vocabulary, (text: string) => RuleView>>();

/** The rules' view of a message, worked out once per text (see RuleView). */
function ruleViewOf(danger: DangerRules, vocabulary: Vocabulary): (text: string) => RuleView {
  let byVocabulary = ruleViews.get(danger);
  if (!byVocabulary) ruleViews.set(danger, (byVocabulary = new WeakMap()));
  let view = byVocabulary.get(vocabulary);
  if (view) return view;
  const rules = createDangerDetector({ ...danger, likeness: undefined }, { vocabulary });
  // Any model opens the same gate (the rules and cancellers decide it): an empty one asks it.
  const gate = detectorFor(danger, EMPTY_MODEL, vocabulary);
  const sure = detectorFor(danger, SURE_MODEL, vocabulary, 0.5, undefined, 0.5);
  const explicit = explicitOf(danger, vocabulary);
  const memo = new Map<string, RuleView>();
  view = (text) => {
    let v = memo.get(text);
    if (!v) {
      const r = rules.detect(text);
      const certain = r.danger;
      const asked = !certain && r.question === true;
      const silenced = !certain && !asked && (sure.detect(text).cancelledBy ?? []).includes('overridden-by-likeness');
      v = { certain, asked, explicit: certain && explicit(text), open: gate.likenessOf(text) !== undefined, tokens: likenessTokens(text, vocabulary), silenced };
      memo.set(text, v);
    }
    return v;
  };
  byVocabulary.set(vocabulary, view);
  return view;
}

/**
 * A fitted model as the folds use it, on the rules' view: `s`, the score as the backstop sees it
 * (undefined where the gate is shut: the same number as the detector's likenessOf), and `raw`, the
 * score demotion sees (as demotionScore in the detector).
 */
function scorerOf(view: (text: string) => RuleView, model: Fitted) {
  const l = rawLikeness(model);
  return {
    s: (text: string): number | undefined => {
      const v = view(text);
      return v.open ? l.score(v.tokens).score : undefined;
    },
    raw: (text: string): number => demotionScore(l, view(text).tokens),
    plain: (text: string): number => l.score(view(text).tokens).score,
  };
}

/** Each author's messages, scored by a model fitted without that author. */
export function outOfAuthorScores(examples: readonly Example[], danger: DangerRules, vocabulary: Vocabulary, o: FoldOptions = {}): OutOfAuthorScore[] {
  const out: OutOfAuthorScore[] = [];
  const fitted = fitterOf(vocabulary, o);
  const shared = o.trainOnAuthors === false ? fitted(trainable(examples, o)) : undefined;
  const view = ruleViewOf(danger, vocabulary);
  for (const a of authorsOf(examples)) {
    const m = scorerOf(view, shared ?? fitted(examples.filter((e) => e.author !== a)));
    for (const e of examples) if (e.author === a) out.push(scored(e, view(e.text), m));
  }
  return out;
}

const scorers = new WeakMap<Fitted, ReturnType<typeof createLikeness>>();
/** A fitted model as a likeness scorer (no threshold): its raw scores, as demotion sees them (one per model: each "without X and Y" serves two folds). */
function rawLikeness(model: Fitted): ReturnType<typeof createLikeness> {
  let l = scorers.get(model);
  if (!l) scorers.set(model, (l = createLikeness(draftModel(model, '0'.repeat(16)))));
  return l;
}

/** Whether a 999 verdict is kept from demotion (neverDemotedBy): it stays 999 with every message demoted. */
function explicitOf(danger: DangerRules, vocabulary: Vocabulary): (text: string) => boolean {
  if (danger.neverDemotedBy === undefined) return () => false;
  const all = createDangerDetector({ ...danger, likeness: { ...draftModel({ bias: 0, weights: new Map() }, '0'.repeat(16)), demoteBelow: 0.9999 } }, { vocabulary });
  return (text) => all.detect(text).danger;
}

function scored(e: Example, v: RuleView, m: ReturnType<typeof scorerOf>): OutOfAuthorScore {
  const raw = v.certain && v.explicit ? 1 : m.raw(e.text);
  return { e, s: m.s(e.text), raw, certain: v.certain, asked: v.asked, silenced: v.silenced, plain: m.plain(e.text) };
}

/** Messages scored by one model (the shipped one, for the calibration part): as outOfAuthorScores, in sample for the model. */
export function scoresBy(cases: readonly { text: string; danger: boolean }[], danger: DangerRules, vocabulary: Vocabulary, model: Fitted): OutOfAuthorScore[] {
  const view = ruleViewOf(danger, vocabulary);
  const m = scorerOf(view, model);
  return cases.map((c) => scored({ text: c.text, danger: c.danger }, view(c.text), m));
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
  // The detector's likenessOf and demotion for `model`, on the rules' view of each message (kept per text).
  const view = ruleViewOf(danger, vocabulary);
  const m = scorerOf(view, model);
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
  const devScores = desc(devNeg.map((c) => m.s(c.text)));
  // Asked without the backstop's score (the gate shut): the rules' own question, or a 999 demoted by this model.
  const demotes = (v: RuleView, text: string) => v.certain && !v.explicit && demoteBelow > 0 && m.raw(text) < demoteBelow;
  const devAsked = devNeg.filter((c) => {
    const v = view(c.text);
    return !v.open && (v.asked || demotes(v, c.text));
  }).length;
  const limits = {
    'author budget': above(desc(authorNeg.map((x) => x.s)), authorNeg.length, QUESTION_BUDGET, authorAsked),
    'dev budget': above(devScores, devNeg.length, DEV_QUESTION_BUDGET, devAsked),
    'near-misses': Math.max(0, ...examples.filter((e) => e.hard).map((e) => m.s(e.text) ?? 0)) + 0.001,
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
  /** The override chosen without the author (chooseOverride, the folds' budget); undefined: none within it. */
  overrideAt?: number;
  evaluation: DangerEvaluation;
  /** The backstop fitted without the author (as used in the fold). */
  model: Fitted;
}

/**
 * Leave-one-author-out: for each author X, fit and choose the threshold, demotion and (eleventh round)
 * override without X, then measure rules + backstop on X. The override is the folds' own choice
 * (chooseOverride on the other authors' out-of-author scores), the trainer's fallback when no
 * calibration part is on disk: the shipped one is chosen on the calibration parts, which no fold may see.
 */
export function leaveOneAuthorOut(examples: readonly Example[], dev: readonly { text: string; danger: boolean }[], danger: DangerRules, vocabulary: Vocabulary, o: FoldOptions = {}): AuthorFold[] {
  return authorsOf(examples).map((x) => {
    const without = examples.filter((e) => e.author !== x);
    const model = fitterOf(vocabulary, o)(trainable(without, o));
    const { threshold, demoteBelow, oof } = chooseThreshold(without, dev, danger, vocabulary, model, o);
    const overrideAt = chooseOverride(oof, threshold)?.overrideAt;
    // The author's own messages are measured by the real detector (not the rules' view): the figure itself.
    const detector = detectorFor(danger, model, vocabulary, threshold, demoteBelow, overrideAt);
    return { author: x, threshold, demoteBelow, ...(overrideAt !== undefined ? { overrideAt } : {}), model, evaluation: evaluateDanger(detector, examples.filter((e) => e.author === x)) };
  });
}

/**
 * Every training subset leaveOneAuthorOut(examples, …, o) fits, each once ("without X" and "without X
 * and Y": 595 for the 34 authors of the eleventh round; with trainOnAuthors false, the shared files alone), so a caller can
 * fit them beforehand, e.g. on worker threads, and hand them in as `o.models` (keyed by subsetKey).
 */
export function foldSubsets(examples: readonly Example[], o: FoldOptions = {}): Example[][] {
  const out = new Map<string, Example[]>();
  const add = (xs: Example[]) => {
    const k = subsetKey(xs);
    if (!out.has(k)) out.set(k, xs);
  };
  const authors = authorsOf(examples);
  for (const x of authors) {
    const without = examples.filter((e) => e.author !== x);
    add(trainable(without, o));
    if (o.trainOnAuthors === false) continue;
    for (const a of authors) if (a !== x) add(without.filter((e) => e.author !== a));
  }
  return [...out.values()];
}

/** A digest of a training subset: what fit() reads of each example, in order (text, label, near-miss). */
export function subsetKey(examples: readonly Example[]): string {
  const h = createHash('sha256');
  hashExamples(h, examples);
  return h.digest('hex');
}

/** fit(), or the model handed in for exactly these examples (o.models, by subsetKey). */
function fitterOf(vocabulary: Vocabulary, o: FoldOptions): (examples: readonly Example[]) => Fitted {
  return (examples) => o.models?.get(subsetKey(examples)) ?? fit(examples, vocabulary);
}

/**
 * Router v2: which flow a message in staff's own words belongs to, or none.
 *
 * Features: the message's words after content/nlu/vocabulary.yaml (chat words, year groups,
 * spelling tolerance) as Porter stems, plus one feature per concept it mentions ("topless" and
 * "no clothes" both give `#nudity`), weighted by TF-IDF (softened: IDF^0.5), plus who-does-what
 * pairings (content/nlu/who-what.yaml, who-what.ts: "a pupil's phone" → `#own:pupil×phone`) at a
 * fraction of that weight, plus pairs of neighbouring words (bigrams.ts: `~his_phone`) at
 * `bigrams` of a word's weight.
 * Model, trained at every start on each flow's `examples`, title and summary, each example also
 * joined with another of its flow's (`joined`: longer texts, like staff's), and on
 * content/nlu/out-of-scope.yaml as one more class, and on real staff messages by several authors
 * (content/nlu/staff-messages.yaml, staff-messages.ts; `staffWeight` 2 in the loss): a multinomial
 * logistic regression trained to convergence (linear.ts, L-BFGS: independent of example order),
 * blended 65:35 with nearest-example similarity (neighbours.ts). Chosen on the dev
 * set and 5-fold cross-validation over the example phrases (docs/benchmarks.md): the blend beat
 * either part alone, and natural's BayesClassifier given the very same features did worse and
 * would load natural's classifiers module (~35 MB more resident memory).
 * From natural it uses the Porter stemmer and Damerau-Levenshtein distance (natural.ts).
 *
 * Decision, per message:
 * - a flow starts when its probability is at least `threshold` and above out-of-scope's;
 * - out of scope (said plainly, nothing offered) when "out of scope" is the most likely answer,
 *   or when no flow is at least `offer` likely;
 * - otherwise the flows at least `offer` likely (at most three, best first) are offered.
 * - in a menu, a near tie is listed more serious first (NEAR_TIE below).
 * Trained once per content: createNlu passes a file cache (model-cache.ts), so a start with the
 * same examples, vocabulary and settings reads the trained model instead of training again.
 * Several topics (topics.ts): the message is split into parts (sentences, "also", "and now" …).
 * If two parts are each clearly a different flow (one the whole message would offer too), the more serious (router.yaml `severity`)
 * starts when it is in a more serious tier and the router is sure of it; otherwise SafeStep asks
 * which, listing the more serious first. Either way both flows are in `alternatives`.
 * Worries about a child (concern-route.ts): when the message names one (router.yaml `concern`)
 * and no flow starts, the general concern route is always among the flows offered (beside a worry
 * about the child's home life, also instead of starting a less serious flow).
 */
import type { FlowDef } from '../core/model';
import type { RouteCandidate, RouteResult, Router } from '../core/ports';
import { createHash } from 'node:crypto';
import { DEFAULT_LINEAR, restoreLinear, trainLinear, type LinearOptions, type LinearState } from './linear';
import { bigramsOf, frequentPairsOnly, isBigram } from './bigrams';
import { createNeighbourScorer } from './neighbours';
import { createNormaliser, lexiconStems, trainedLexicon } from './normalise';
import { createTfIdfIndex, restoreTfIdfIndex, type TfIdfState } from './tfidf';
import { offerConcern, type ConcernRoute } from './concern-route';
import { createSeverity, splitTopics } from './topics';
import { EMPTY_VOCABULARY, type Vocabulary } from './vocabulary';
import { isPairingFeature, type WhoWhat } from './who-what';

/** Model settings (content/nlu/router.yaml `model`); all optional. */
export interface ModelOptions extends LinearOptions {
  /** Share of the nearest-examples probabilities in the blend (0: regression only). */
  blend: number;
  /** How many nearest examples of a class are averaged. */
  neighbours: number;
  /** Softmax temperature of the nearest-examples scores. */
  temperature: number;
  /** Exponent on IDF (1: classic TF-IDF; lower: rare words count less). */
  idfPower: number;
  /**
   * Extra training texts per example phrase: the phrase joined with another of its flow's (0:
   * none). Staff write several sentences that each hint at the situation; short phrases alone
   * never show the model two cues of one flow together.
   */
  joined: number;
  /** How much each real staff message counts in the regression's loss, against 1 for an example phrase. */
  staffWeight: number;
  /** Weight of word-pair features (bigrams.ts) against a word's; 0: none. */
  bigrams: number;
}

export const DEFAULT_MODEL: ModelOptions = { ...DEFAULT_LINEAR, l2: 2.5e-5, blend: 0.35, neighbours: 3, temperature: 0.05, idfPower: 0.5, joined: 1, staffWeight: 2, bigrams: 0.45 };

/** A phrase is joined with the phrase this many places further on in its flow's examples (then 2×, 3× …). */
const JOIN_STEP = 7;

/** What a router is built from besides the flows; all optional. */
export interface RouterOptions {
  /** Chat words, concepts and stop words (content/nlu/vocabulary.yaml). */
  vocabulary?: Vocabulary;
  /** Who-does-what cues (content/nlu/who-what.yaml); none: no pairing features. */
  whoWhat?: WhoWhat;
  /** Messages that belong to no flow (content/nlu/out-of-scope.yaml). */
  outOfScope?: readonly string[];
  /**
   * Real staff messages, each with its flow (null: out of scope), trained on as they are (never
   * joined); a message whose flow is not among the routable flows is left out.
   */
  staffMessages?: readonly StaffTrainingMessage[] | LazyStaffMessages;
  /** Minimum probability for `flow` to be set (content/nlu/router.yaml). Default 0.7. */
  threshold?: number;
  /** Minimum probability for a flow to be offered as an alternative. Default 0.15. */
  offer?: number;
  /** Flow ids in tiers, most serious first, for messages with several topics. */
  severity?: readonly (readonly string[])[];
  /** Model settings. */
  model?: Partial<ModelOptions>;
  /** The route any worry about a child can take (concern-route.ts); ignored when its flow has no examples. */
  concern?: ConcernRoute;
  /** Where a trained model is kept between starts (model-cache.ts); none: trained every time. */
  cache?: ModelCache;
}

/** A staff message as the router trains on it: its text and flow (null: out of scope). */
export interface StaffTrainingMessage {
  text: string;
  flow: string | null;
}

/**
 * Staff messages read only when the model must be trained (staff-messages.ts StaffMessagesFile):
 * `key` stands for the messages in the model cache's key (a hash of the file's bytes and the code
 * that reads it); a cached model keeps their labels, so a warm start never reads the messages.
 */
export interface LazyStaffMessages {
  readonly key: string;
  messages(): readonly StaffTrainingMessage[];
}

/** Everything training produces, as plain data: the spelling lexicon, the TF-IDF index, the weights. */
export interface TrainedModel {
  /** Each training text's class, in index order (a start with lazy staff messages takes them from here). */
  labels: Int32Array;
  lexicon: [string, number][];
  /** The Porter stems of the lexicon's words (normalise.ts lexiconStems), in any order. */
  stems: string[];
  index: TfIdfState;
  linear?: LinearState;
}

/**
 * A store of trained models by key. The key is a hash of everything training reads (texts,
 * labels, vocabulary, settings), so a change to any example or word trains afresh; the store
 * adds what it needs to tell code versions apart. Failing to read or write is never an error.
 */
export interface ModelCache {
  read(key: string): TrainedModel | undefined;
  write(key: string, model: TrainedModel): void;
}

/** The router's full view of one message, for measurement. */
export interface Ranking {
  /** Every flow with its probability, most likely first. */
  flows: RouteCandidate[];
  /** The probability that the message is out of scope. */
  outOfScope: number;
}

/** A Router that also exposes its settings and full ranking (for `safestep nlu` and the bench). */
export interface NluRouter extends Router {
  readonly threshold: number;
  readonly offer: number;
  /** Every flow's probability for `text` (all zero, out of scope 1, when no word is known). */
  rank(text: string): Ranking;
}

/** How many alternatives a RouteResult lists at most. */
export const MAX_ALTERNATIVES = 3;

/**
 * A part of a message is its own topic when its best flow is at least this likely … (0.6 since
 * round 6: leave-one-author-out 90.3 → 90.6 %, dev and fresh unchanged; 0.4: 89.9 %, 0.7: 90.5 %)
 */
const PART_SURE = 0.6;
/** … and it has at least this many meaningful words. */
const PART_WORDS = 3;
/**
 * In a menu, when the second flow is at least this share as likely as the first and in a more
 * serious tier, it is listed first: a near tie between "may I search this phone" and "a nude of
 * a pupil may be on it" is both, and the more serious comes first (measured on the dev, fresh and
 * real-world tune sets: a small gain on each, no loss).
 */
const NEAR_TIE = 0.85;

/**
 * Trains a router on the flows' example phrases. Flows without examples can never be routed to.
 * `alternatives` are the flows worth offering (never out of scope): at most three, none below
 * `offer`, best first (for several topics, most serious first), so a message that fits nothing
 * gets none. `confidence` is the first alternative's probability, or the best flow's when none
 * is offered (0 when no word of the message is known).
 */
export function createRouter(flows: readonly FlowDef[], options: RouterOptions = {}): NluRouter {
  const vocabulary = options.vocabulary ?? EMPTY_VOCABULARY;
  const threshold = options.threshold ?? 0.7;
  const offer = options.offer ?? 0.15;
  const settings: ModelOptions = { ...DEFAULT_MODEL, ...options.model };
  const severity = createSeverity(options.severity ?? []);
  const routable = flows.filter((f) => f.examples.length > 0);
  const ids = routable.map((f) => f.id);
  const concern = options.concern && ids.includes(options.concern.flow) ? options.concern : undefined;
  const oosClass = ids.length;
  // Plain loops, no callbacks over texts or labels: a function's captured variables live in one
  // context that all its closures share, so a callback would keep every training text as long as the router.
  // Training texts in index order: the flows' phrases, out of scope, the staff messages, the joined phrases.
  const texts: string[] = [];
  const labels: number[] = [];
  for (const [c, f] of routable.entries()) for (const e of [...f.examples, f.title, f.summary]) (texts.push(e), labels.push(c));
  for (const e of options.outOfScope ?? []) (texts.push(e), labels.push(oosClass));
  /** The staff messages are training texts staffFrom … staffTo-1. */
  const staffFrom = texts.length;
  const joinedTexts: string[] = [];
  const joinedLabels: number[] = [];
  for (const [c, f] of routable.entries()) {
    for (const [i, e] of f.examples.entries()) {
      for (let k = 1; k <= settings.joined; k++) (joinedTexts.push(`${e} ${f.examples[(i + JOIN_STEP * k) % f.examples.length]}`), joinedLabels.push(c));
    }
  }
  const staff = options.staffMessages ?? [];
  const lazy = isLazy(staff) ? staff : undefined;
  const classes = oosClass + 1;
  const whoWhat = options.whoWhat;
  let staffTo = staffFrom;
  let key: string;
  if (lazy) {
    // Keyed on the staff file's key (its bytes and reading code) and the flow ids its messages'
    // flows are looked up in, beside every other text and label: the messages are not read.
    const rest = { labels, joinedLabels, staff: lazy.key, ids, classes, vocabulary, whoWhat, settings };
    key = trainingKey([...texts, '\0joined', ...joinedTexts], rest);
  } else {
    staffTo = appendStaffAndJoined(texts, labels, staff as readonly StaffTrainingMessage[], ids, joinedTexts, joinedLabels);
    key = trainingKey(texts, { labels, classes, vocabulary, whoWhat, settings });
  }
  let cached = options.cache?.read(key);
  if (cached && lazy && !labelsFit(cached.labels, labels, joinedLabels, classes)) cached = undefined;
  if (cached && !lazy && !sameLabels(cached.labels, labels)) cached = undefined;
  if (!cached && lazy) staffTo = appendStaffAndJoined(texts, labels, lazy.messages(), ids, joinedTexts, joinedLabels);
  const lexicon = cached ? new Map(cached.lexicon) : trainedLexicon(vocabulary, texts);
  const stems = cached ? new Set(cached.stems) : lexiconStems(lexicon);
  const normaliser = createNormaliser(vocabulary, { lexicon, lexiconStems: stems, ...(whoWhat ? { whoWhat } : {}) });
  /** A text's features: stems, concepts, who-what pairings, and word pairs when `bigrams` > 0. */
  const featuresOf = (text: string): string[] =>
    settings.bigrams > 0 ? [...normaliser.features(text), ...bigramsOf(normaliser.stems(text))] : normaliser.features(text);
  let index = cached ? restoreTfIdfIndex(cached.index) : createTfIdfIndex(frequentPairsOnly(texts.map(featuresOf)), {
        idfPower: settings.idfPower,
        weight: (term: string) => (isBigram(term) ? settings.bigrams : whoWhat && isPairingFeature(term) ? whoWhat.weight : 1),
      });
  const model = cached
    ? cached.linear && restoreLinear(cached.linear)
    : ids.length > 0
      ? trainLinear(labels.map((_, i) => index.document(i)), labels, classes, settings, labels.map((_, i) => (i >= staffFrom && i < staffTo ? settings.staffWeight : 1)))
      : undefined;
  if (!cached) {
    const state = index.state();
    options.cache?.write(key, { labels: Int32Array.from(labels), lexicon: [...lexicon], stems: [...stems], index: state, ...(model ? { linear: model.state() } : {}) });
    index = restoreTfIdfIndex(state); // the same index without the documents' own vectors, needed only to train
  }
  const docLabels: readonly number[] = cached ? Array.from(cached.labels) : labels;
  const nearest = createNeighbourScorer(index, docLabels, classes, settings);

  /** Every flow's probability and out of scope's for a text's features; undefined when no word is known. */
  const classify = (features: readonly string[]): Ranking | undefined => {
    const v = index.vector(features);
    if (v.size === 0 || !model) return undefined;
    const p = model.probabilities(v);
    const q = nearest(v);
    for (let c = 0; c < classes; c++) p[c] = (1 - settings.blend) * p[c]! + settings.blend * q[c]!;
    const ranked = ids.map((flow, c) => ({ flow, confidence: p[c]! })).sort((a, b) => b.confidence - a.confidence);
    return { flows: ranked, outOfScope: p[oosClass]! };
  };

  /**
   * Flows that two or more parts of the message are each clearly about, most serious first. A
   * part's flow counts only when the whole message is at least `offer` likely to be about it
   * (round 6: leave-one-author-out 89.7 → 90.3 % with the opening rule of topics.ts, dev unchanged).
   */
  const topicsOf = (text: string, whole: Ranking): RouteCandidate[] => {
    const parts = splitTopics(text);
    if (parts.length < 2) return [];
    const found = new Map<string, number>();
    for (const part of parts) {
      if (normaliser.stems(part).length < PART_WORDS) continue;
      const r = classify(featuresOf(part));
      const best = r?.flows[0];
      if (!r || !best || best.confidence < PART_SURE || best.confidence <= r.outOfScope) continue;
      // … and the whole message would offer its flow: a part read alone ("Dear DSL, a young
      // carer …", "For the record: our IT contractor …") can look like a topic the message is not about.
      if ((whole.flows.find((f) => f.flow === best.flow)?.confidence ?? 0) < offer) continue;
      found.set(best.flow, Math.max(found.get(best.flow) ?? 0, best.confidence));
    }
    if (found.size < 2) return [];
    return [...found].map(([flow, confidence]) => ({ flow, confidence })).sort((a, b) => severity.compare(a.flow, b.flow));
  };

  /** The decision for a message the model knows words of (see the header), before the concern rule. */
  const decide = (text: string, whole: Ranking): RouteResult => {
    const topics = topicsOf(text, whole);
    if (topics.length >= 2) {
      const [first, second] = topics as [RouteCandidate, RouteCandidate];
      const pick = severity.tier(first.flow) < severity.tier(second.flow) && first.confidence >= threshold;
      const rest = whole.flows.filter((a) => a.confidence >= offer && !found(topics, a.flow));
      return { flow: pick ? first.flow : null, confidence: first.confidence, alternatives: [...topics, ...rest].slice(0, MAX_ALTERNATIVES) };
    }
    const best = whole.flows[0]!;
    if (whole.outOfScope > best.confidence) return { flow: null, confidence: best.confidence, alternatives: [] };
    const flow = best.confidence >= threshold ? best.flow : null;
    const alternatives = whole.flows.slice(0, MAX_ALTERNATIVES).filter((a) => a.confidence >= offer);
    const [a, b] = alternatives;
    if (flow === null && a && b && b.confidence >= NEAR_TIE * a.confidence && severity.tier(b.flow) < severity.tier(a.flow)) {
      alternatives.splice(0, 2, b, a);
    }
    return { flow, confidence: alternatives[0]?.confidence ?? best.confidence, alternatives };
  };

  return {
    threshold,
    offer,
    rank: (text) => classify(featuresOf(text)) ?? { flows: ids.map((flow) => ({ flow, confidence: 0 })), outOfScope: 1 },
    route(text: string): RouteResult {
      const features = featuresOf(text);
      const whole = classify(features);
      if (!whole) return { flow: null, confidence: 0, alternatives: [] };
      const result = decide(text, whole);
      if (!concern) return result;
      const own = whole.flows.find((f) => f.flow === concern.flow)?.confidence ?? 0;
      const lessSerious = (flow: string) => severity.tier(flow) > severity.tier(concern.flow);
      return offerConcern(result, features, concern, own, MAX_ALTERNATIVES, lessSerious);
    },
  };
}

/**
 * sha256 of the training texts (each as JSON, one a line) and then `rest` as JSON, fed to the hash
 * piece by piece rather than as one string of every text (a few MB at each start).
 */
function trainingKey(texts: readonly string[], rest: object): string {
  const hash = createHash('sha256');
  for (const t of texts) hash.update(JSON.stringify(t)).update('\n');
  return hash.update(JSON.stringify(rest)).digest('hex');
}

/**
 * Appends the staff messages whose flow is routable (null: out of scope, the last class) and then
 * the joined phrases to the training texts and labels; returns where the staff messages end.
 * A function of its own, so no closure of createRouter's keeps the texts alive.
 */
function appendStaffAndJoined(texts: string[], labels: number[], staff: readonly StaffTrainingMessage[], ids: readonly string[], joinedTexts: readonly string[], joinedLabels: readonly number[]): number {
  const oosClass = ids.length;
  for (const m of staff) {
    const c = m.flow === null ? oosClass : ids.indexOf(m.flow);
    if (c >= 0) (texts.push(m.text), labels.push(c));
  }
  const to = texts.length;
  for (let i = 0; i < joinedTexts.length; i++) (texts.push(joinedTexts[i]!), labels.push(joinedLabels[i]!));
  return to;
}

function isLazy(staff: readonly StaffTrainingMessage[] | LazyStaffMessages): staff is LazyStaffMessages {
  return !Array.isArray(staff);
}

/** Whether a cached model's labels are `before`, then any number of staff messages' (classes 0 … classes-1), then `after`. */
function labelsFit(cached: Int32Array, before: readonly number[], after: readonly number[], classes: number): boolean {
  if (cached.length < before.length + after.length || cached.some((c) => !(c >= 0 && c < classes))) return false;
  for (let i = 0; i < before.length; i++) if (cached[i] !== before[i]) return false;
  const tail = cached.length - after.length;
  for (let i = 0; i < after.length; i++) if (cached[tail + i] !== after[i]) return false;
  return true;
}

function sameLabels(cached: Int32Array, labels: readonly number[]): boolean {
  return cached.length === labels.length && labels.every((l, i) => cached[i] === l);
}

function found(candidates: readonly RouteCandidate[], flow: string): boolean {
  return candidates.some((c) => c.flow === flow);
}

/**
 * Turns a message in staff's own words into the features the router compares:
 * lower-case → vocabulary patterns (year groups …) → tokens → vocabulary words ("fb" →
 * "facebook") → spelling tolerance against the training lexicon → stop words out → Porter stems,
 * plus one feature per vocabulary concept the message mentions ("topless" → `#nudity`), and one
 * per who-does-what pairing (who-what.ts: "a pupil's phone" → `#own:pupil×phone`).
 */
import { porterStem } from './natural';
import { createSpellingCorrector, type SpellingCorrector } from './spelling';
import { compileVocabulary, expandTokens, type CompiledVocabulary, type Vocabulary } from './vocabulary';
import { compileWhoWhat, type WhoWhat } from './who-what';

/** Normalises text for routing. Pure. */
export interface Normaliser {
  /** Lower-case words after the vocabulary and spelling correction, stop words kept. */
  words(text: string): string[];
  /** Porter stems of the meaningful words. */
  stems(text: string): string[];
  /** The router's features: the stems (bare numbers left out), then `#concept` for each concept mentioned (once each). */
  features(text: string): string[];
}

/** The prefix of concept features; no stem can start with it. */
export const CONCEPT_PREFIX = '#';

/** Options of a normaliser. */
export interface NormaliserOptions {
  /** Known words (→ frequency); unknown words of five letters or more are corrected towards them. */
  lexicon?: ReadonlyMap<string, number>;
  /**
   * The Porter stems of the lexicon's words (lexiconStems), when already known (the router's model
   * cache keeps them): spares stemming the whole lexicon at the first word checked.
   */
  lexiconStems?: ReadonlySet<string>;
  /** Who-does-what cues (content/nlu/who-what.yaml): their pairings become features too. */
  whoWhat?: WhoWhat;
}

/** Builds a normaliser from a vocabulary (see content/nlu/vocabulary.yaml). */
export function createNormaliser(vocabulary: Vocabulary, options: NormaliserOptions = {}): Normaliser {
  const compiled = compileVocabulary(vocabulary);
  const speller: SpellingCorrector | undefined = options.lexicon && createSpellingCorrector(options.lexicon);
  // Stemming the lexicon's few thousand words is ~0.1 s: done on the first word checked, not at start.
  let knownStems = options.lexiconStems;
  const fix = (w: string): string => {
    if (!speller) return w;
    knownStems ??= lexiconStems(options.lexicon);
    return knownStems.has(stem(w)) ? w : speller.correct(w);
  };
  const words = (text: string): string[] => expandTokens(tokenise(applyPatterns(text, compiled)), compiled).map(fix);
  let concepts: ((stems: string[]) => string[]) | undefined; // compiled on first use
  let pairings: ((stems: readonly string[]) => string[]) | undefined;

  const stems = (text: string): string[] => words(text).filter((w) => !compiled.stopwords.has(w)).map(stem);
  return {
    words,
    stems,
    features(text: string): string[] {
      const all = words(text);
      // A bare number ("year 4", "8") says nothing about the situation; ages that matter are
      // concepts ("8 year old" → #young-child), matched on all the words below.
      const kept = all.filter((w) => !compiled.stopwords.has(w) && !/^\d+$/.test(w)).map(stem);
      concepts ??= compileConcepts(vocabulary.concepts, stem);
      const allStems = all.map(stem);
      if (!options.whoWhat) return [...kept, ...concepts(allStems)];
      pairings ??= compileWhoWhat(options.whoWhat, stem);
      return [...kept, ...concepts(allStems), ...pairings(allStems)];
    },
  };
}

/**
 * Compiles the concepts into a matcher over a message's stems (stop words included, so phrases
 * such as "on me" work): returns `#name` once for each concept with a term in the message.
 */
function compileConcepts(concepts: Readonly<Record<string, string[]>>, stem: (w: string) => string): (stems: string[]) => string[] {
  const byFirst = new Map<string, { name: string; terms: string[] }[]>();
  for (const [name, terms] of Object.entries(concepts)) {
    for (const term of terms) {
      const seq = term.split(' ').map(stem);
      const list = byFirst.get(seq[0] ?? '') ?? [];
      list.push({ name: CONCEPT_PREFIX + name, terms: seq });
      byFirst.set(seq[0] ?? '', list);
    }
  }
  return (stems) => {
    const found = new Set<string>();
    for (let i = 0; i < stems.length; i++) {
      for (const c of byFirst.get(stems[i] ?? '') ?? []) {
        if (!found.has(c.name) && c.terms.every((t, k) => stems[i + k] === t)) found.add(c.name);
      }
    }
    return [...found];
  };
}

/** Lower-cases (Unicode-normalised, curly quotes straightened) and applies the vocabulary's patterns. */
export function applyPatterns(text: string, vocabulary: CompiledVocabulary): string {
  let out = text.normalize('NFKC').toLowerCase().replace(/[\u2018\u2019\u02bc`]/g, "'");
  for (const { re, replace } of vocabulary.patterns) out = out.replace(re, replace);
  return out;
}

/**
 * Splits lower-case text into word tokens: letters and digits, with apostrophes inside words
 * dropped ("dm'd" → "dmd", "don't" → "dont") and possessive 's removed ("kid's" → "kid").
 */
export function tokenise(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(/[a-z0-9]+(?:'[a-z]+)*/g)) {
    out.push(match[0].replace(/'s$/, '').replace(/'/g, ''));
  }
  return out;
}

/**
 * The normaliser a router trains with: its spelling lexicon knows every word of the training
 * texts and every word the vocabulary writes (concept entries, word-map values).
 */
export function createTrainedNormaliser(vocabulary: Vocabulary, texts: readonly string[]): Normaliser {
  return createNormaliser(vocabulary, { lexicon: trainedLexicon(vocabulary, texts) });
}

/** The spelling lexicon of createTrainedNormaliser: every word of the texts and of the vocabulary's values. */
export function trainedLexicon(vocabulary: Vocabulary, texts: readonly string[]): Map<string, number> {
  const known = [...Object.values(vocabulary.concepts).flat(), ...Object.values(vocabulary.words)];
  return buildLexicon(createNormaliser(vocabulary), [...texts, ...known]);
}

/** Counts the words of texts, for use as a spelling lexicon. */
export function buildLexicon(normaliser: Normaliser, texts: Iterable<string>): Map<string, number> {
  const lexicon = new Map<string, number>();
  for (const text of texts) for (const w of normaliser.words(text)) lexicon.set(w, (lexicon.get(w) ?? 0) + 1);
  return lexicon;
}

/** The Porter stems of a spelling lexicon's words: a word whose stem is one of them is never corrected. */
export function lexiconStems(lexicon: ReadonlyMap<string, number> | undefined): Set<string> {
  return new Set([...(lexicon?.keys() ?? [])].map(stem));
}

/** Porter stems, cached for the whole process: every normaliser stems the same few thousand words. */
const stem = memoise(porterStem);

/** Caches a pure string function (bounded, so a long-running bot cannot grow it forever). */
function memoise(fn: (s: string) => string, limit = 20_000): (s: string) => string {
  const cache = new Map<string, string>();
  return (s) => {
    let out = cache.get(s);
    if (out === undefined) {
      out = fn(s);
      if (cache.size >= limit) cache.clear();
      cache.set(s, out);
    }
    return out;
  };
}

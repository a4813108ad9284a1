/**
 * Turns a message in staff's own words into the features the router compares:
 * lower-case → vocabulary patterns (year groups …) → tokens → vocabulary words ("fb" →
 * "facebook") → spelling tolerance against the training lexicon → stop words out → Porter stems.
 */
import { porterStem } from './natural';
import { createSpellingCorrector, type SpellingCorrector } from './spelling';
import { compileVocabulary, expandTokens, type CompiledVocabulary, type Vocabulary } from './vocabulary';

/** Normalises text for routing. Pure. */
export interface Normaliser {
  /** Lower-case words after the vocabulary and spelling correction, stop words kept. */
  words(text: string): string[];
  /** Porter stems of the meaningful words: the router's features. */
  stems(text: string): string[];
}

/** Options of a normaliser. */
export interface NormaliserOptions {
  /** Known words (→ frequency); unknown words of five letters or more are corrected towards them. */
  lexicon?: ReadonlyMap<string, number>;
}

/** Builds a normaliser from a vocabulary (see content/nlu/vocabulary.yaml). */
export function createNormaliser(vocabulary: Vocabulary, options: NormaliserOptions = {}): Normaliser {
  const compiled = compileVocabulary(vocabulary);
  const speller: SpellingCorrector | undefined = options.lexicon && createSpellingCorrector(options.lexicon);
  const stem = memoise(porterStem);
  const knownStems = new Set([...(options.lexicon?.keys() ?? [])].map(stem));
  const fix = (w: string): string => (speller && !knownStems.has(stem(w)) ? speller.correct(w) : w);
  const words = (text: string): string[] => expandTokens(tokenise(applyPatterns(text, compiled)), compiled).map(fix);
  return {
    words,
    stems: (text) => words(text).filter((w) => !compiled.stopwords.has(w)).map(stem),
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

/** Counts the words of texts, for use as a spelling lexicon. */
export function buildLexicon(normaliser: Normaliser, texts: Iterable<string>): Map<string, number> {
  const lexicon = new Map<string, number>();
  for (const text of texts) for (const w of normaliser.words(text)) lexicon.set(w, (lexicon.get(w) ?? 0) + 1);
  return lexicon;
}

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

/**
 * The vocabulary map (content/nlu/vocabulary.yaml): how staff and pupils' chat words are
 * rewritten before stemming ("fb" → "facebook", "y6" → "year 6"), and which words carry no
 * meaning for routing. Data, so a DSL can add a word without touching code.
 */
import { z } from 'zod';

const words = z.string().regex(/^[a-z0-9]+( [a-z0-9]+)*$/, 'use lower-case words separated by single spaces');

const regexSource = z.string().refine(
  (source) => {
    try {
      new RegExp(source, 'g');
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not a valid regular expression' },
);

/** Shape of content/nlu/vocabulary.yaml. */
export const VocabularySchema = z.strictObject({
  /** Regex rewrites applied to the lower-cased text before tokenising (e.g. year groups). */
  patterns: z.array(z.strictObject({ match: regexSource, replace: z.string(), note: z.string().optional() })).default([]),
  /** Token (or token sequence) → replacement words, applied after tokenising. */
  words: z.record(words, words),
  /** Words dropped before stemming: they say nothing about which flow fits. */
  stopwords: z.array(z.string().regex(/^[a-z0-9]+$/, 'one lower-case word')).default([]),
  /**
   * Concepts: a name → words or phrases that mean it ("naked", "topless", "no clothes" → nudity).
   * Matched on stems after the words map, so "bullied" matches "bully"; a message containing
   * any of them gets the concept as one more feature, shared with every example that has it.
   */
  concepts: z.record(z.string().regex(/^[a-z]+(-[a-z]+)*$/, 'use lower-case words joined by hyphens'), z.array(words).min(1)).default({}),
});

/** The vocabulary as authored. */
export type Vocabulary = z.output<typeof VocabularySchema>;

/** The vocabulary ready for use: compiled regexes and token lookups. */
export interface CompiledVocabulary {
  patterns: { re: RegExp; replace: string }[];
  /** First token of a key → the entries starting with it, longest key first. */
  words: Map<string, { from: string[]; to: string[] }[]>;
  stopwords: Set<string>;
}

/** A vocabulary with no entries: normalising then only lower-cases, tokenises and stems. */
export const EMPTY_VOCABULARY: Vocabulary = { patterns: [], words: {}, stopwords: [], concepts: {} };

/** Compiles a validated vocabulary. */
export function compileVocabulary(vocabulary: Vocabulary): CompiledVocabulary {
  const map = new Map<string, { from: string[]; to: string[] }[]>();
  for (const [key, value] of Object.entries(vocabulary.words)) {
    const from = key.split(' ');
    const first = from[0] ?? key;
    const list = map.get(first) ?? [];
    list.push({ from, to: value.split(' ') });
    list.sort((a, b) => b.from.length - a.from.length);
    map.set(first, list);
  }
  return {
    patterns: vocabulary.patterns.map((p) => ({ re: new RegExp(p.match, 'g'), replace: p.replace })),
    words: map,
    stopwords: new Set(vocabulary.stopwords),
  };
}

/** Rewrites a token list with the vocabulary's word entries, longest match first. */
export function expandTokens(tokens: string[], vocabulary: CompiledVocabulary): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; ) {
    const token = tokens[i] ?? '';
    const entry = vocabulary.words.get(token)?.find((e) => e.from.every((t, k) => tokens[i + k] === t));
    if (entry) {
      out.push(...entry.to);
      i += entry.from.length;
    } else {
      out.push(token);
      i += 1;
    }
  }
  return out;
}

/**
 * The only module that touches `natural`, and only the two pieces SafeStep uses: the Porter
 * stemmer and the Damerau-Levenshtein distance. Never `require('natural')` itself: it prints to
 * stdout, reads any .env in the working directory and costs ~160 MB (see tech-notes).
 * The stemmer is loaded from its own file (~1 MB) rather than the stemmers index (~15 MB, which
 * also loads the Japanese and Indonesian dictionaries); the file has no typings, hence the
 * small local type.
 */
import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance';

interface PorterStemmerModule {
  stem(token: string): string;
}

const porter = require('natural/lib/natural/stemmers/porter_stemmer') as PorterStemmerModule;

/** The Porter stem of one lower-case token ("pictures" → "pictur"). */
export function porterStem(token: string): string {
  return porter.stem(token);
}

/** Damerau-Levenshtein (optimal string alignment) distance: insertions, deletions, substitutions, swaps. */
export function editDistance(a: string, b: string): number {
  return DamerauLevenshteinDistance(a, b, { restricted: true });
}

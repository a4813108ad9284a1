/**
 * Light spelling tolerance: maps an unknown word of five letters or more to the nearest word of
 * a lexicon (the words the router was trained on) within Damerau-Levenshtein distance 1, or 2
 * for words of eight letters or more ("freind" → "friend", "photgraphs" → "photographs").
 * Cautious, because the lexicon is small and an unknown word is often a real word it lacks:
 * the first letter never changes ("making" ↛ "taking"), and words under eight letters are only
 * corrected for a missing, extra or swapped letter, not a replaced one ("older" ↛ "order").
 * Candidates are the lexicon words of the same first letter that share a deletion variant with
 * the word (SymSpell's rule: the word, or it with one or two letters deleted, equals the candidate
 * or the candidate with one letter deleted); each is then checked with natural's distance. Until
 * round 8 the variants of every lexicon word were kept in a map (~40,000 entries, 3.5 MB resident
 * at every start, ~20-40 ms to build); now a lookup tests the words of its first letter with the
 * same rule as a subsequence check (sharesVariant), and finds exactly the same candidates.
 */
import { editDistance } from './natural';

/** Words shorter than this are never corrected (too many near neighbours). */
export const MIN_CORRECTABLE_LENGTH = 5;
const LONG_WORD = 8;

/** Corrects one word against a fixed lexicon. Pure after construction. */
export interface SpellingCorrector {
  /** The lexicon word `word` is most likely a typo of, or `word` itself. */
  correct(word: string): string;
}

/** Builds a corrector over `lexicon` (word → frequency; the more frequent wins a tie). */
export function createSpellingCorrector(lexicon: ReadonlyMap<string, number>): SpellingCorrector {
  /** The words that may be corrected to, by first letter. */
  const byInitial = new Map<string, string[]>();
  for (const word of lexicon.keys()) {
    if (word.length < MIN_CORRECTABLE_LENGTH - 1) continue;
    const list = byInitial.get(word[0]!);
    if (list) list.push(word);
    else byInitial.set(word[0]!, [word]);
  }
  const cache = new Map<string, string>();

  const lookup = (word: string): string => {
    const maxDistance = word.length >= LONG_WORD ? 2 : 1;
    let best = word;
    let bestDistance = Infinity;
    let bestCount = -1;
    for (const candidate of byInitial.get(word[0]!) ?? []) {
      if (!sharesVariant(word, candidate, maxDistance)) continue;
      const distance = editDistance(word, candidate);
      if (distance > maxDistance || (maxDistance === 1 && isSubstitution(word, candidate))) continue;
      const count = lexicon.get(candidate) ?? 0;
      const better =
        distance < bestDistance ||
        (distance === bestDistance && (count > bestCount || (count === bestCount && candidate < best)));
      if (better) [best, bestDistance, bestCount] = [candidate, distance, count];
    }
    return best;
  };

  return {
    correct(word: string): string {
      if (word.length < MIN_CORRECTABLE_LENGTH || lexicon.has(word) || /\d/.test(word)) return word;
      let hit = cache.get(word);
      if (hit === undefined) {
        hit = lookup(word);
        if (cache.size > 10_000) cache.clear();
        cache.set(word, hit);
      }
      return hit;
    },
  };
}

/** True when two same-length words differ by one replaced letter rather than a swap. */
function isSubstitution(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  return [...a].sort().join('') !== [...b].sort().join('');
}

/**
 * SymSpell's candidate rule, without building the variants: whether `candidate`, or it with one
 * letter deleted, is `word` with at most `max` letters deleted, i.e. a subsequence of `word` at
 * least `word.length - max` long.
 */
export function sharesVariant(word: string, candidate: string, max: number): boolean {
  const fits = (length: number) => length >= word.length - max && length <= word.length;
  if (fits(candidate.length) && isSubsequence(candidate, word, -1)) return true;
  if (!fits(candidate.length - 1)) return false;
  for (let skip = 0; skip < candidate.length; skip++) if (isSubsequence(candidate, word, skip)) return true;
  return false;
}

/** Whether `part` without its character at `skip` (-1: none) is a subsequence of `whole` (UTF-16 units, as String.slice). */
function isSubsequence(part: string, whole: string, skip: number): boolean {
  let j = 0;
  for (let i = 0; i < part.length; i++) {
    if (i === skip) continue;
    while (j < whole.length && whole.charCodeAt(j) !== part.charCodeAt(i)) j++;
    if (j++ === whole.length) return false;
  }
  return true;
}

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
 * at every start); now a lookup derives a candidate's few variants as it goes, over the words of
 * its first letter and a fitting length, and finds exactly the same candidates.
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
    const variants = new Set<string>([word, ...deletes(word)]);
    if (maxDistance === 2) for (const d of [...variants]) for (const dd of deletes(d)) variants.add(dd);
    let best = word;
    let bestDistance = Infinity;
    let bestCount = -1;
    for (const candidate of byInitial.get(word[0]!) ?? []) {
      // The variants are `maxDistance` letters shorter at most, a candidate's one letter shorter.
      if (candidate.length < word.length - maxDistance || candidate.length > word.length + 1) continue;
      if (!variants.has(candidate) && !deletes(candidate).some((d) => variants.has(d))) continue;
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

/** Every string made by deleting one character of `word`. */
function deletes(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

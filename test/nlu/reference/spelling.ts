/**
 * Light spelling tolerance: maps an unknown word of five letters or more to the nearest word of
 * a lexicon (the words the router was trained on) within Damerau-Levenshtein distance 1, or 2
 * for words of eight letters or more ("freind" → "friend", "photgraphs" → "photographs").
 * Cautious, because the lexicon is small and an unknown word is often a real word it lacks:
 * the first letter never changes ("making" ↛ "taking"), and words under eight letters are only
 * corrected for a missing, extra or swapped letter, not a replaced one ("older" ↛ "order").
 * Candidates come from a deletion index (SymSpell-style) so a lookup costs a few map probes,
 * not a scan of the lexicon; each candidate is then checked with natural's distance.
 */
import { editDistance } from '../../../src/nlu/natural';

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
  const index = new Map<string, string[]>();
  const add = (variant: string, word: string): void => {
    const list = index.get(variant);
    if (!list) index.set(variant, [word]);
    else if (!list.includes(word)) list.push(word);
  };
  for (const word of lexicon.keys()) {
    if (word.length < MIN_CORRECTABLE_LENGTH - 1) continue;
    add(word, word);
    for (const d of deletes(word)) add(d, word);
  }
  const cache = new Map<string, string>();

  const lookup = (word: string): string => {
    const maxDistance = word.length >= LONG_WORD ? 2 : 1;
    const variants = new Set<string>([word, ...deletes(word)]);
    if (maxDistance === 2) for (const d of [...variants]) for (const dd of deletes(d)) variants.add(dd);
    let best = word;
    let bestDistance = Infinity;
    let bestCount = -1;
    for (const v of variants) {
      for (const candidate of index.get(v) ?? []) {
        if (candidate[0] !== word[0]) continue;
        const distance = editDistance(word, candidate);
        if (distance > maxDistance || (maxDistance === 1 && isSubstitution(word, candidate))) continue;
        const count = lexicon.get(candidate) ?? 0;
        const better =
          distance < bestDistance ||
          (distance === bestDistance && (count > bestCount || (count === bestCount && candidate < best)));
        if (better) [best, bestDistance, bestCount] = [candidate, distance, count];
      }
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

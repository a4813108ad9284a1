/**
 * Word pairs as features (issue 12, round 4): each two neighbouring stems of a message ("his
 * phone", "took photo", "year 9") become one more feature, `~his_phone`, so the router sees a
 * little word order: which word goes with which when two flows share a word. Pairs that occur in
 * fewer than MIN_COUNT training texts are dropped (a pair seen once says nothing general and only
 * slows training); the router weights the rest at `bigrams` times a word's weight
 * (content/nlu/router.yaml). Measured leave-one-author-out (docs/routing-notes.md).
 */

/** The prefix of pair features; no stem, concept or who-what pairing can start with it. */
export const BIGRAM_PREFIX = '~';

/**
 * A pair must be in at least this many training texts to be kept. 4 since round 5: every example
 * phrase is in three training texts (itself, and each half of a joined pair, router.yaml
 * `joined`), so at 2 every pair of every phrase was kept and most pairs were one phrase's. At 4
 * the weights fell from 385,502 to 209,482 (features 14,826 → 8,056) and first-start training
 * by about 40 %, for leave-one-author-out 88.9 → 88.8 % top-1 (two messages of 1,541), dev 93.0
 * → 93.3 %, every worry still reaching the concern route (docs/routing-notes.md).
 */
export const MIN_COUNT = 4;

/** Whether a feature is a word pair. */
export const isBigram = (feature: string): boolean => feature.startsWith(BIGRAM_PREFIX);

/** The pairs of neighbouring stems (bare numbers left out, as the stems are). */
export function bigramsOf(stems: readonly string[]): string[] {
  const words = stems.filter((w) => !/^[0-9]+$/.test(w));
  const out: string[] = [];
  for (let i = 1; i < words.length; i++) out.push(`${BIGRAM_PREFIX}${words[i - 1]}_${words[i]}`);
  return out;
}

/** The training texts' features without the pairs that fewer than MIN_COUNT texts have. */
export function frequentPairsOnly(documents: readonly (readonly string[])[]): string[][] {
  const count = new Map<string, number>();
  for (const terms of documents) for (const t of new Set(terms)) if (isBigram(t)) count.set(t, (count.get(t) ?? 0) + 1);
  return documents.map((terms) => terms.filter((t) => !isBigram(t) || (count.get(t) ?? 0) >= MIN_COUNT));
}

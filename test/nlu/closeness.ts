/**
 * How close two messages are, for the tests that keep labelled sets, training phrases and holdouts
 * apart: light edits (edit distance within a share of the longer text) and word-overlap twins
 * (Jaccard similarity of the word sets). Each check has an index built once over the phrases, so a
 * suite compares every message with every phrase without re-normalising the phrases per message
 * and without aligning pairs that cannot be close (the alignment itself by bit vectors, osa-bits.ts);
 * closeness.test.ts proves each index finds exactly what the pair-by-pair comparison finds.
 */
import { bitPattern, osaWithin, type BitPattern } from './osa-bits';

/** Lower case, letters, digits and single spaces only: the form the closeness check compares. */
export function normalise(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9 ]/g, '').replace(/\s+/g, ' ').trim();
}

/** A normalised text, its character codes, their letter/digit/other classes and its letter/digit counts. */
export interface Histogrammed {
  text: string;
  codes: Int32Array;
  /** One of 37 symbols a character (a-z, 0-9, anything else): one-to-one on normalised text. */
  classes: Int8Array;
  counts: Int16Array;
}

/** A normalised text with its character codes and letter/digit counts, for the closeness check. */
export function withHistogram(text: string): Histogrammed {
  const codes = Int32Array.from(text, (ch) => ch.charCodeAt(0));
  const counts = new Int16Array(37);
  const cls = classes(codes);
  for (const c of cls) counts[c]! += 1;
  return { text, codes, classes: cls, counts };
}

/** Half the total difference of two letter/digit counts: never more than their edit distance. */
export function histogramGap(a: Int16Array, b: Int16Array): number {
  let gap = 0;
  for (let i = 0; i < a.length; i++) gap += a[i]! > b[i]! ? a[i]! - b[i]! : b[i]! - a[i]!;
  return gap / 2;
}

/**
 * The pair test of the closeness check on normalised texts: within `share` of the longer text,
 * after both filters. `pattern` is a's bit pattern when the caller already has it (one per message).
 */
export function isClose(a: Histogrammed, b: Histogrammed, share: number, pattern: BitPattern = bitPattern(a.classes)): boolean {
  const n = a.text.length;
  const m = b.text.length;
  const limit = (n > m ? n : m) * share;
  // Half the letter-count difference never exceeds the edit distance: a cheap, sound filter.
  if ((n > m ? n - m : m - n) > limit || histogramGap(a.counts, b.counts) > limit) return false;
  // Classes are one-to-one on normalised text, so their distance is the texts' distance.
  return osaWithin(pattern, b.classes, Math.floor(limit));
}

/** Phrases already prepared in this test file: suites index the same files many times over. */
const preparedOnce = new Map<string, Histogrammed>();

/** withHistogram(normalise(text)), computed once per distinct text (the result is never changed). */
function prepared(text: string): Histogrammed {
  let known = preparedOnce.get(text);
  if (!known) {
    known = withHistogram(normalise(text));
    preparedOnce.set(text, known);
  }
  return known;
}

/** The phrases, normalised once, that a message may be a copy or light edit of. */
export interface CloseIndex {
  /** The normalised phrases `message` is a copy or light edit of, in the order they were given. */
  matches(message: string): string[];
  /** The positions (0-based, in the order given) of the phrases `message` is close to. */
  matchIndices(message: string): number[];
}

/**
 * An index over `phrases` for the light-edit check. Phrases are sorted by length, and a message is
 * only compared with those whose length passes the same length filter isClose applies first (a
 * window found by binary search, one wider on each side; isClose still decides every pair).
 */
export function closeIndex(phrases: string[], share = 0.25): CloseIndex {
  const targets = phrases.map(prepared);
  const order = targets.map((_, i) => i).sort((x, y) => targets[x]!.text.length - targets[y]!.text.length);
  const lengths = order.map((i) => targets[i]!.text.length);
  /** The first position in `lengths` whose length is at least `n`. */
  const firstAtLeast = (n: number): number => {
    let lo = 0;
    let hi = lengths.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (lengths[mid]! < n) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const matchIndices = (message: string): number[] => {
    const a = prepared(message);
    const pattern = bitPattern(a.classes);
    const n = a.text.length;
    // |n - m| ≤ max(n, m)·share needs m ≥ n(1 - share) and, when share < 1, m ≤ n / (1 - share).
    const from = share >= 1 ? 0 : firstAtLeast(Math.floor(n * (1 - share)) - 1);
    const to = share >= 1 ? lengths.length : firstAtLeast(Math.ceil(n / (1 - share)) + 2);
    const hits: number[] = [];
    for (let k = from; k < to; k++) if (isClose(a, targets[order[k]!]!, share, pattern)) hits.push(order[k]!);
    return hits.sort((x, y) => x - y);
  };
  return { matchIndices, matches: (message) => matchIndices(message).map((i) => targets[i]!.text) };
}

/**
 * Each message that is a copy or light edit of one of the phrases (edit distance at most `share`
 * of the longer text, after normalising), as "message  ≈  phrase" lines.
 */
export function closeMatches(messages: string[], phrases: string[], share = 0.25): string[] {
  const index = closeIndex(phrases, share);
  return messages.flatMap((message) => index.matches(message).map((text) => `${message}  ≈  ${text}`));
}

/** The letter/digit/other class of each character code (the histogram's 37 buckets), by plain loop. */
function classes(codes: Int32Array): Int8Array {
  const out = new Int8Array(codes.length);
  for (let k = 0; k < codes.length; k++) {
    const code = codes[k]!;
    out[k] = code >= 97 && code <= 122 ? code - 97 : code >= 48 && code <= 57 ? code - 22 : 36;
  }
  return out;
}

/**
 * True when the optimal-string-alignment distance (insertions, deletions, substitutions, swaps) of
 * two normalised texts' character codes is at most `limit`: the same bit-vector alignment the index
 * uses (osa-bits.ts), which closeness.test.ts checks against the full table.
 */
export function withinDistance(a: Int32Array, b: Int32Array, limit: number): boolean {
  return osaWithin(bitPattern(classes(a)), classes(b), limit);
}

/** The word set the word-overlap check compares: lower case, punctuation as spaces. */
export function wordSet(text: string): Set<string> {
  return new Set(text.toLowerCase().replace(/[^a-z0-9 ]/g, ' ').replace(/\s+/g, ' ').trim().split(' '));
}

/** Shared words over all distinct words of the two sets. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const w of a) if (b.has(w)) shared += 1;
  return shared / (a.size + b.size - shared);
}

/** Word sets indexed by word, for the word-overlap (near-twin) check. */
export interface OverlapIndex {
  /** The highest Jaccard similarity of `words` to any indexed set (0 when none shares a word). */
  best(words: ReadonlySet<string>): number;
}

/**
 * An inverted index over `sets`: a query counts, for every set sharing at least one word with it,
 * exactly how many words they share, and so gets the same Jaccard value jaccard() gives; a set
 * sharing no word has similarity 0 and is never visited.
 */
export function overlapIndex(sets: ReadonlySet<string>[]): OverlapIndex {
  const postings = new Map<string, number[]>();
  sets.forEach((s, i) => {
    for (const w of s) {
      const list = postings.get(w);
      if (list) list.push(i);
      else postings.set(w, [i]);
    }
  });
  const sizes = sets.map((s) => s.size);
  const shared = new Int32Array(sets.length);
  const touched: number[] = [];
  return {
    best(words) {
      for (const w of words) for (const i of postings.get(w) ?? []) if (shared[i]!++ === 0) touched.push(i);
      let best = 0;
      for (const i of touched) {
        const s = shared[i]!;
        const j = s / (words.size + sizes[i]! - s);
        if (j > best) best = j;
        shared[i] = 0;
      }
      touched.length = 0;
      return best;
    },
  };
}

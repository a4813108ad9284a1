/**
 * The optimal-string-alignment distance (insertions, deletions, substitutions, adjacent swaps) by
 * bit vectors: Myers' column-wise algorithm with Hyyrö's transposition term (Hyyrö 2003, "A
 * bit-vector algorithm for computing Levenshtein and Damerau edit distances"), over as many 32-bit
 * words as the pattern needs. One text column costs a few word operations per 32 pattern
 * characters instead of one table cell per character, and gives the exact distance, so the
 * closeness check decides exactly as the table does (closeness.test.ts compares both with the
 * textbook table). Texts are class codes 0..36 (closeness.ts: letters, digits, anything else).
 * Written without Math.* or string indexing, which are slow inside jest's VM contexts.
 */

/** The symbols a class code can take: 26 letters, 10 digits and one for anything else. */
const SYMBOLS = 37;

/** A pattern prepared once (its match masks), to be compared with many texts. */
export interface BitPattern {
  /** Pattern length in characters. */
  length: number;
  /** 32-bit words per bit vector. */
  words: number;
  /** Match masks: word w of symbol s is at s * words + w; bit i set when pattern[i] is s. */
  masks: Int32Array;
  /** Scratch vectors (VP, VN, previous D0, previous transposition term), reused per text. */
  scratch: Int32Array;
}

/** The match masks of `classes` (class codes 0..36), for osaWithin. */
export function bitPattern(classes: Int8Array): BitPattern {
  const length = classes.length;
  const words = (length + 31) >> 5 || 1;
  const masks = new Int32Array(SYMBOLS * words);
  for (let i = 0; i < length; i++) masks[classes[i]! * words + (i >> 5)]! |= 1 << (i & 31);
  return { length, words, masks, scratch: new Int32Array(words * 3) };
}

/**
 * True when the optimal-string-alignment distance of the pattern and `text` (class codes) is at
 * most `limit`. Keeps D[m][j], the last pattern row, and gives up once it cannot come back within
 * the limit: D[m][n] ≥ D[m][j] − (n − j).
 */
export function osaWithin(p: BitPattern, text: Int8Array, limit: number): boolean {
  const m = p.length;
  const n = text.length;
  if (m === 0) return n <= limit;
  const W = p.words;
  const masks = p.masks;
  const s = p.scratch;
  // s[w] = VP, s[W + w] = VN, s[2W + w] = the previous column's D0 (0 before the first column).
  for (let w = 0; w < W; w++) {
    s[w] = -1;
    s[W + w] = 0;
    s[2 * W + w] = 0;
  }
  const top = (m - 1) & 31;
  const lastWord = (m - 1) >> 5;
  let score = m;
  let prevBase = -1; // mask offset of the previous text character, -1 before the first
  for (let j = 0; j < n; j++) {
    const base = text[j]! * W;
    let addCarry = 0; // carry of (PM & VP) + VP across words
    let trCarry = 0; // top bit of the previous word of (~D0' & PM), shifted in
    let hpCarry = 1; // global distance: row 0 rises by one each column
    let hnCarry = 0;
    for (let w = 0; w < W; w++) {
      const pm = masks[base + w]!;
      const vp = s[w]!;
      const vn = s[W + w]!;
      const d0Prev = s[2 * W + w]!;
      // Transposition term: (((~D0' & PM) << 1) & PM'), PM' the previous character's mask.
      const tr = ~d0Prev & pm;
      const trShift = (tr << 1) | trCarry;
      trCarry = tr >>> 31;
      const pmPrev = prevBase < 0 ? 0 : masks[prevBase + w]!;
      const sum = ((pm & vp) >>> 0) + (vp >>> 0) + addCarry;
      addCarry = sum > 0xffffffff ? 1 : 0;
      const d0 = (trShift & pmPrev) | ((sum | 0) ^ vp) | pm | vn;
      const hp = vn | ~(d0 | vp);
      const hn = vp & d0;
      if (w === lastWord) {
        if ((hp >>> top) & 1) score += 1;
        else if ((hn >>> top) & 1) score -= 1;
      }
      const x = (hp << 1) | hpCarry;
      hpCarry = hp >>> 31;
      const hnShift = (hn << 1) | hnCarry;
      hnCarry = hn >>> 31;
      s[W + w] = x & d0;
      s[w] = hnShift | ~(x | d0);
      s[2 * W + w] = d0;
    }
    prevBase = base;
    if (score - (n - 1 - j) > limit) return false;
    // Every CHECK_EVERY columns: give up when no cell of this column can still finish within the
    // limit. An alignment that skips the column by a swap from (i-2, j-1) to (i, j+1) passes its
    // cell (i-1, j) in value: D[i-1][j] ≤ D[i-2][j-1] + 1, with the same length difference to go.
    if ((j + 1) % CHECK_EVERY === 0 && j + 1 < n && columnBound(p, j + 1, n, limit) > limit) return false;
  }
  return score <= limit;
}

/** Columns between two checks of the lower bound on the finished alignment. */
const CHECK_EVERY = 8;

/** Set bits of a 32-bit word. */
function bits(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * A lower bound on the distance of any alignment through column `j` (p.scratch holding its
 * vertical deltas): the least D[i][j] + |(m − i) − (n − j)| (the rest costs at least its length
 * difference), over the rows where that difference is within `limit`; limit + 1 as soon as no row
 * qualifies, and the first value within the limit as soon as one is found (enough to decide).
 */
function columnBound(p: BitPattern, j: number, n: number, limit: number): number {
  const m = p.length;
  const W = p.words;
  const s = p.scratch;
  const c = m - n + j; // the row from which the rest has no length difference
  const lo = c - limit > 0 ? c - limit : 0;
  const hi = c + limit < m ? c + limit : m;
  if (lo > hi) return limit + 1;
  // D[i][j] = j + the vertical deltas of rows 1..i (bit r of the vectors is row r + 1).
  let value = j;
  const full = lo >> 5;
  for (let w = 0; w < full; w++) value += bits(s[w]!) - bits(s[W + w]!);
  if (lo & 31) {
    const keep = (1 << (lo & 31)) - 1;
    value += bits(s[full]! & keep) - bits(s[W + full]! & keep);
  }
  let best = limit + 1;
  for (let i = lo; ; i++) {
    const total = value + (c > i ? c - i : i - c);
    if (total < best) best = total;
    if (best <= limit || i >= hi) return best;
    const w = i >> 5;
    const bit = i & 31;
    value += ((s[w]! >>> bit) & 1) - ((s[W + w]! >>> bit) & 1);
  }
}

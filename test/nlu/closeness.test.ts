/**
 * The indexed closeness checks (closeness.ts) find exactly what the pair-by-pair comparison finds:
 * the light-edit index (length window, letter counts, banded and cut-short alignment) against the
 * textbook alignment table on every pair, the word-overlap index against
 * jaccard() on every pair, on real messages and planted near-copies; and a planted near-copy is
 * still caught. Counts and case numbers only, so no holdout text reaches a log.
 */
import path from 'node:path';
import { DANGER_TUNE_12_FILE, DANGER_TUNE_7_FILE, readDangerSet } from '../../src/nlu/danger-set';
import { DEV_SET_FILE, readDevSet } from '../../src/nlu/dev-set';
import { closeIndex, closeMatches, jaccard, normalise, overlapIndex, withHistogram, wordSet } from './closeness';
import { ROOT, shippedNlu } from './fixtures';
import { bitPattern, osaWithin } from './osa-bits';
import { readRealWorld } from './real-world-cases';

/** A small seeded generator (mulberry32), so a failure is reproducible. */
function random(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` random edits (drop, insert, change, swap of neighbours) of `text`, letters from `alphabet`. */
function randomEdits(text: string, count: number, alphabet: string, next: () => number): string {
  const chars = [...text];
  const letter = () => alphabet[Math.floor(next() * alphabet.length)]!;
  for (let k = 0; k < count; k++) {
    const at = Math.floor(next() * (chars.length + 1));
    const kind = next();
    if (kind < 0.25) chars.splice(at, 1);
    else if (kind < 0.5) chars.splice(at, 0, letter());
    else if (kind < 0.75 && at < chars.length) chars[at] = letter();
    else if (at + 1 < chars.length) [chars[at], chars[at + 1]] = [chars[at + 1]!, chars[at]!];
  }
  return chars.join('');
}

/** A light edit: a letter dropped, two letters swapped and one changed, spread over the text. */
function lightEdit(text: string, seed: number): string {
  const chars = [...text];
  const at = (k: number) => (seed * 7 + k * 13) % Math.max(chars.length - 2, 1);
  chars.splice(at(1), 1);
  const i = at(2);
  [chars[i], chars[i + 1]] = [chars[i + 1]!, chars[i]!];
  chars[at(3)] = 'x';
  return chars.join('');
}

/** The textbook optimal-string-alignment distance: the whole table, no band, no early exit. */
function osa(a: string, b: string): number {
  const width = b.length + 1;
  const d = new Int32Array((a.length + 1) * width);
  for (let j = 0; j <= b.length; j++) d[j] = j;
  for (let i = 1; i <= a.length; i++) {
    d[i * width] = i;
    for (let j = 1; j <= b.length; j++) {
      let v = d[(i - 1) * width + j - 1]! + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1);
      if (d[(i - 1) * width + j]! + 1 < v) v = d[(i - 1) * width + j]! + 1;
      if (d[i * width + j - 1]! + 1 < v) v = d[i * width + j - 1]! + 1;
      const swap = i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1);
      if (swap && d[(i - 2) * width + j - 2]! + 1 < v) v = d[(i - 2) * width + j - 2]! + 1;
      d[i * width + j] = v;
    }
  }
  return d[a.length * width + b.length]!;
}

/** What the check means, pair by pair: distance at most `share` of the longer normalised text. */
function bruteForce(messages: string[], phrases: string[], share: number): string[] {
  const targets = phrases.map(normalise);
  return messages.flatMap((m) => {
    const a = normalise(m);
    // A pair whose lengths differ by more than the limit is never within it (each edit changes the length by at most 1).
    const close = (b: string) => {
      const limit = Math.floor(Math.max(a.length, b.length) * share);
      return Math.abs(a.length - b.length) <= limit && osa(a, b) <= limit;
    };
    return targets.filter(close).map((b) => `${m}  ≈  ${b}`);
  });
}

describe('the light-edit index', () => {
  const { outOfScope } = shippedNlu();
  const dev = readDevSet(path.join(ROOT, DEV_SET_FILE), DEV_SET_FILE).map((c) => c.text);
  const phrases = [...outOfScope.slice(0, 80), ...dev.slice(0, 80)];
  // Real messages, and planted light edits, copies, prefixes and longer versions of phrases.
  const planted = phrases.filter((_, i) => i % 8 === 0).flatMap((p, i) => [lightEdit(p, i), p.toUpperCase(), p.slice(0, Math.ceil(p.length * 0.8)), `${p} ok`]);
  const messages = [...dev.slice(200, 240), ...planted];

  test.each([0.25, 0.1, 0])('finds exactly what the pair-by-pair check finds (share %s)', (share) => {
    const found = closeMatches(messages, phrases, share);
    expect(found).toEqual(bruteForce(messages, phrases, share));
    expect(found.length).toBeGreaterThanOrEqual(planted.length / 4); // the sample has real positives
  });

  test('the bit-vector alignment gives the textbook distance on random texts of 0 to 200 characters', () => {
    const next = random(12);
    const wrong: string[] = [];
    for (let t = 0; t < 3000; t++) {
      // Small alphabets make repeats and swaps common; 200 characters span seven 32-bit words.
      const alphabet = 'ab c1xyz'.slice(0, 2 + (t % 7));
      const a = Array.from({ length: Math.floor(next() * (t % 3 === 0 ? 200 : 70)) }, () => alphabet[Math.floor(next() * alphabet.length)]!).join('');
      const b = t % 5 === 0 ? randomEdits(a.slice(Math.floor(next() * 10)), 30, alphabet, next) : randomEdits(a, Math.floor(next() * 12), alphabet, next);
      const d = osa(a, b);
      const pattern = bitPattern(withHistogram(a).classes);
      for (const limit of [d - 1, d, d + 1, Math.floor(Math.max(a.length, b.length) / 4)]) {
        if (limit >= 0 && osaWithin(pattern, withHistogram(b).classes, limit) !== d <= limit) wrong.push(`${t}: limit ${limit}, distance ${d}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  test.each([0.25, 0.1, 0.4])('finds exactly what the pair-by-pair check finds on random near-copies (share %s)', (share) => {
    const next = random(Math.round(share * 100));
    const alphabet = 'abe 1';
    const phrases = Array.from({ length: 60 }, (_, i) => Array.from({ length: 5 + ((i * 37) % 150) }, () => alphabet[Math.floor(next() * alphabet.length)]!).join(''));
    const messages = phrases.flatMap((p, i) => [randomEdits(p, 1 + (i % 6), alphabet, next), randomEdits(p, Math.ceil(p.length * share) + 1, alphabet, next)]);
    const found = closeMatches(messages, phrases, share);
    expect(found).toEqual(bruteForce(messages, phrases, share));
    expect(found.length).toBeGreaterThanOrEqual(phrases.length / 2);
  });

  test('finds exactly what the pair-by-pair check finds on real tuning-part and holdout messages and their edits', () => {
    // Longer real messages (several 32-bit words), and planted edits of them near the 25 % limit.
    const next = random(7);
    const phrases = [...readRealWorld('tune-11.yaml').slice(0, 50), ...readRealWorld('tune-18.yaml').slice(0, 50)].map((c) => c.text);
    const edits = phrases.filter((_, i) => i % 4 === 0).flatMap((p) => [randomEdits(p, Math.floor(p.length * 0.2), 'etaoin s', next), randomEdits(p, Math.floor(p.length * 0.3), 'etaoin s', next)]);
    const messages = [...readRealWorld('tune-12.yaml').slice(0, 40).map((c) => c.text), ...edits];
    const found = closeMatches(messages, phrases, 0.25);
    expect(found).toEqual(bruteForce(messages, phrases, 0.25));
    expect(found.length).toBeGreaterThanOrEqual(edits.length / 4);
  });

  test('catches a planted light edit, and passes a rewording', () => {
    const index = closeIndex(['a parent has added me on facebook and keeps messaging me']);
    expect(index.matches('a parent has aded me on facebok and keeps mesaging me!')).toHaveLength(1);
    expect(index.matches('A PARENT HAS ADDED ME ON FACEBOOK AND KEEPS MESSAGING ME')).toHaveLength(1);
    expect(index.matches('got a friend request from a mum in my class')).toEqual([]);
  });
});

describe('the word-overlap index', () => {
  const mine = readDangerSet(path.join(ROOT, DANGER_TUNE_7_FILE), DANGER_TUNE_7_FILE).map((c) => wordSet(c.text));
  const theirs = readDangerSet(path.join(ROOT, DANGER_TUNE_12_FILE), DANGER_TUNE_12_FILE).map((c) => wordSet(c.text));
  // Planted twins: a message of another part with a word dropped, and one with two words added.
  const planted = theirs.slice(0, 40).flatMap((w) => [new Set([...w].slice(1)), new Set([...w, 'zzplanted', 'yyplanted'])]);

  test('gives every message the same best similarity as jaccard() over every pair', () => {
    const index = overlapIndex(theirs);
    const queries = [...mine, ...planted];
    const best = (w: Set<string>) => theirs.reduce((b, o) => Math.max(b, jaccard(w, o)), 0);
    expect(queries.map((w) => index.best(w))).toEqual(queries.map(best));
    expect(planted.filter((w) => index.best(w) >= 0.8).length).toBeGreaterThan(planted.length / 2);
  });

  test('gives the same best similarity as jaccard() over every pair on random word sets', () => {
    const next = random(5);
    // A small vocabulary, so sets share many words; sizes 1 to 30 words.
    const words = Array.from({ length: 40 }, (_, i) => `w${i}`);
    const draw = () => new Set(Array.from({ length: 1 + Math.floor(next() * 30) }, () => words[Math.floor(next() * words.length)]!));
    const sets = Array.from({ length: 300 }, draw);
    const queries = [...Array.from({ length: 300 }, draw), ...sets.slice(0, 50).map((w) => new Set([...w].slice(1))), new Set(['unseen'])];
    const index = overlapIndex(sets);
    const best = (w: Set<string>) => sets.reduce((b, o) => Math.max(b, jaccard(w, o)), 0);
    expect(queries.map((w) => index.best(w))).toEqual(queries.map(best));
  });

  test('catches a planted near-copy at 80 % and a half-shared twin at 50 %', () => {
    const index = overlapIndex([wordSet('a man in a grey van is filming the kids at the school gate right now')]);
    expect(index.best(wordSet('A man in a grey van is filming kids at the school gate right now!'))).toBeGreaterThanOrEqual(0.8);
    expect(index.best(wordSet('man in a van filming at the gate'))).toBeGreaterThanOrEqual(0.5);
    expect(index.best(wordSet('the photocopier is jammed again'))).toBeLessThan(0.5);
    expect(index.best(wordSet('photocopier jammed'))).toBe(0);
  });
});

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
import { closeIndex, closeMatches, jaccard, normalise, overlapIndex, wordSet } from './closeness';
import { ROOT, shippedNlu } from './fixtures';

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

  test('catches a planted near-copy at 80 % and a half-shared twin at 50 %', () => {
    const index = overlapIndex([wordSet('a man in a grey van is filming the kids at the school gate right now')]);
    expect(index.best(wordSet('A man in a grey van is filming kids at the school gate right now!'))).toBeGreaterThanOrEqual(0.8);
    expect(index.best(wordSet('man in a van filming at the gate'))).toBeGreaterThanOrEqual(0.5);
    expect(index.best(wordSet('the photocopier is jammed again'))).toBeLessThan(0.5);
    expect(index.best(wordSet('photocopier jammed'))).toBe(0);
  });
});

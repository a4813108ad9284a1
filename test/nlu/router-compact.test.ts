/**
 * Round 8's compact router (docs/startup-notes.md, "Eighth round: compact router index") checked
 * against small, obviously-correct computations written here, on the shipped content's real
 * trained model, so that they hold whatever the router is trained on:
 * - the index (typed-array postings, viewed in place from the model cache): for the vector the
 *   router builds for each dev-set message and 1 in 8 real-world tuning messages (≥ 500), similarities()
 *   equals plain cosines over the document vectors training saw (Maps); document(i), the IDF
 *   weights, the norms and vector() equal their textbook formulas; a nudge in a weight's 10th
 *   digit shows;
 * - the cache round trip on the full content (model-cache.test.ts checks the mechanism, solver
 *   included, on the fixture flows): read from the cache, the router ranks and routes as one
 *   built afresh (lexicon, stems, features, index; the regression's weights copied, see freshRouter);
 * - the speller: on 20,000 generated typos, the correction of a plain scan of the lexicon under
 *   the rule spelling.ts documents;
 * - the lexicon's stems in the cache: the Porter stems of its words.
 * (The one-off migration proof against the old modules is recorded in docs/startup-notes.md.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadContent } from '../../src/authoring/load';
import type { FlowDef } from '../../src/core/model';
import { isBigram } from '../../src/nlu/bigrams';
import { DEV_SET_FILE, readDevSet } from '../../src/nlu/dev-set';
import * as linear from '../../src/nlu/linear';
import { createNlu } from '../../src/nlu/load';
import { createFileModelCache } from '../../src/nlu/model-cache';
import { editDistance, porterStem } from '../../src/nlu/natural';
import { DEFAULT_MODEL, type NluRouter, type TrainedModel } from '../../src/nlu/router';
import { createSpellingCorrector } from '../../src/nlu/spelling';
import * as tfidf from '../../src/nlu/tfidf';
import type { SparseVector } from '../../src/nlu/tfidf';
import { isPairingFeature } from '../../src/nlu/who-what';
import { ROOT, shippedNlu } from './fixtures';

jest.setTimeout(120_000);

const flows: FlowDef[] = [...loadContent(ROOT).flows.values()];
const content = shippedNlu();
const settings = { ...DEFAULT_MODEL, ...content.router.model };
const REAL_WORLD = path.join(ROOT, 'test/nlu/real-world');
const tuning = fs
  .readdirSync(REAL_WORLD)
  .filter((f) => /^tune(-\d+)?\.yaml$/.test(f))
  .sort()
  .flatMap((f) => (parse(fs.readFileSync(path.join(REAL_WORLD, f), 'utf8')) as { cases: { text: string }[] }).cases.map((c) => c.text))
  .filter((_, i) => i % 8 === 0);
const dev = readDevSet(path.join(ROOT, DEV_SET_FILE)).map((c) => c.text);
const messages = [...dev, ...tuning];


/**
 * The router trained afresh from the same content, the model it trained and the documents' vectors
 * its regression is trained on. The regression's solver (linear.ts, ~40 s here under load, not
 * touched by the compaction) is not rerun: its weights are those of `cached`, copied into a fresh
 * array; everything else (lexicon, stems, features, index) is computed afresh.
 */
function freshRouter(cached: TrainedModel): { router: NluRouter; model: TrainedModel; documents: SparseVector[] } {
  const { features, classes, weights } = cached.linear!;
  const train = jest.spyOn(linear, 'trainLinear').mockImplementation(() => linear.restoreLinear({ features: [...features], classes, weights: Float64Array.from(weights) }));
  let model: TrainedModel | undefined;
  const router = createNlu(flows, content, { cache: { read: () => undefined, write: (_, m) => void (model = m) } }).router;
  expect(train).toHaveBeenCalledTimes(1);
  const documents = train.mock.calls[0]![0] as SparseVector[];
  train.mockRestore();
  return { router, model: model!, documents };
}

/** Every (vector, similarities) the index of a router built meanwhile is asked for, while `recording`. */
const asked: [SparseVector, Float64Array][] = [];
let recording = false;

/** The router read from the tests' model cache (trained into it first when cold), its index's answers recorded; `read` may alter the model read. */
function cachedRouter(read: (m: TrainedModel) => TrainedModel = (m) => m): { router: NluRouter; model: TrainedModel } {
  const files = createFileModelCache();
  let model: TrainedModel | undefined;
  const cache = { read: (key: string) => ((model = files.read(key)), model && read(model)), write: files.write };
  createNlu(flows, content, { cache }); // warms a cold cache; a warm one is only read
  const restore = tfidf.restoreTfIdfIndex;
  const spy = jest.spyOn(tfidf, 'restoreTfIdfIndex').mockImplementation((state) => {
    const index = restore(state);
    return {
      ...index,
      similarities: (v) => {
        const sims = index.similarities(v);
        if (recording) asked.push([v, sims]);
        return sims;
      },
    };
  });
  const router = createNlu(flows, content, { cache }).router;
  spy.mockRestore();
  expect(model).toBeDefined(); // really read from the cache
  return { router, model: model! };
}

const norm = (v: SparseVector) => Math.sqrt([...v.values()].reduce((s, w) => s + w * w, 0));

/** Each document's dot product with a dense vector: document i's entries are start[i] … start[i+1]-1 of term and weight. */
function dots(dense: Float64Array, start: Int32Array, term: Int32Array, weight: Float64Array): Float64Array {
  const out = new Float64Array(start.length - 1);
  for (let i = 0; i < out.length; i++) {
    let sum = 0;
    for (let k = start[i]!; k < start[i + 1]!; k++) sum += dense[term[k]!]! * weight[k]!;
    out[i] = sum;
  }
  return out;
}

/** The largest gap between the index's similarities and plain cosines (dot product over both norms), over the vectors asked while ranking `texts`. */
function largestGap(router: NluRouter, texts: readonly string[], documents: readonly SparseVector[]): { gap: number; asks: number; close: number } {
  asked.length = 0;
  recording = true;
  for (const text of texts) router.rank(text);
  recording = false;
  // The documents' entries in plain arrays, document after document (term numbers, weights); each
  // message vector dense over the term numbers; then each cosine is one loop over a document's entries.
  const number = new Map<string, number>();
  const start = new Int32Array(documents.length + 1);
  const entries = documents.reduce((n, d) => n + d.size, 0);
  const term = new Int32Array(entries);
  const weight = new Float64Array(entries);
  documents.forEach((d, i) => {
    let k = start[i]!;
    for (const [t, w] of d) (term[k] = number.get(t) ?? number.set(t, number.size).get(t)!), (weight[k++] = w);
    start[i + 1] = k;
  });
  const norms = Float64Array.from(documents, norm);
  let gap = 0;
  let close = 0;
  expect(asked.every(([, sims]) => sims.length === documents.length)).toBe(true);
  for (const [v, sims] of asked) {
    const dense = new Float64Array(number.size);
    for (const [t, w] of v) if (number.has(t)) dense[number.get(t)!] = w;
    const dot = dots(dense, start, term, weight);
    const n = norm(v);
    for (let i = 0; i < dot.length; i++) {
      const want = n * norms[i]! === 0 ? 0 : dot[i]! / (n * norms[i]!);
      if (want > 0.5) close++;
      if (Math.abs(sims[i]! - want) > gap) gap = Math.abs(sims[i]! - want);
    }
  }
  return { gap, asks: asked.length, close };
}

let fresh: ReturnType<typeof freshRouter>;
let cached: ReturnType<typeof cachedRouter>;

beforeAll(() => {
  cached = cachedRouter();
  fresh = freshRouter(cached.model);
});

test('the sample is the dev set and at least 500 tuning messages; the served index is postings viewed from the cache', () => {
  expect(tuning.length).toBeGreaterThanOrEqual(500);
  expect(dev.length).toBeGreaterThanOrEqual(400);
  expect(cached.model.index.postDoc).toBeInstanceOf(Uint16Array);
  expect(fresh.documents).toHaveLength(cached.model.index.documents);
});

test('similarities: the plain cosine of the message vector and every document vector (within 1e-12)', () => {
  const { gap, asks, close } = largestGap(cached.router, messages, fresh.documents);
  expect(asks).toBeGreaterThanOrEqual(messages.length * 0.9); // nearly every message has a known word
  expect(close).toBeGreaterThan(1_000); // not all zeros
  expect(gap).toBeLessThanOrEqual(1e-12);
});

test('the comparison is sensitive: index weights changed in their 10th digit show', () => {
  const nudged = cachedRouter((m) => ({ ...m, index: { ...m.index, postWeight: m.index.postWeight.map((w) => w * (1 + 1e-9)) } }));
  expect(largestGap(nudged.router, dev.slice(0, 100), fresh.documents).gap).toBeGreaterThan(1e-12);
});

test('document vectors, norms, IDF and vector(): the postings hold the training vectors; the formulas of tfidf.ts', () => {
  const index = tfidf.restoreTfIdfIndex(cached.model.index);
  const { terms, idf } = cached.model.index;
  const n = fresh.documents.length;
  const df = new Map<string, number>();
  const wrong: string[] = [];
  fresh.documents.forEach((d, i) => {
    const got = index.document(i);
    if (got.size !== d.size || [...d].some(([t, w]) => got.get(t) !== w)) wrong.push(`document ${i}`);
    if (d.size > 0 && Math.abs(norm(d) - 1) > 1e-12) wrong.push(`norm of document ${i}`);
    for (const t of d.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  });
  expect(new Set(terms)).toEqual(new Set(df.keys()));
  const factor = (t: string) => (isBigram(t) ? settings.bigrams : content.whoWhat && isPairingFeature(t) ? content.whoWhat.weight : 1);
  terms.forEach((t, i) => {
    const want = Math.pow(Math.log((n + 1) / (df.get(t)! + 1)) + 1, settings.idfPower) * factor(t);
    if (Math.abs(idf[i]! - want) > 1e-12 * want) wrong.push(`idf of ${t}`);
  });
  // vector(): sublinear term frequency × IDF, L2-normalised; unknown terms dropped.
  const idfOf = new Map(terms.map((t, i) => [t, idf[i]!]));
  for (let i = 0; i < n; i += 25) {
    const bag = [...fresh.documents[i]!.keys()];
    if (bag.length === 0) continue;
    const counts = new Map(bag.map((t, k) => [t, k === 0 ? 3 : 1]));
    const raw = new Map([...counts].map(([t, c]) => [t, (1 + Math.log(c)) * idfOf.get(t)!]));
    const got = index.vector([...bag, bag[0]!, 'no-such-term', bag[0]!]);
    if (got.size !== raw.size || [...raw].some(([t, w]) => Math.abs(got.get(t)! - w / norm(raw)) > 1e-12)) wrong.push(`vector of document ${i}'s terms`);
  }
  expect(wrong).toEqual([]);
});

test('cache round trip: read from the cache, the router ranks and routes as one trained afresh (probabilities within 1e-12)', () => {
  expect(cached.model.lexicon).toEqual(fresh.model.lexicon);
  const differences: string[] = [];
  let largest = 0;
  const order = (r: ReturnType<NluRouter['rank']>) => r.flows.map((f) => f.flow).join(',');
  for (const text of messages) {
    const [was, now] = [fresh.router.rank(text), cached.router.rank(text)];
    if (order(now) !== order(was)) differences.push(`order: ${text}`);
    was.flows.forEach((f, i) => (largest = Math.max(largest, Math.abs(now.flows[i]!.confidence - f.confidence))));
    largest = Math.max(largest, Math.abs(now.outOfScope - was.outOfScope));
    if (JSON.stringify(cached.router.route(text)) !== JSON.stringify(fresh.router.route(text))) differences.push(`route: ${text}`);
  }
  expect(differences).toEqual([]);
  expect(largest).toBeLessThanOrEqual(1e-12);
});

test('the cached stems are the Porter stems of the lexicon\'s words, as computed afresh', () => {
  const want = new Set(cached.model.lexicon.map(([w]) => porterStem(w)));
  expect(new Set(cached.model.stems)).toEqual(want);
  expect(new Set(fresh.model.stems)).toEqual(want);
});

/** `word` with up to `k` letters deleted, itself included. */
function deletions(word: string, k: number): Set<string> {
  let level = new Set([word]);
  const all = new Set(level);
  for (let j = 0; j < k; j++) {
    const next = new Set<string>();
    for (const w of level) for (let i = 0; i < w.length; i++) next.add(w.slice(0, i) + w.slice(i + 1));
    next.forEach((w) => all.add(w));
    level = next;
  }
  return all;
}

/**
 * The rule of spelling.ts, plainly: words of five letters or more, unknown and without digits, go
 * to the lexicon word of the same first letter that shares a deletion variant with them (the word
 * less up to 1 letter, 2 from eight letters, equals the candidate or it less one letter), within
 * that distance, not by a replaced letter under eight letters; the nearest, then the most
 * frequent, then the first alphabetically.
 */
function naiveCorrector(lexicon: ReadonlyMap<string, number>): (word: string) => string {
  const variants = new Map([...lexicon.keys()].map((w) => [w, [...deletions(w, 1)]]));
  const byInitial = new Map<string, [string, number][]>();
  for (const [w, count] of lexicon) byInitial.set(w[0]!, [...(byInitial.get(w[0]!) ?? []), [w, count]]);
  const letters = (w: string) => [...w].sort().join('');
  return (word) => {
    if (word.length < 5 || lexicon.has(word) || /\d/.test(word)) return word;
    const max = word.length >= 8 ? 2 : 1;
    const ours = deletions(word, max);
    let [best, bestDistance, bestCount] = [word, Infinity, -1];
    for (const [candidate, count] of byInitial.get(word[0]!) ?? []) {
      // (a length outside this window cannot share a variant: a shortcut, not part of the rule)
      if (candidate.length < word.length - max || candidate.length > word.length + 1) continue;
      if (!variants.get(candidate)!.some((v) => ours.has(v))) continue;
      const distance = editDistance(word, candidate);
      if (distance > max || (max === 1 && candidate.length === word.length && letters(candidate) !== letters(word))) continue;
      if (distance < bestDistance || (distance === bestDistance && (count > bestCount || (count === bestCount && candidate < best)))) {
        [best, bestDistance, bestCount] = [candidate, distance, count];
      }
    }
    return best;
  };
}

test('spelling: the corrector\'s choice is the plain scan\'s for 20,000 misspelt words', () => {
  const lexicon = new Map(cached.model.lexicon);
  const naive = naiveCorrector(lexicon);
  const speller = createSpellingCorrector(lexicon);
  const words = [...lexicon.keys()].filter((w) => w.length >= 4);
  let seed = 12345;
  const random = (n: number) => ((seed = (seed * 48271) % 2147483647), seed % n);
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const edit = (w: string): string => {
    const i = random(w.length);
    switch (random(4)) {
      case 0: return w.slice(0, i) + w.slice(i + 1);
      case 1: return w.slice(0, i) + letters[random(26)] + w.slice(i);
      case 2: return i + 1 < w.length ? w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2) : w + letters[random(26)];
      default: return w.slice(0, i) + letters[random(26)] + w.slice(i + 1);
    }
  };
  let corrected = 0;
  const differences: string[] = [];
  for (let n = 0; n < 20_000; n++) {
    const source = words[random(words.length)]!;
    const typo = random(3) === 0 ? edit(edit(source)) : edit(source);
    const want = naive(typo);
    if (want !== typo) corrected++;
    if (speller.correct(typo) !== want) differences.push(`${typo}: ${speller.correct(typo)} ≠ ${want}`);
  }
  expect(differences).toEqual([]);
  expect(corrected).toBeGreaterThan(5_000);
});

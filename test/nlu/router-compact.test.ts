/**
 * Round 8's compact router decides exactly as the representation it replaced: src/nlu/tfidf.ts
 * keeps the index as typed-array postings viewed in place from the model cache; spelling.ts
 * scans a first letter's words instead of a deletion index; the lexicon's stems are cached, not
 * computed at the first message; router.ts no longer keeps its training texts. The old way is
 * the code as it was (test/nlu/reference/: router, normaliser, index, neighbour scorer and
 * speller of commit 689de39), swapped in for src/nlu/router.ts with jest.doMock and trained from
 * the shipped content; the new router is read from the tests' model cache (trained by
 * test/global-setup.ts, or here when that is cold). For every dev-set and fresh-set message and
 * every 5th real-world tuning message (≥ 500), both must rank the flows in the same order with
 * the same probabilities (≤ 1e-12; in fact bit for bit) and route alike, and the trained weights
 * must be the same bit for bit.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadContent } from '../../src/authoring/load';
import type { FlowDef } from '../../src/core/model';
import { DEV_SET_FILE, FRESH_SET_FILE, readDevSet } from '../../src/nlu/dev-set';
import { createNlu } from '../../src/nlu/load';
import { createFileModelCache } from '../../src/nlu/model-cache';
import { porterStem } from '../../src/nlu/natural';
import type { NluRouter, TrainedModel } from '../../src/nlu/router';
import { createSpellingCorrector } from '../../src/nlu/spelling';
import { ROOT, shippedNlu } from './fixtures';
import type { TrainedModel as OldTrainedModel } from './reference/router';
import { createSpellingCorrector as indexedSpellingCorrector } from './reference/spelling';

jest.setTimeout(180_000);

const flows: FlowDef[] = [...loadContent(ROOT).flows.values()];
const content = shippedNlu();
const REAL_WORLD = path.join(ROOT, 'test/nlu/real-world');
const tuning = fs
  .readdirSync(REAL_WORLD)
  .filter((f) => /^tune(-\d+)?\.yaml$/.test(f))
  .sort()
  .flatMap((f) => (parse(fs.readFileSync(path.join(REAL_WORLD, f), 'utf8')) as { cases: { text: string }[] }).cases.map((c) => c.text))
  .filter((_, i) => i % 5 === 0);
const messages = [
  ...readDevSet(path.join(ROOT, DEV_SET_FILE)).map((c) => c.text),
  ...readDevSet(path.join(ROOT, FRESH_SET_FILE)).map((c) => c.text),
  ...tuning,
];

/** The router of createNlu with the old router module (test/nlu/reference/router.ts), trained afresh; and the model it trained. */
function oldRouter(): { router: NluRouter; model: OldTrainedModel } {
  let model: OldTrainedModel | undefined;
  let router: NluRouter | undefined;
  jest.isolateModules(() => {
    jest.doMock('../../src/nlu/router', () => jest.requireActual('./reference/router'));
    const load = require('../../src/nlu/load') as typeof import('../../src/nlu/load');
    const cache = { read: () => undefined, write: (_key: string, m: OldTrainedModel) => void (model = m) };
    router = load.createNlu(flows, content, { cache: cache as never }).router;
  });
  jest.dontMock('../../src/nlu/router'); // doMock outlives isolateModules
  return { router: router!, model: model! };
}

/** Today's router, from the tests' model cache (trained into it when missing); and the model it read or trained. */
function newRouter(read?: (model: TrainedModel) => TrainedModel): { router: NluRouter; model: TrainedModel; fromCache: boolean } {
  const files = createFileModelCache();
  let model: TrainedModel | undefined;
  let fromCache = false;
  const cache = {
    read: (key: string) => {
      const m = files.read(key);
      if (m) (model = m), (fromCache = true);
      return m && read ? read(m) : m;
    },
    write: (key: string, m: TrainedModel) => ((model = m), files.write(key, m)),
  };
  const router = createNlu(flows, content, { cache }).router;
  return { router, model: model!, fromCache };
}

let old: ReturnType<typeof oldRouter>;
let now: ReturnType<typeof newRouter>;

beforeAll(() => {
  old = oldRouter();
  now = newRouter();
});

test('the sample is the dev and fresh sets and at least 500 tuning messages; the old router really is the old code', () => {
  expect(tuning.length).toBeGreaterThanOrEqual(500);
  expect(messages.length).toBeGreaterThan(tuning.length + 400);
  expect(old.model.index).toHaveProperty('start'); // document-major arrays: the old TfIdfState
  expect(now.model.index.postDoc).toBeInstanceOf(Uint16Array); // postings, 2 bytes a document
});

test('training is unchanged: the same lexicon, the same weights bit for bit, the same index entries', () => {
  expect(now.model.lexicon).toEqual(old.model.lexicon);
  // The lexicon's stems, now cached, are what the old normaliser computed at its first word.
  expect(new Set(now.model.stems)).toEqual(new Set(old.model.lexicon.map(([w]) => porterStem(w))));
  expect(now.model.linear!.features).toEqual(old.model.linear!.features);
  const bytes = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  expect(bytes(now.model.linear!.weights).equals(bytes(old.model.linear!.weights))).toBe(true);
  const was = old.model.index;
  const index = now.model.index;
  expect(index.terms).toEqual(was.terms);
  expect(index.idf).toEqual(was.idf);
  expect(index.documents).toBe(was.start.length - 1);
  // Every (document, term, weight) of the old document-major arrays is in the postings, and no more.
  const before = new Map<number, number>();
  for (let d = 0; d + 1 < was.start.length; d++) for (let k = was.start[d]!; k < was.start[d + 1]!; k++) before.set(d * was.terms.length + was.term[k]!, was.weight[k]!);
  const wrong: string[] = [];
  for (let t = 0; t + 1 < index.postStart.length; t++) {
    for (let k = index.postStart[t]!; k < index.postStart[t + 1]!; k++) {
      if (before.get(index.postDoc[k]! * was.terms.length + t) !== index.postWeight[k]) wrong.push(`document ${index.postDoc[k]}, term ${index.terms[t]}`);
    }
  }
  expect(wrong).toEqual([]);
  expect(index.postDoc.length).toBe(before.size);
});

/** How `router` differs from `reference` on the messages: order or route differences, and the largest probability gap. */
function compare(router: NluRouter, reference: NluRouter): { differences: string[]; largest: number } {
  const differences: string[] = [];
  let largest = 0;
  const order = (r: ReturnType<NluRouter['rank']>) => r.flows.map((f) => f.flow).join(',');
  for (const text of messages) {
    const [was, now] = [reference.rank(text), router.rank(text)];
    if (order(now) !== order(was)) differences.push(`order: ${text}`);
    was.flows.forEach((f, i) => (largest = Math.max(largest, Math.abs(now.flows[i]!.confidence - f.confidence))));
    largest = Math.max(largest, Math.abs(now.outOfScope - was.outOfScope));
    if (JSON.stringify(router.route(text)) !== JSON.stringify(reference.route(text))) differences.push(`route: ${text}`);
  }
  return { differences, largest };
}

test('every message: the same flows in the same order, probabilities within 1e-12, the same route', () => {
  const { differences, largest } = compare(now.router, old.router);
  expect(differences).toEqual([]);
  expect(largest).toBeLessThanOrEqual(1e-12);
});

test('the comparison is sensitive: index weights changed in their 10th digit show', () => {
  const nudged = newRouter((m) => ({ ...m, index: { ...m.index, postWeight: m.index.postWeight.map((w) => w * (1 + 1e-9)) } }));
  expect(nudged.fromCache).toBe(true);
  expect(compare(nudged.router, old.router).largest).toBeGreaterThan(1e-12);
});

test('spelling: the scan finds exactly the deletion index\'s correction for 20,000 misspelt words', () => {
  const lexicon = new Map(now.model.lexicon);
  const indexed = indexedSpellingCorrector(lexicon);
  const scanned = createSpellingCorrector(lexicon);
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
    const want = indexed.correct(typo);
    if (want !== typo) corrected++;
    if (scanned.correct(typo) !== want) differences.push(`${typo}: ${scanned.correct(typo)} ≠ ${want}`);
  }
  expect(differences).toEqual([]);
  expect(corrected).toBeGreaterThan(5_000);
});

/**
 * Round 8's compact router (src/nlu/tfidf.ts: the index as typed-array postings viewed in place
 * from the model cache; src/nlu/spelling.ts: no deletion index) decides exactly as the
 * representation it replaced. The old way is the code as it was (test/nlu/reference/: the
 * Map-based index, its neighbour scorer and the deletion-index speller, copied unchanged from
 * commit 689de39), swapped in for the shipped modules with jest.doMock; the router, the regression
 * and the content are the same. Three routers from the shipped content: old (trained), new
 * (trained, writing the cache) and new read back from that cache. For every dev-set and
 * fresh-set message and every 5th real-world tuning message (≥ 500), each must rank the flows in
 * the same order with the same probabilities (≤ 1e-12; in fact bit for bit) and route alike.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { loadContent } from '../../src/authoring/load';
import type { FlowDef } from '../../src/core/model';
import { DEV_SET_FILE, FRESH_SET_FILE, readDevSet } from '../../src/nlu/dev-set';
import type { createNlu as CreateNlu } from '../../src/nlu/load';
import type { ModelCache, NluRouter, TrainedModel } from '../../src/nlu/router';
import { createSpellingCorrector } from '../../src/nlu/spelling';
import { ROOT, shippedNlu } from './fixtures';
import { createSpellingCorrector as indexedSpellingCorrector } from './reference/spelling-index';

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

/** A cache that reads nothing and keeps what is written. */
function capturing(): ModelCache & { model?: TrainedModel } {
  const cache: ModelCache & { model?: TrainedModel } = { read: () => undefined, write: (_key, model) => void (cache.model = model) };
  return cache;
}

/** createNlu from a fresh module registry, the old representation swapped in when `old`. */
function createNluWith(old: boolean): typeof CreateNlu {
  let create: typeof CreateNlu | undefined;
  jest.isolateModules(() => {
    if (old) {
      jest.doMock('../../src/nlu/tfidf', () => jest.requireActual('./reference/tfidf-maps'));
      jest.doMock('../../src/nlu/neighbours', () => jest.requireActual('./reference/neighbours-maps'));
      jest.doMock('../../src/nlu/spelling', () => jest.requireActual('./reference/spelling-index'));
    }
    create = (require('../../src/nlu/load') as typeof import('../../src/nlu/load')).createNlu;
  });
  // doMock outlives isolateModules: undo it, so later registries load the shipped modules.
  for (const m of ['../../src/nlu/tfidf', '../../src/nlu/neighbours', '../../src/nlu/spelling']) jest.dontMock(m);
  return create!;
}

let dir: string;
let oldModel: TrainedModel;
let newModel: TrainedModel;
let routers: { old: NluRouter; fresh: NluRouter; cached: NluRouter };
let cacheRead: TrainedModel | undefined;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safestep-compact-'));
  const oldCache = capturing();
  const old = createNluWith(true)(flows, content, { cache: oldCache }).router;
  const createNlu = createNluWith(false);
  const { createFileModelCache } = require('../../src/nlu/model-cache') as typeof import('../../src/nlu/model-cache');
  const files = createFileModelCache(dir);
  const fresh = createNlu(flows, content, { cache: { read: () => undefined, write: (k, m) => ((newModel = m), files.write(k, m)) } }).router;
  const cached = createNlu(flows, content, { cache: { read: (k) => (cacheRead = files.read(k)), write: () => undefined } }).router;
  oldModel = oldCache.model!;
  routers = { old, fresh, cached };
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('the sample is the dev and fresh sets and at least 500 tuning messages; the new router was read from its cache', () => {
  expect(tuning.length).toBeGreaterThanOrEqual(500);
  expect(messages.length).toBeGreaterThan(tuning.length + 400);
  expect(cacheRead).toBeDefined();
  expect(cacheRead!.index.postDoc).toBeInstanceOf(Uint16Array); // viewed in the file, 2 bytes a document
});

test('training is unchanged: the same lexicon, the same weights bit for bit, the same index entries', () => {
  expect(newModel.lexicon).toEqual(oldModel.lexicon);
  expect(Buffer.from(newModel.linear!.weights.buffer).equals(Buffer.from(oldModel.linear!.weights.buffer))).toBe(true);
  expect(newModel.linear!.features).toEqual(oldModel.linear!.features);
  const was = oldModel.index as unknown as { terms: string[]; idf: Float64Array; start: Int32Array; term: Int32Array; weight: Float64Array };
  const now = newModel.index;
  expect(now.terms).toEqual(was.terms);
  expect(now.idf).toEqual(was.idf);
  expect(now.documents).toBe(was.start.length - 1);
  // Every (document, term, weight) of the old document-major arrays is in the postings, and no more.
  const entries = (rows: [number, number, number][]) => rows.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const old: [number, number, number][] = [];
  for (let d = 0; d + 1 < was.start.length; d++) for (let k = was.start[d]!; k < was.start[d + 1]!; k++) old.push([d, was.term[k]!, was.weight[k]!]);
  const compact: [number, number, number][] = [];
  for (let t = 0; t + 1 < now.postStart.length; t++) for (let k = now.postStart[t]!; k < now.postStart[t + 1]!; k++) compact.push([now.postDoc[k]!, t, now.postWeight[k]!]);
  expect(entries(compact)).toEqual(entries(old));
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

test('every message: the same flows in the same order, probabilities within 1e-12, the same route (trained, and read from the cache)', () => {
  for (const router of [routers.fresh, routers.cached]) {
    const { differences, largest } = compare(router, routers.old);
    expect(differences).toEqual([]);
    expect(largest).toBeLessThanOrEqual(1e-12);
  }
});

test('the comparison is sensitive: index weights changed in their 10th digit show', () => {
  const state = cacheRead!.index;
  const nudged: TrainedModel = { ...cacheRead!, index: { ...state, postWeight: state.postWeight.map((w) => w * (1 + 1e-9)) } };
  const router = createNluWith(false)(flows, content, { cache: { read: () => nudged, write: () => undefined } }).router;
  expect(compare(router, routers.old).largest).toBeGreaterThan(1e-12);
});

test('spelling: the scan finds exactly the deletion index\'s correction for 20,000 misspelt words', () => {
  const lexicon = new Map(newModel.lexicon);
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

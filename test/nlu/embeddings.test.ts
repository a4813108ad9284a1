/**
 * Word vectors (src/nlu/embeddings.ts, embedding-features.ts): the committed table loads and is
 * validated (a damaged copy fails with an error naming the file), words the training never saw
 * move a message toward the flow they mean, and with the option off the router answers exactly
 * as one built without a table. Uses the real committed table (content/nlu/embeddings.bin).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FlowDef } from '../../src/core/model';
import { decodeTable, encodeTable, loadEmbeddings } from '../../src/nlu/embeddings';
import { loadNluContent, NLU_FILES } from '../../src/nlu/load';
import { createFileModelCache } from '../../src/nlu/model-cache';
import { createRouter, type RouterOptions } from '../../src/nlu/router';
import { EMPTY_VOCABULARY } from '../../src/nlu/vocabulary';
import { fixtureFlows, heldOut, ROOT, shippedNlu } from './fixtures';

const FILE = path.join(ROOT, NLU_FILES.embeddings);
const table = loadEmbeddings(FILE, NLU_FILES.embeddings);

describe('the committed table', () => {
  test('loads: 100-d vectors for common English and for the words SafeStep trains on', () => {
    expect(table.dims).toBe(100);
    expect(table.size).toBeGreaterThan(20_000);
    expect(fs.statSync(FILE).size).toBeLessThan(4 * 2 ** 20);
    for (const w of ['the', 'bruise', 'phone', 'bullying', 'grooming', 'teacher']) expect([w, table.indexOf(w) >= 0]).toEqual([w, true]);
    const cos = (a: string, b: string) => table.cosine(table.indexOf(a), table.indexOf(b));
    expect(cos('bruise', 'contusion')).toBeGreaterThan(0.6);
    expect(cos('teacher', 'student')).toBeGreaterThan(0.6);
    expect(cos('bruise', 'smartphone')).toBeLessThan(0.3);
  });

  test('is read only when router.yaml turns a part on', () => {
    const shipped = shippedNlu();
    const parts = shipped.router.model?.embeddings;
    const on = !!parts && (parts.map > 0 || parts.dense > 0 || parts.nearest > 0);
    expect(shipped.embeddings !== undefined).toBe(on);
  });
});

describe('a damaged table fails with a clear error naming the file', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safestep-embeddings-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const bytes = fs.readFileSync(FILE);
  const write = (b: Buffer) => {
    const f = path.join(dir, 'embeddings.bin');
    fs.writeFileSync(f, b);
    return f;
  };

  test('one changed byte: checksum mismatch', () => {
    const b = Buffer.from(bytes);
    b[b.length - 1000] = (b[b.length - 1000]! + 1) % 256;
    expect(() => loadEmbeddings(write(b), 'content/nlu/embeddings.bin')).toThrow(/content\/nlu\/embeddings\.bin: .*checksum mismatch/);
  });

  test('truncated, wrong header, or missing', () => {
    expect(() => loadEmbeddings(write(bytes.subarray(0, bytes.length - 7)), 'x/embeddings.bin')).toThrow(/x\/embeddings\.bin: .*truncated/);
    expect(() => loadEmbeddings(write(Buffer.from('not a table at all, just some text that is long enough')), 'y.bin')).toThrow(/y\.bin: .*wrong header/);
    expect(() => loadEmbeddings(path.join(dir, 'absent.bin'), 'absent.bin')).toThrow(/absent\.bin: cannot read file/);
  });

  test('a round trip keeps words, ranks and (unit, quantised) vectors', () => {
    const b = encodeTable({ dims: 3, words: ['cat', 'dog', 'car'], ranks: [5, 9, 2], vectors: [[1, 0.9, 0], [0.9, 1, 0.1], [0, 0, 2]] });
    const t = decodeTable(b, 'small.bin');
    expect([t.size, t.word(1), t.rank(2), t.indexOf('car'), t.indexOf('bus')]).toEqual([3, 'dog', 2, 2, -1]);
    expect(t.cosine(0, 0)).toBeCloseTo(1, 2);
    expect(t.cosine(2, 2)).toBeCloseTo(1, 2);
    expect(t.cosine(0, 1)).toBeGreaterThan(0.95);
    expect(Math.abs(t.cosine(0, 2))).toBeLessThan(0.01);
  });
});

describe('the router with word vectors', () => {
  const flow = (id: string, examples: string[]): FlowDef => ({
    id, title: id, summary: id, kind: 'incident', category: 'contact', version: 1, examples, start: 'done', steps: { done: { type: 'end', text: 'Done.' } },
  });
  // "pupil" is the only trained word of the messages below, and it leans to "phone".
  const flows = [
    flow('injury', ['a child has a bruise on her arm', 'noticed bruises on his leg when he changed for pe', 'she has a cut on her face and says she fell', 'a boy came in with a black eye']),
    flow('phone', ['a pupil was using his mobile phone in class', 'can children bring phones to school', 'a girl was texting in the lesson', 'a boy filmed the lesson on his phone']),
  ];
  const vocabulary = { ...EMPTY_VOCABULARY, stopwords: ['a', 'an', 'the', 'on', 'his', 'her', 'in', 'with', 'and', 'was', 'has', 'had', 'he', 'she', 'to', 'for', 'when', 'says', 'came', 'can'] };
  const base: RouterOptions = { vocabulary, outOfScope: ['what time is lunch', 'how do i book leave'], threshold: 0.7, offer: 0.05, embeddings: table };
  const injury = (options: RouterOptions, text: string) => createRouter(flows, options).rank(text).flows.find((f) => f.flow === 'injury')!.confidence;
  const shipped = { dense: 0.25, nearest: 0.15, temperature: 0.01 };

  test('unseen words for an injury move the message toward injury; unseen words for a phone do not', () => {
    const on: RouterOptions = { ...base, model: { embeddings: { map: 0, ...shipped } } };
    const hurt = 'the pupil has a nasty graze and swelling';
    const device = 'the pupil has an iphone and headphones';
    expect(injury(base, hurt)).toBeCloseTo(injury(base, device), 6); // off: only "pupil" counts
    expect(injury(on, hurt)).toBeGreaterThan(injury(base, hurt) + 0.08);
    expect(injury(on, device)).toBeLessThan(injury(base, device));
  });

  test('map: an unseen word counts as its nearest known word', () => {
    const text = 'a pupil had scratches and a swollen wrist';
    const mapped = createRouter(flows, { ...base, model: { embeddings: { map: 0.6, dense: 0, nearest: 0, temperature: 0.01 } } }).route(text);
    expect(createRouter(flows, base).route(text).alternatives[0]?.flow).toBe('phone');
    expect(mapped.alternatives[0]?.flow).toBe('injury');
  });

  test('off (or no table): exactly the router without word vectors', () => {
    const nlu = loadNluContent(ROOT);
    const options: RouterOptions = { vocabulary: nlu.vocabulary, outOfScope: nlu.outOfScope, threshold: 0.7, offer: 0.05 };
    const messages = heldOut('heldout.yaml').map((m) => m.text);
    const without = createRouter(fixtureFlows(), options);
    const off = createRouter(fixtureFlows(), { ...options, embeddings: table, model: { embeddings: { map: 0, dense: 0, nearest: 0, temperature: 0.01 } } });
    const on = createRouter(fixtureFlows(), { ...options, embeddings: table, model: { embeddings: shipped } });
    expect(messages.map((m) => off.rank(m))).toEqual(messages.map((m) => without.rank(m)));
    expect(messages.map((m) => on.rank(m))).not.toEqual(messages.map((m) => without.rank(m)));
  });
});

test('a router with word vectors read from the model cache answers exactly as a fresh one', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safestep-embeddings-cache-'));
  try {
    const nlu = loadNluContent(ROOT);
    const options: RouterOptions = { vocabulary: nlu.vocabulary, outOfScope: nlu.outOfScope, embeddings: table, model: { embeddings: { dense: 0.25, nearest: 0.15, temperature: 0.01 } } };
    const messages = heldOut('heldout.yaml').map((m) => m.text);
    const fresh = createRouter(fixtureFlows(), options);
    createRouter(fixtureFlows(), { ...options, cache: createFileModelCache(dir) });
    const cached = createRouter(fixtureFlows(), { ...options, cache: createFileModelCache(dir) });
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.json'))).toHaveLength(1);
    expect(messages.map((m) => cached.rank(m))).toEqual(messages.map((m) => fresh.rank(m)));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

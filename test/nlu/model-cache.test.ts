/**
 * The router's model cache (src/nlu/model-cache.ts): a router read from the cache answers exactly
 * as one trained afresh; a change to what it is trained on trains afresh; a corrupt file or a
 * folder that cannot be written costs only the training time, never an error. Real files in a
 * temporary folder, the four fixture flows and the shipped vocabulary.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createFileModelCache, decodeModel, encodeModel } from '../../src/nlu/model-cache';
import { createRouter, type RouterOptions } from '../../src/nlu/router';
import { fixtureFlows, heldOut, shippedNlu } from './fixtures';

const flows = fixtureFlows();
const { vocabulary, outOfScope } = shippedNlu();
const messages = heldOut('heldout.yaml').map((m) => m.text);
let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safestep-model-cache-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const options = (extra: Partial<RouterOptions> = {}): RouterOptions => ({ vocabulary, outOfScope, ...extra });
const cachedFiles = () => fs.readdirSync(dir).filter((f) => f.startsWith('router-') && f.endsWith('.bin'));
const answers = (router: ReturnType<typeof createRouter>) => messages.map((m) => ({ rank: router.rank(m), route: router.route(m) }));

test('the first start writes the model; the next reads it and answers exactly as a fresh one', () => {
  const fresh = answers(createRouter(flows, options()));
  createRouter(flows, options({ cache: createFileModelCache(dir) }));
  expect(cachedFiles()).toHaveLength(1);

  const cache = createFileModelCache(dir);
  const read = jest.spyOn(cache, 'read');
  const write = jest.spyOn(cache, 'write');
  const fromCache = createRouter(flows, options({ cache }));
  expect(read.mock.results[0]?.value).toBeDefined();
  expect(write).not.toHaveBeenCalled();
  expect(answers(fromCache)).toEqual(fresh);
});

test('a changed example or setting trains afresh under a new file', () => {
  createRouter(flows, options({ cache: createFileModelCache(dir) }));
  const changed = flows.map((f, i) => (i === 0 ? { ...f, examples: [...f.examples, 'a brand new way of saying it'] } : f));
  createRouter(changed, options({ cache: createFileModelCache(dir) }));
  createRouter(flows, options({ cache: createFileModelCache(dir), model: { l2: 1e-4 } }));
  expect(cachedFiles()).toHaveLength(3);
});

test('a corrupt cache file is ignored: the router trains and answers as usual', () => {
  const fresh = answers(createRouter(flows, options()));
  createRouter(flows, options({ cache: createFileModelCache(dir) }));
  for (const f of cachedFiles()) fs.writeFileSync(path.join(dir, f), '{"lexicon": [[');
  expect(answers(createRouter(flows, options({ cache: createFileModelCache(dir) })))).toEqual(fresh);
});

/** The bytes of the cached model for the fixture flows, and the model they hold. */
function written(): { file: string; bytes: Buffer } {
  createRouter(flows, options({ cache: createFileModelCache(dir) }));
  const [name] = cachedFiles();
  const file = path.join(dir, name!);
  return { file, bytes: fs.readFileSync(file) };
}

test('the binary file holds every number bit for bit, and reads the same from an unaligned buffer', () => {
  const { bytes } = written();
  const model = decodeModel(bytes)!;
  expect(model).toBeDefined();
  expect(encodeModel(model)!.equals(bytes)).toBe(true);
  const shifted = Buffer.alloc(bytes.byteLength + 3);
  bytes.copy(shifted, 3);
  const again = decodeModel(shifted.subarray(3))!;
  expect(Buffer.from(again.linear!.weights.buffer, again.linear!.weights.byteOffset, again.linear!.weights.byteLength).equals(Buffer.from(model.linear!.weights.buffer, model.linear!.weights.byteOffset, model.linear!.weights.byteLength))).toBe(true);
  expect(again.index.terms).toEqual(model.index.terms);
  expect(again.lexicon).toEqual(model.lexicon);
});

test.each([
  ['truncated', (b: Buffer) => b.subarray(0, b.byteLength - 9)],
  ['one byte changed', (b: Buffer) => Buffer.concat([b.subarray(0, b.byteLength - 100), Buffer.from([b[b.byteLength - 100]! ^ 1]), b.subarray(b.byteLength - 99)])],
  ['longer', (b: Buffer) => Buffer.concat([b, Buffer.alloc(8)])],
  ['the older JSON format', () => Buffer.from(JSON.stringify({ lexicon: [], index: { idf: [], documents: [] } }))],
  ['empty', () => Buffer.alloc(0)],
])('a %s cache file reads as "not cached", and the router answers as a fresh one', (_, damage) => {
  const fresh = answers(createRouter(flows, options()));
  const { file, bytes } = written();
  const bad = damage(bytes);
  expect(decodeModel(bad)).toBeUndefined();
  fs.writeFileSync(file, bad);
  const cache = createFileModelCache(dir);
  const write = jest.spyOn(cache, 'write');
  expect(answers(createRouter(flows, options({ cache })))).toEqual(fresh);
  expect(write).toHaveBeenCalled();
});

test('a cache folder that cannot be created is no error', () => {
  const blocked = path.join(dir, 'a-file');
  fs.writeFileSync(blocked, 'not a folder');
  const router = createRouter(flows, options({ cache: createFileModelCache(path.join(blocked, 'cache')) }));
  expect(router.route('a mum added me on fb').alternatives[0]?.flow).toBe('parent-contact-personal');
});

(typeof process.getuid === 'function' ? test : test.skip)('a cache folder others can write to is neither read nor written (src/store/cache-dir.ts)', () => {
  createRouter(flows, options({ cache: createFileModelCache(dir) }));
  fs.chmodSync(dir, 0o777);
  const cache = createFileModelCache(dir);
  const read = jest.spyOn(cache, 'read');
  createRouter(flows, options({ cache }));
  expect(read.mock.results[0]?.value).toBeUndefined();
  fs.rmSync(path.join(dir, cachedFiles()[0]!));
  createRouter(flows, options({ cache: createFileModelCache(dir) }));
  expect(cachedFiles()).toHaveLength(0);
});

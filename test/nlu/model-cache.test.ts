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
import { parseStaffMessages, staffMessagesFile } from '../../src/nlu/staff-messages';
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

/**
 * Staff messages from their file (staff-messages.ts staffMessagesFile, what a start passes): the
 * model is keyed on the file's bytes, so a warm start never parses it; every test edits a real
 * file in a temporary content root.
 */
describe('staff messages keyed by their file', () => {
  const STAFF = 'content/nlu/staff-messages.yaml';
  const [first, second] = flows as [(typeof flows)[0], (typeof flows)[0]];
  const line = (text: string, author = 'X', n = 1) => `    - { text: "${text}", author: "${author}", from: "tune.yaml#${n}", source: "s" }\n`;
  const BASE =
    `messages:\n  ${first.id}:\n${line('a parent keeps messaging me on my own account late at night', 'X', 1)}` +
    `  ${second.id}:\n${line('a year 9 says someone is sending round a photo of her', 'X', 2)}` +
    `  out-of-scope:\n${line('where do I find the timetable for next term', 'X', 3)}`;
  const NOVEL = 'kayak instructor mentions zorbing';
  let root: string;
  const writeStaff = (text: string) => {
    fs.mkdirSync(path.join(root, 'content/nlu'), { recursive: true });
    fs.writeFileSync(path.join(root, STAFF), text);
  };
  /** A router started as a start does: staff messages from the file, the model cache in `dir`; `parsed`: how often the file was parsed. */
  const start = (fl = flows) => {
    const file = staffMessagesFile(root, STAFF);
    const parse = jest.spyOn(file, 'messages');
    const router = createRouter(fl, options({ staffMessages: file, cache: createFileModelCache(dir) }));
    return { router, parsed: parse.mock.calls.length };
  };
  /** A router trained afresh on the file's messages as parsed now, without any cache. */
  const fresh = (fl = flows) => createRouter(fl, options({ staffMessages: parseStaffMessages(fs.readFileSync(path.join(root, STAFF), 'utf8'), STAFF) }));

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'safestep-staff-root-'));
    writeStaff(BASE);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  test('a warm start reads the model without parsing the file, and answers as a router trained on the parsed messages', () => {
    const expected = answers(fresh());
    const cold = start();
    expect(cold.parsed).toBe(1);
    expect(answers(cold.router)).toEqual(expected);
    const warm = start();
    expect(warm.parsed).toBe(0);
    expect(cachedFiles()).toHaveLength(1);
    expect(answers(warm.router)).toEqual(expected);
  });

  test('an edited file (a new message) is parsed and trained on at the first start after the edit', () => {
    start();
    expect(start().parsed).toBe(0);
    writeStaff(BASE.replace(`  ${second.id}:\n`, `  ${second.id}:\n${line(NOVEL, 'X', 4)}`));
    const after = start();
    expect(after.parsed).toBe(1);
    expect(cachedFiles()).toHaveLength(2);
    expect(answers(after.router)).toEqual(answers(fresh()));
    expect(after.router.rank(NOVEL).flows[0]?.flow).toBe(second.id);
    expect(start().parsed).toBe(0);
  });

  test('a changed label, or any byte of the file, trains afresh', () => {
    start();
    writeStaff(BASE.replace(`  ${second.id}:\n`, '  out-of-scope:\n').replace(/\n  out-of-scope:\n(.*)$/s, '\n$1'));
    const moved = start();
    expect(moved.parsed).toBe(1);
    expect(answers(moved.router)).toEqual(answers(fresh()));
    writeStaff(`${fs.readFileSync(path.join(root, STAFF), 'utf8')}# a comment\n`);
    expect(start().parsed).toBe(1);
    expect(cachedFiles()).toHaveLength(3);
  });

  test('a flow renamed (staff messages name their flow by id) trains afresh', () => {
    start();
    const renamed = flows.map((f) => (f.id === second.id ? { ...f, id: `${f.id}-renamed` } : f));
    const after = start(renamed);
    expect(after.parsed).toBe(1);
    expect(answers(after.router)).toEqual(answers(fresh(renamed)));
  });

  test('a broken file fails on the first start after the edit, naming file and line', () => {
    start();
    writeStaff(BASE.replace('author: "X", from: "tune.yaml#2"', 'from: "tune.yaml#2"'));
    expect(() => start()).toThrow(/^content\/nlu\/staff-messages\.yaml:5:\d+: .*author/);
    writeStaff(`${BASE}  - [unclosed\n`);
    expect(() => start()).toThrow(/^content\/nlu\/staff-messages\.yaml:\d+:\d+: invalid YAML/);
    expect(cachedFiles()).toHaveLength(1);
  });

  test('a file changed between the hash and the parse is an error, never a model under the old key', () => {
    const file = staffMessagesFile(root, STAFF);
    writeStaff(BASE.replace(`  ${second.id}:\n`, `  ${second.id}:\n${line(NOVEL, 'X', 4)}`));
    expect(() => createRouter(flows, options({ staffMessages: file, cache: createFileModelCache(dir) }))).toThrow(/changed while SafeStep was starting/);
    expect(cachedFiles()).toHaveLength(0);
  });
});

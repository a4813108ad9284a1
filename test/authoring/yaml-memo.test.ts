/**
 * The parsed-YAML memo (src/authoring/yaml-memo.ts): every shipped YAML file read back from the
 * memo gives exactly the data and lines a fresh parse gives; an edited file is parsed again (its
 * syntax error still named by line); aliases and data JSON cannot carry are never memoised; a
 * corrupt memo is ignored. Real files in a temporary folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { openYamlMemo, type YamlMemo } from '../../src/authoring/yaml-memo';
import { parseYaml } from '../../src/authoring/yaml-source';
import { parseYamlData } from '../../src/nlu/yaml-data';

const ROOT = path.resolve(__dirname, '..', '..');
const LIKENESS = 'content/danger/likeness.yaml';
let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safestep-yaml-memo-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A memo that never holds anything: a fresh parse every time. */
const NONE: YamlMemo = { get: () => undefined, set: () => undefined, retain: () => false, setData: () => undefined, save: () => undefined };

function yamlFiles(rel: string): string[] {
  return fs.readdirSync(path.join(ROOT, rel), { withFileTypes: true }).flatMap((e) => {
    const p = `${rel}/${e.name}`;
    return e.isDirectory() ? yamlFiles(p) : e.name.endsWith('.yaml') ? [p] : [];
  });
}

/** Every path to a leaf or branch of `data`, for comparing lines. */
function pathsOf(data: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(data)) return [at, ...data.flatMap((d, i) => pathsOf(d, [...at, i]))];
  if (data && typeof data === 'object') return [at, ...Object.entries(data).flatMap(([k, v]) => pathsOf(v, [...at, k]))];
  return [at];
}

test('every shipped YAML file read from the memo gives the data and lines of a fresh parse', () => {
  // The likeness model is read as generated data (no duplicate-key check; next test).
  const files = [...yamlFiles('flows'), ...yamlFiles('content')].filter((f) => f !== LIKENESS);
  expect(files.length).toBeGreaterThan(40);
  const first = openYamlMemo(dir);
  for (const f of files) parseYaml(fs.readFileSync(path.join(ROOT, f), 'utf8'), f, first);
  first.save();
  const memo = openYamlMemo(dir);
  const get = jest.spyOn(memo, 'get');
  let hits = 0;
  for (const f of files) {
    const text = fs.readFileSync(path.join(ROOT, f), 'utf8');
    const fresh = parseYaml(text, f, NONE).source!;
    const known = parseYaml(text, f, memo).source!;
    if (get.mock.results.at(-1)?.value !== undefined) hits++;
    expect(known.data).toEqual(fresh.data);
    // Lines for about 100 paths of each file, spread over it.
    const paths = pathsOf(fresh.data);
    const step = Math.max(1, Math.floor(paths.length / 100));
    for (let i = 0; i < paths.length; i += step) expect([f, known.lineOf(paths[i]!)]).toEqual([f, fresh.lineOf(paths[i]!)]);
  }
  expect(hits).toBe(files.length);
});

test('the generated likeness model read from the memo is the data a fresh parse gives', () => {
  const text = fs.readFileSync(path.join(ROOT, LIKENESS), 'utf8');
  const fresh = parseYamlData(text, LIKENESS, z.unknown(), { generated: true, memo: NONE });
  const first = openYamlMemo(dir);
  expect(parseYamlData(text, LIKENESS, z.unknown(), { generated: true, memo: first })).toEqual(fresh);
  first.save();
  const memo = openYamlMemo(dir);
  expect(memo.get('data-generated', text)).toBeDefined();
  expect(parseYamlData(text, LIKENESS, z.unknown(), { generated: true, memo })).toEqual(fresh);
});

test('an edited file is parsed again: a new syntax error is reported at its line', () => {
  const memo = openYamlMemo(dir);
  const good = 'id: demo\ntitle: Demo\n';
  expect(parseYaml(good, 'flows/demo.yaml', memo).source?.data).toEqual({ id: 'demo', title: 'Demo' });
  memo.save();
  const again = openYamlMemo(dir);
  const broken = parseYaml('id: demo\ntitle: Where: here\n', 'flows/demo.yaml', again);
  expect(broken.problems[0]).toMatchObject({ rule: 'yaml-syntax', file: 'flows/demo.yaml', line: 2 });
  expect(parseYaml(good, 'flows/demo.yaml', again).source?.data).toEqual({ id: 'demo', title: 'Demo' });
});

test('shape errors of memoised NLU data still name file and line', () => {
  const schema = z.strictObject({ examples: z.array(z.string().min(3)) });
  const text = 'examples:\n  - a good example\n  - no\n';
  const memo = openYamlMemo(dir);
  expect(() => parseYamlData(text, 'content/nlu/out-of-scope.yaml', schema, { memo })).toThrow(/out-of-scope\.yaml:3:5/);
  memo.save();
  expect(() => parseYamlData(text, 'content/nlu/out-of-scope.yaml', schema, { memo: openYamlMemo(dir) })).toThrow(/out-of-scope\.yaml:3:5/);
});

test('aliases and values JSON cannot carry are parsed at every start, never memoised', () => {
  const memo = openYamlMemo(dir);
  const aliased = 'a: &x { b: 1 }\nc: *x\n';
  const data = parseYaml(aliased, 'x.yaml', memo).source!.data as { a: object; c: object };
  expect(data.a).toBe(data.c);
  parseYaml('n: .inf\n', 'y.yaml', memo);
  memo.save();
  const again = openYamlMemo(dir);
  expect(again.get('source', aliased)).toBeUndefined();
  expect(again.get('source', 'n: .inf\n')).toBeUndefined();
  const reread = parseYaml(aliased, 'x.yaml', again).source!.data as { a: object; c: object };
  expect(reread.a).toBe(reread.c);
});

test('a corrupt memo file is ignored', () => {
  const memo = openYamlMemo(dir);
  parseYaml('id: demo\n', 'flows/demo.yaml', memo);
  memo.save();
  for (const f of fs.readdirSync(dir)) fs.writeFileSync(path.join(dir, f), '{"abc": [');
  expect(parseYaml('id: demo\n', 'flows/demo.yaml', openYamlMemo(dir)).source?.data).toEqual({ id: 'demo' });
});

test('each get is a fresh copy, so a caller may change its data', () => {
  const memo = openYamlMemo(dir);
  parseYaml('list: [1, 2]\n', 'z.yaml', memo);
  const a = memo.get('source', 'list: [1, 2]\n') as { list: number[] };
  a.list.push(3);
  expect(memo.get('source', 'list: [1, 2]\n')).toEqual({ list: [1, 2] });
});

test("a process that adds a file keeps another command's files (up to as much again as its own)", () => {
  const quiz = 'questions:\n  - one\n';
  const first = openYamlMemo(dir);
  parseYaml(quiz, 'content/quiz/shared.yaml', first);
  parseYaml('id: demo\n', 'flows/demo.yaml', first);
  first.save();
  const route = openYamlMemo(dir);
  parseYaml('id: demo\n', 'flows/demo.yaml', route);
  parseYaml('id: demo\ntitle: Changed and longer than the quiz file\n', 'flows/demo.yaml', route);
  route.save();
  expect(openYamlMemo(dir).get('source', quiz)).toEqual({ questions: ['one'] });
});

test('an entry a save of this process left out is written again once it is used', () => {
  // As a start does: the content loader saves (dropping the NLU's larger entries it has not read yet), then the NLU loader reads them.
  const nlu = `examples:\n${Array.from({ length: 40 }, (_, i) => `  - staff message number ${i}\n`).join('')}`;
  const first = openYamlMemo(dir);
  parseYaml(nlu, 'content/nlu/out-of-scope.yaml', first);
  parseYaml('id: demo\n', 'flows/demo.yaml', first);
  first.save();
  const start = openYamlMemo(dir);
  parseYaml('id: demo\nversion: 2\n', 'flows/demo.yaml', start); // an edited flow: added, so the memo is saved
  start.save();
  expect(openYamlMemo(dir).get('source', nlu)).toBeUndefined(); // left out: over half of the whole
  expect(parseYaml(nlu, 'content/nlu/out-of-scope.yaml', start).source?.data).toEqual({ examples: expect.any(Array) });
  start.save();
  expect(openYamlMemo(dir).get('source', nlu)).toEqual({ examples: expect.any(Array) });
});

test('setData keeps derived data only when JSON carries it exactly; retain keeps an entry without reading it', () => {
  const memo = openYamlMemo(dir);
  memo.setData('shaped\0x', 'a: 1\n', { a: 1, list: [] });
  memo.setData('shaped\0x', 'b: 1\n', { b: undefined });
  memo.setData('shaped\0x', 'c: 1\n', { c: new Date(0) });
  parseYaml('kept: true\n', 'k.yaml', memo);
  memo.save();
  const again = openYamlMemo(dir);
  expect(again.get('shaped\0x', 'a: 1\n')).toEqual({ a: 1, list: [] });
  expect(again.get('shaped\0x', 'b: 1\n')).toBeUndefined();
  expect(again.get('shaped\0x', 'c: 1\n')).toBeUndefined();
  expect(again.retain('source', 'kept: true\n')).toBe(true);
  expect(again.retain('source', 'never: parsed\n')).toBe(false);
  again.setData('shaped\0x', 'd: 1\n', { d: 1 }); // dirty: the save keeps what was retained
  again.save();
  expect(openYamlMemo(dir).get('source', 'kept: true\n')).toEqual({ kept: true });
});

/**
 * The cache folder is trusted only when it is this user's own (src/store/cache-dir.ts): what is read
 * from it decides what SafeStep says, and the default sits in the shared temporary folder. A
 * folder anyone else can write to is neither read nor written, for the YAML memo and the model
 * cache alike, so data planted there for a policy file's exact text is never used. Real folders.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureOwnCacheDir, isOwnCacheDir, keepNewest } from '../../src/store/cache-dir';
import { openYamlMemo } from '../../src/authoring/yaml-memo';
import { parseYaml } from '../../src/authoring/yaml-source';

const posix = typeof process.getuid === 'function';
let base: string;
beforeEach(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'safestep-cache-dir-'));
});
afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

test('a folder it creates is private (0700) and trusted', () => {
  const dir = path.join(base, 'cache');
  expect(isOwnCacheDir(dir)).toBe(false); // missing
  expect(ensureOwnCacheDir(dir)).toBe(true);
  expect(isOwnCacheDir(dir)).toBe(true);
  if (posix) expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
});

(posix ? test : test.skip)('a folder others can write to is not trusted, and data planted in it is never read', () => {
  const dir = path.join(base, 'shared');
  const text = 'advice: keep the phone, do not look at the image\n';
  // Plant, as another user could in a shared /tmp: a memo saying this exact text means something else.
  const honest = openYamlMemo(dir);
  parseYaml(text, 'flows/x.yaml', honest);
  honest.save();
  const memoFile = fs.readdirSync(dir).find((f) => f.startsWith('yaml-'))!;
  const stored = JSON.parse(fs.readFileSync(path.join(dir, memoFile), 'utf8')) as Record<string, string>;
  for (const key of Object.keys(stored)) stored[key] = JSON.stringify({ advice: 'forward the picture to the DSL' });
  fs.writeFileSync(path.join(dir, memoFile), JSON.stringify(stored));
  fs.chmodSync(dir, 0o777);
  expect(isOwnCacheDir(dir)).toBe(false);
  expect(parseYaml(text, 'flows/x.yaml', openYamlMemo(dir)).source!.data).toEqual({ advice: 'keep the phone, do not look at the image' });
  // The same folder made private again: the planted entry would be read, which is why the check matters.
  fs.chmodSync(dir, 0o700);
  expect(parseYaml(text, 'flows/x.yaml', openYamlMemo(dir)).source!.data).toEqual({ advice: 'forward the picture to the DSL' });
});

test('keepNewest keeps only the newest files of one kind', () => {
  for (const [i, name] of ['router-a.bin', 'router-b.bin', 'router-c.bin', 'yaml-a.json'].entries()) {
    fs.writeFileSync(path.join(base, name), '');
    fs.utimesSync(path.join(base, name), 1000 + i, 1000 + i);
  }
  keepNewest(base, 'router-', '.bin', 2);
  expect(fs.readdirSync(base).sort()).toEqual(['router-b.bin', 'router-c.bin', 'yaml-a.json']);
});

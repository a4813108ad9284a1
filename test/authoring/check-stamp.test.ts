/**
 * Pass stamps of the meaning checks (src/authoring/check-stamp.ts), through real processes of the
 * built CLI: `safestep retention run` is a start that loads the content (loadContent) and nothing
 * else it could fail on, so exit 0 means the content was served and exit 1 that a problem was
 * reported. A start stands on a stamp only when it names this exact content and code and sits in
 * our own folder; an edit, a stamp for other content or code, a damaged stamp or an untrusted
 * folder all run the checks, which report file and line. `safestep validate` never reads stamps.
 * The planted stamps are made with the built module itself, so they carry the key the built CLI
 * computes. Real folders and files.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { codeKey, ContentDigest } from '../../src/authoring/check-stamp';
import { CLI, runCli } from '../support/cli-process';
import { copyBase, edit, FLOW, lineOf, removeCopies } from './content-fixture';

type Stamps = typeof import('../../src/authoring/check-stamp');
type Load = typeof import('../../src/authoring/load');
const dist = (m: string): unknown => require(path.join(path.dirname(CLI), '..', m));

const posix = typeof process.getuid === 'function';
let work: string;
let cache: string;
beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'safestep-stamp-'));
  cache = path.join(work, 'cache');
  fs.mkdirSync(path.join(work, 'data'));
});
afterEach(() => fs.rmSync(work, { recursive: true, force: true }));
afterAll(removeCopies);

const env = (root: string, cacheDir = cache) => ({ SAFESTEP_CONTENT_DIR: root, SAFESTEP_DATA_DIR: path.join(work, 'data'), SAFESTEP_CACHE_DIR: cacheDir, SAFESTEP_LOG_LEVEL: 'silent' });
const start = (root: string, cacheDir = cache) => runCli(['retention', 'run'], env(root, cacheDir));
const stampFiles = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.startsWith('checks-')) : []);

/** A copy of the base fixture with a meaning error (a step pointing at no step) and the line it is on. */
function broken(): { root: string; where: string } {
  const root = copyBase();
  edit(root, FLOW, 'otherwise: first-steps', 'otherwise: first-step');
  return { root, where: `${FLOW}:${lineOf(root, FLOW, 'otherwise: first-step')} [unknown-next]` };
}

/** The stamp key the built CLI computes for `root` (its content loads; the checks may fail). */
function builtKey(root: string): import('../../src/authoring/check-stamp').StampKey {
  const prev = process.env.SAFESTEP_CACHE_DIR;
  process.env.SAFESTEP_CACHE_DIR = path.join(work, 'scratch'); // a pass found here is not the test's
  try {
    const key = (dist('authoring/load.js') as Load).inspectContent(root).stamp;
    if (!key) throw new Error('the content did not load');
    return key;
  } finally {
    process.env.SAFESTEP_CACHE_DIR = prev;
  }
}

describe('a start and the pass stamp', () => {
  test('a pass is stamped; an edited file misses the stamp and its error is reported with file and line', () => {
    const root = copyBase();
    expect(start(root).status).toBe(0);
    expect(stampFiles(cache)).toHaveLength(1);
    expect(start(root).status).toBe(0); // stands on its stamp

    edit(root, FLOW, 'otherwise: first-steps', 'otherwise: first-step');
    const r = start(root);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${FLOW}:${lineOf(root, FLOW, 'otherwise: first-step')} [unknown-next]`);
    // The failure is not stamped: still only the first content's pass.
    expect(stampFiles(cache)).toHaveLength(1);
    expect((dist('authoring/check-stamp.js') as Stamps).hasPassStamp(cache, builtKey(root))).toBe(false);
  });

  test('a stamp naming this exact content and code, in our own folder, is what lets a start skip the checks; validate runs them anyway', () => {
    const { root, where } = broken();
    (dist('authoring/check-stamp.js') as Stamps).writePassStamp(cache, builtKey(root));
    // Proof the memo is used (and so that the conditions below are what keep the checks running).
    expect(start(root).status).toBe(0);
    const v = runCli(['validate'], env(root));
    expect(v.status).toBe(1);
    expect(v.stderr).toContain(where);
  });

  test('a stamp for other content, for other code, or damaged, is ignored', () => {
    const { root, where } = broken();
    const stamps = dist('authoring/check-stamp.js') as Stamps;
    const key = builtKey(root);
    stamps.writePassStamp(cache, key);
    const [file] = stampFiles(cache);
    const planted = path.join(cache, file!);
    const other = builtKey(copyBase()); // the unbroken content's key
    for (const text of [
      JSON.stringify({ ...key, content: other.content, passed: true }),
      JSON.stringify({ ...key, code: 'f'.repeat(64), passed: true }),
      JSON.stringify({ ...key, kind: 'quiz', passed: true }),
      JSON.stringify({ ...key, passed: false }),
      JSON.stringify(key),
      `${JSON.stringify({ ...key, passed: true }).slice(0, 60)}`,
      '',
    ]) {
      fs.writeFileSync(planted, text);
      const r = start(root);
      expect([text, r.status]).toEqual([text, 1]);
      expect(r.stderr).toContain(where);
    }
  });

  (posix ? test : test.skip)('a stamp in a folder others can write to is ignored, and nothing is stamped there', () => {
    const { root, where } = broken();
    const shared = path.join(work, 'shared-cache');
    (dist('authoring/check-stamp.js') as Stamps).writePassStamp(shared, builtKey(root));
    fs.chmodSync(shared, 0o777);
    const r = start(root, shared);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(where);

    const good = copyBase();
    expect(start(good, shared).status).toBe(0);
    expect(stampFiles(shared)).toHaveLength(1); // only the planted one: no pass written to an untrusted folder
  });
});

describe('the keys', () => {
  test('the content key changes with any text or path, not with the order of identical calls', () => {
    const key = (files: [string, string][]) => {
      const d = new ContentDigest();
      for (const [f, t] of files) d.add(f, t);
      return d.digest();
    };
    const base = key([['flows/a.yaml', 'id: a\n'], ['flows/b.yaml', 'id: b\n']]);
    expect(key([['flows/a.yaml', 'id: a\n'], ['flows/b.yaml', 'id: b\n']])).toBe(base);
    expect(key([['flows/a.yaml', 'id: a\n'], ['flows/b.yaml', 'id: c\n']])).not.toBe(base);
    expect(key([['flows/a.yaml', 'id: a\n'], ['flows/c.yaml', 'id: b\n']])).not.toBe(base);
    expect(key([['flows/a.yaml', 'id: a\nid: b\n'], ['flows/b.yaml', '']])).not.toBe(base); // text moved between files
  });

  test('the code key follows relative imports (required and imported), and only them', () => {
    const dir = path.join(work, 'code');
    fs.mkdirSync(path.join(dir, 'rules'), { recursive: true });
    const files: Record<string, string> = {
      'entry.ts': "import { a } from './a';\nconst r = require('./rules');\nimport type { Z } from 'zod';\n",
      'a.ts': "export const a = await import('./b');\n",
      'b.ts': 'export const b = 1;\n',
      'rules/index.ts': 'export const rule = 1;\n',
      'unrelated.ts': 'export const u = 1;\n',
    };
    const keyAfter = (name: string, text: string): string => {
      // A fresh entry path per key: codeKey is computed once per entry and process.
      const copy = fs.mkdtempSync(path.join(work, 'code-'));
      fs.cpSync(dir, copy, { recursive: true });
      fs.writeFileSync(path.join(copy, name), text);
      return codeKey(path.join(copy, 'entry.ts'));
    };
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    const base = keyAfter('unrelated.ts', files['unrelated.ts']!);
    expect(keyAfter('unrelated.ts', 'export const u = 2;\n')).toBe(base);
    expect(keyAfter('b.ts', 'export const b = 2;\n')).not.toBe(base);
    expect(keyAfter('rules/index.ts', 'export const rule = 2;\n')).not.toBe(base);
    expect(keyAfter('a.ts', "export const a = await import('./b'); // edited\n")).not.toBe(base);
  });
});

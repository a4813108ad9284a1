/**
 * Stamps of passed checks, kept between starts: a start may skip the content's meaning checks
 * (src/authoring/validate, the quiz's) only when a stamp in the trusted cache folder says that this
 * exact content passed them under this exact code. They were the largest part of start to ready
 * once YAML parsing was memoised (docs/startup-notes.md).
 * - The content key hashes every file the checks saw: each one's path (relative to the content
 *   root) and full text, in the order read, so any edit, added, removed or renamed file misses.
 * - The code key hashes the checking code as built: the source of the module that runs the checks
 *   and of every module it imports, followed through relative imports (.js under dist, .ts under
 *   ts-jest), plus the zod and yaml versions and Node's. Any change to any of them misses.
 * - Only passes are stamped; a stamp is read only from a folder that is our own and nobody
 *   else's to write (src/store/cache-dir.ts), only if it is a regular file of ours, and only if it
 *   names both keys in full. Anything else (missing, corrupt, other keys, untrusted) reads as "not
 *   checked", and the checks run as before, reporting file and line. `safestep validate` never
 *   reads stamps.
 */
import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ensureOwnCacheDir, isOwnCacheDir, keepNewest } from '../store/cache-dir';

/** Which checks a stamp is for, the content and the code they ran on. */
export interface StampKey {
  kind: string;
  content: string;
  code: string;
}

/** Hashes the files the checks see, one `add` per file, in the order they are read. */
export class ContentDigest {
  private readonly hash: Hash = createHash('sha256');

  /** One file: its path (relative to the content root) and its text; the length keeps the parts apart. */
  add(file: string, text: string): void {
    this.hash.update(`${file}\0${Buffer.byteLength(text)}\0`).update(text);
  }

  /** The key of everything added (call once). */
  digest(): string {
    return this.hash.digest('hex');
  }
}

const codeKeys = new Map<string, string>();

/**
 * The key of the code at `entry` (a module's __filename) and every module it imports relatively,
 * with the versions of zod, yaml and Node. Computed once per process and entry.
 */
export function codeKey(entry: string): string {
  const known = codeKeys.get(entry);
  if (known !== undefined) return known;
  const hash = createHash('sha256').update(`node ${process.version}\0`);
  for (const pkg of ['zod', 'yaml']) {
    try {
      hash.update(fs.readFileSync(require.resolve(`${pkg}/package.json`)));
    } catch {
      hash.update(`${pkg}:unknown`);
    }
  }
  const ext = path.extname(entry);
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      hash.update(`missing:${path.relative(path.dirname(entry), file)}\0`);
      return;
    }
    hash.update(`${path.basename(file)}\0${Buffer.byteLength(text)}\0`).update(text);
    for (const m of text.matchAll(IMPORT)) visit(resolveModule(path.dirname(file), m[1]!, ext));
  };
  visit(entry);
  const key = hash.digest('hex');
  codeKeys.set(entry, key);
  return key;
}

/** Relative module specifiers (starting ./ or ../): after `require(` as tsc writes them, after `from` or `import(` in the sources. */
const IMPORT = /(?:\bfrom\s+|\brequire\(\s*|\bimport\(\s*)["'](\.{1,2}\/[^"']+)["']/g;

function resolveModule(dir: string, spec: string, ext: string): string {
  const base = path.resolve(dir, spec);
  for (const candidate of [`${base}${ext}`, path.join(base, `index${ext}`)]) if (fs.existsSync(candidate)) return candidate;
  return base; // hashed as missing
}

function stampFile(dir: string, key: StampKey): string {
  const name = createHash('sha256').update(`${key.kind}\0${key.code}\0${key.content}`).digest('hex').slice(0, 32);
  return path.join(dir, `checks-${name}.json`);
}

/** True only when `dir` is our own cache folder holding a stamp that names exactly `key` as passed. */
export function hasPassStamp(dir: string, key: StampKey): boolean {
  try {
    if (!isOwnCacheDir(dir)) return false;
    const file = stampFile(dir, key);
    const st = fs.lstatSync(file);
    if (!st.isFile() || (typeof process.getuid === 'function' && st.uid !== process.getuid())) return false;
    const stamp = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<StampKey & { passed: unknown }>;
    return stamp.passed === true && stamp.kind === key.kind && stamp.content === key.content && stamp.code === key.code;
  } catch {
    return false;
  }
}

/** Records that the checks passed for `key` (call only after they ran and found no problem); failures only cost the next start the checks. */
export function writePassStamp(dir: string, key: StampKey): void {
  try {
    if (!ensureOwnCacheDir(dir)) return;
    const file = stampFile(dir, key);
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify({ ...key, passed: true }));
    fs.renameSync(temporary, file);
    keepNewest(dir, 'checks-', '.json', KEEP);
  } catch {
    // an unwritable cache folder: the next start runs the checks
  }
}

/** How many stamps are kept (content roots × code versions × kinds); older ones are removed when one is written. */
const KEEP = 16;

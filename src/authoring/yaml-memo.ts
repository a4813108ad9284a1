/**
 * A memo of parsed YAML, kept between starts: the data `yaml` parsed from a file's exact text,
 * keyed by a hash of that text, the parse mode and this build's parsing code (the `yaml` package's
 * version, yaml-source, yaml-data and this file). Parsing the content's ~2 MB of YAML with
 * positions was about half of start-to-ready (docs/startup-notes.md); reading the memo is one
 * JSON.parse. Only texts that parsed without error are kept, and only when their data survives
 * JSON unchanged, so a hit gives exactly what parsing would; any edit to a file misses and is
 * parsed (and its errors reported with file and line) as before. A start may also keep a schema's
 * output for a text here (`shapedMemo`); the meaning checks are stamped apart (check-stamp.ts).
 * A missing, corrupt or unwritable memo only costs the parse.
 * One file per code version, `yaml-<code>.json`, in the model cache's folder; it keeps the texts
 * used by the last process that added one, and at most as much again of older ones.
 * Since the tenth round content/nlu/staff-messages.yaml is not kept here (a warm start only hashes
 * it, staff-messages.ts); this note also changed the code fingerprint, so a cache folder written by
 * an older build starts a new memo instead of carrying that file's 1.8 MB entry along.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Document } from 'yaml';
import { defaultCacheDir, ensureOwnCacheDir, isOwnCacheDir, keepNewest } from '../store/cache-dir';

/**
 * The `yaml` package, loaded on first use: a start whose every file is in the memo never needs it
 * (loading it is ~30 ms). Type-only imports of 'yaml' elsewhere cost nothing at run time.
 */
export function yamlLib(): typeof import('yaml') {
  return require('yaml') as typeof import('yaml');
}

/** Parsed data by text; `get` returns a fresh copy each time (callers may mutate it). */
export interface YamlMemo {
  get(mode: string, text: string): unknown;
  /** Keeps `data`, parsed from `doc` (the document of `text`), unless JSON or aliases would change it. */
  set(mode: string, text: string, doc: Document, data: unknown): void;
  /** Whether `text` is kept in `mode`; if so it is kept for the next start too, without being read now. */
  retain(mode: string, text: string): boolean;
  /** Keeps `data` derived from `text` (the caller vouches it came from alias-free YAML), unless JSON would change it. */
  setData(mode: string, text: string, data: unknown): void;
  /** Writes the memo now if anything was added since it was read (the loaders call it; `set` also schedules it). */
  save(): void;
}

/** A schema's outputs in the memo, for one schema under one code (shapedMemo). */
export interface ShapedMemo {
  /** The output kept for `text`, if any; on a hit the parsed data is kept for the next start too. */
  get(text: string): unknown;
  /** Keeps the schema's `output` for `text`, only when the memo holds the text as parsed (alias-free, JSON-exact). */
  keep(text: string, output: unknown): void;
}

/**
 * The schema outputs of texts that passed: `parsedMode` is the mode their parse is kept under,
 * `name` tells the schema (and anything its verdict depends on) from the others, `code` is the
 * loader's code key (check-stamp.ts codeKey), which covers the schema's module.
 */
export function shapedMemo(memo: YamlMemo, parsedMode: string, name: string, code: string): ShapedMemo {
  const mode = `shaped\0${name}\0${code}`;
  return {
    get: (text) => {
      const known = memo.get(mode, text);
      return known !== undefined && memo.retain(parsedMode, text) ? known : undefined;
    },
    keep: (text, output) => {
      if (memo.retain(parsedMode, text)) memo.setData(mode, text, output);
    },
  };
}

/** The code whose changes must invalidate the memo (files beside this one, or in ../nlu). */
const PARSE_CODE = ['yaml-source', 'yaml-memo', '../nlu/yaml-data'];

let shared: YamlMemo | undefined;

/** The process's memo, in $SAFESTEP_CACHE_DIR (else safestep-cache in the temporary folder), the router's model cache's folder. */
export function yamlMemo(): YamlMemo {
  shared ??= openYamlMemo(defaultCacheDir());
  return shared;
}

/** A memo stored in `dir` (read now, written by `save`). */
export function openYamlMemo(dir: string): YamlMemo {
  const file = path.join(dir, `yaml-${codeFingerprint()}.json`);
  let stored: Record<string, string> = {};
  try {
    // A folder another user could write to is never trusted: it could hold other data for a file's text.
    if (!isOwnCacheDir(dir)) throw new Error('not our own cache folder');
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) stored = parsed as Record<string, string>;
  } catch {
    // no memo yet, or an unreadable one: every file is parsed
  }
  /** The entries this process used or added: what `save` writes. */
  const used = new Map<string, string>();
  let dirty = false;
  /** The keys in the memo file as last read or written: an entry used that a save left out is written again. */
  let onDisk = new Set(Object.keys(stored));
  const changed = (): void => {
    // The loaders save once all their files are read; this catches any other reader.
    if (!dirty) setImmediate(() => memo.save());
    dirty = true;
  };
  /** Marks an entry as used; a stored one that an earlier save of this process left out makes the memo dirty again. */
  const use = (key: string, json: string): void => {
    used.set(key, json);
    if (!onDisk.has(key)) changed();
  };
  const keyOf = (mode: string, text: string) => createHash('sha256').update(mode).update('\0').update(text).digest('base64url');
  /**
   * What `save` writes: the entries this process used, and those it did not (another command's
   * files, e.g. the quiz that `route` never reads) while they are under half of the whole.
   */
  const kept = (): Map<string, string> => {
    const all = new Map(used);
    let usedBytes = 0;
    for (const json of used.values()) usedBytes += json.length;
    let other = 0;
    for (const [key, json] of Object.entries(stored)) {
      if (all.has(key) || typeof json !== 'string' || other + json.length > usedBytes) continue;
      all.set(key, json);
      other += json.length;
    }
    return all;
  };
  const memo: YamlMemo = {
    get(mode, text) {
      const key = keyOf(mode, text);
      const json = used.get(key) ?? stored[key];
      if (typeof json !== 'string') return undefined;
      try {
        const data = JSON.parse(json) as unknown;
        use(key, json);
        return data;
      } catch {
        return undefined;
      }
    },
    set(mode, text, doc, data) {
      // An alias makes two places one object, which JSON would copy apart: such a file is parsed at every start.
      if (hasAlias(doc)) return;
      memo.setData(mode, text, data);
    },
    retain(mode, text) {
      const key = keyOf(mode, text);
      const json = used.get(key) ?? stored[key];
      if (typeof json !== 'string') return false;
      use(key, json);
      return true;
    },
    setData(mode, text, data) {
      const json = JSON.stringify(data);
      // Only data JSON carries exactly (no undefined, NaN, Infinity, -0, Date …) is kept.
      if (json === undefined || !isDeepStrictEqual(JSON.parse(json), data)) return;
      used.set(keyOf(mode, text), json);
      changed();
    },
    save() {
      if (!dirty) return;
      try {
        if (!ensureOwnCacheDir(dir)) return;
        const temporary = `${file}.${process.pid}.tmp`;
        const entries = kept();
        fs.writeFileSync(temporary, JSON.stringify(Object.fromEntries(entries)));
        fs.renameSync(temporary, file);
        onDisk = new Set(entries.keys());
        dirty = false;
        keepNewest(dir, 'yaml-', '.json', KEEP);
      } catch {
        // A memo that cannot be written only costs the next start its parsing time.
      }
    },
  };
  return memo;
}

function hasAlias(doc: Document): boolean {
  let found = false;
  const { visit } = yamlLib();
  visit(doc, {
    Alias() {
      found = true;
      return visit.BREAK;
    },
  });
  return found;
}

/** The `yaml` package's version and the parsing code as built (.js beside this file, or .ts under ts-jest). */
function codeFingerprint(): string {
  const hash = createHash('sha256');
  const ext = path.extname(__filename);
  try {
    hash.update(fs.readFileSync(require.resolve('yaml/package.json')));
  } catch {
    hash.update('yaml:unknown');
  }
  for (const name of PARSE_CODE) {
    try {
      hash.update(fs.readFileSync(path.join(__dirname, `${name}${ext}`)));
    } catch {
      hash.update(`missing:${name}`);
    }
  }
  return hash.digest('hex').slice(0, 32);
}

/** How many memos (code versions) are kept; older ones are removed when one is written. */
const KEEP = 4;

/**
 * A file store for the router's trained model (router.ts ModelCache), so a start with the same
 * flows, vocabulary and settings as the last one skips training (about half of content-to-ready).
 * One binary file per model in a cache folder (encodeModel: a small JSON header, then the TF-IDF
 * index and the weights as the very bytes of their typed arrays, read back as views of the file
 * with no parsing: 10.8 MB of JSON with base64 weights took ~0.2-0.3 s and ~40 MB to read and
 * restore, docs/startup-notes.md). The file name is a hash of the router's key and of this
 * build's model code (router, normaliser, spelling, TF-IDF, regression, this file), so new code
 * never reads an old model. Numbers are stored bit for bit, so a cached model answers exactly as
 * a freshly trained one. Anything wrong with the folder or a file (missing, read-only, corrupt,
 * truncated, another format or byte order) means "not cached": the router trains as usual; a
 * start never fails because of it.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultCacheDir, ensureOwnCacheDir, isOwnCacheDir, keepNewest } from '../store/cache-dir';
import type { ModelCache, TrainedModel } from './router';
import { isConsistent } from './tfidf';

/** The model code whose changes must invalidate every cached model (files beside this one). */
const MODEL_CODE = ['router', 'normalise', 'spelling', 'natural', 'vocabulary', 'who-what', 'tfidf', 'bigrams', 'linear', 'lbfgs', 'neighbours', 'model-cache'];

/** How many cached models are kept; older files are removed when a new one is written. */
const KEEP = 8;

const PREFIX = 'router-';
/** Files of this format; the JSON files earlier versions wrote are never read (nor removed: older code may still use them). */
const EXT = '.bin';


/** A ModelCache over files in `dir` (created when first written), keeping the newest `keep` models. */
export function createFileModelCache(dir: string = defaultCacheDir(), keep = KEEP): ModelCache {
  const code = codeFingerprint();
  const file = (key: string) => path.join(dir, `${PREFIX}${createHash('sha256').update(`${code}:${key}`).digest('hex').slice(0, 32)}${EXT}`);
  return {
    read(key) {
      try {
        if (!isOwnCacheDir(dir)) return undefined;
        return decodeModel(fs.readFileSync(file(key)));
      } catch {
        return undefined;
      }
    },
    write(key, model) {
      try {
        if (!ensureOwnCacheDir(dir)) return;
        const target = file(key);
        const temporary = `${target}.${process.pid}.tmp`;
        const bytes = encodeModel(model);
        if (!bytes) return;
        fs.writeFileSync(temporary, bytes);
        fs.renameSync(temporary, target);
        keepNewest(dir, PREFIX, EXT, keep);
      } catch {
        // A cache that cannot be written only costs the next start its training time.
      }
    },
  };
}

/** The file's first bytes: the format and its version (3: the index as its postings; 4: the training texts' labels too). */
const MAGIC = 'SSRM0004';

/** What the file's JSON header says; the arrays follow it, each starting at a multiple of 8 bytes. */
interface Header {
  /** Byte length of the string table (the index's terms, the model's other feature names, the lexicon's words, their stems; joined by newlines). */
  strings: number;
  /** How many stems of lexicon words the string table ends with. */
  stems: number;
  /** How many words the spelling lexicon has (their counts are a Float64Array after the string table). */
  lexicon: number;
  terms: number;
  documents: number;
  entries: number;
  /** Bytes per document number in the postings (2 or 4). */
  documentBytes: 2 | 4;
  linear?: { classes: number; features: number };
  /** The byte order the arrays were written in (they are read only on a machine of the same). */
  endian: 'BE' | 'LE';
  /** sha256 of everything after the header, so a damaged file reads as "not cached". */
  digest: string;
}

const pad8 = (n: number) => (n + 7) & ~7;

/**
 * The model as one buffer: magic, byte order, header length, the JSON header, then the string
 * table (feature names, the spelling lexicon's words, their stems) and the typed arrays as they
 * are in memory (the lexicon's counts, each training text's label (one per document), IDF, the postings' offsets, documents and weights, the
 * model's feature indices and weights). Undefined when a string holds a newline (never, for
 * stems and words).
 */
export function encodeModel(model: TrainedModel): Buffer | undefined {
  const { terms, idf, documents, postStart, postDoc, postWeight } = model.index;
  const names = [...terms];
  const position = new Map(terms.map((t, i) => [t, i]));
  const featureIds = model.linear ? Int32Array.from(model.linear.features, (f) => position.get(f) ?? (names.push(f), position.set(f, names.length - 1), names.length - 1)) : undefined;
  const words = model.lexicon.map(([w]) => w);
  if ([names, words, model.stems].some((list) => list.some((t) => t.includes('\n')))) return undefined;
  const strings = Buffer.from([...names, ...words, ...model.stems].join('\n'), 'utf8');
  const counts = Float64Array.from(model.lexicon, ([, c]) => c);
  if (model.labels.length !== documents) return undefined;
  const arrays: ArrayBufferView[] = [strings, counts, model.labels, idf, postStart, postDoc, postWeight, ...(model.linear && featureIds ? [featureIds, model.linear.weights] : [])];
  const body = Buffer.alloc(arrays.reduce((n, a) => pad8(n) + a.byteLength, 0));
  let at = 0;
  for (const a of arrays) {
    at = pad8(at);
    Buffer.from(a.buffer, a.byteOffset, a.byteLength).copy(body, at);
    at += a.byteLength;
  }
  const header: Header = {
    strings: strings.byteLength,
    stems: model.stems.length,
    lexicon: words.length,
    terms: terms.length,
    documents,
    entries: postDoc.length,
    documentBytes: postDoc instanceof Uint16Array ? 2 : 4,
    ...(model.linear ? { linear: { classes: model.linear.classes, features: model.linear.features.length } } : {}),
    endian: os.endianness(),
    digest: createHash('sha256').update(body).digest('hex'),
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const head = Buffer.alloc(pad8(12 + json.byteLength));
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(json.byteLength, 8);
  json.copy(head, 12);
  return Buffer.concat([head, body]);
}

/**
 * The model in `file` (see encodeModel); its arrays are views of the file, so the index and the
 * weights cost no copy. Undefined when it is not one this code wrote whole.
 */
export function decodeModel(file: Buffer): TrainedModel | undefined {
  if (file.byteLength < 12 || file.toString('latin1', 0, 8) !== MAGIC) return undefined;
  // Typed arrays need aligned byte offsets: copy when the buffer itself is not aligned.
  const buf = file.byteOffset % 8 === 0 ? file : copyAligned(file);
  const jsonLength = buf.readUInt32LE(8);
  const bodyAt = pad8(12 + jsonLength);
  if (bodyAt > buf.byteLength) return undefined;
  const h = JSON.parse(buf.toString('utf8', 12, 12 + jsonLength)) as Header;
  if (h.endian !== os.endianness() || createHash('sha256').update(buf.subarray(bodyAt)).digest('hex') !== h.digest) return undefined;
  let at = bodyAt;
  /** The next array's offset in `buf` (aligned), checked to fit. */
  const next = (bytes: number): number => {
    const from = pad8(at);
    if (!(bytes >= 0) || from + bytes > buf.byteLength) throw new Error('model cache: file too short');
    at = from + bytes;
    return from;
  };
  const f64 = (n: number) => new Float64Array(buf.buffer, buf.byteOffset + next(8 * n), n);
  const i32 = (n: number) => new Int32Array(buf.buffer, buf.byteOffset + next(4 * n), n);
  const u16 = (n: number) => new Uint16Array(buf.buffer, buf.byteOffset + next(2 * n), n);
  const stringsAt = next(h.strings);
  const names = h.strings === 0 ? [] : buf.toString('utf8', stringsAt, stringsAt + h.strings).split('\n');
  const counts = f64(h.lexicon);
  const labels = i32(h.documents);
  if (!(names.length >= h.lexicon + h.stems)) return undefined;
  const stems = names.splice(names.length - h.stems, h.stems);
  const words = names.splice(names.length - h.lexicon, h.lexicon);
  const lexicon = words.map((w, i): [string, number] => [w, counts[i]!]);
  const terms = names.slice(0, h.terms);
  if (terms.length !== h.terms) return undefined;
  const idf = f64(h.terms);
  const postStart = i32(h.terms + 1);
  const postDoc = h.documentBytes === 2 ? u16(h.entries) : h.documentBytes === 4 ? i32(h.entries) : undefined;
  if (!postDoc) return undefined;
  const index = { terms, idf, documents: h.documents, postStart, postDoc, postWeight: f64(h.entries) };
  if (!isConsistent(index)) return undefined;
  if (!h.linear) return at === buf.byteLength ? { labels, lexicon, stems, index } : undefined;
  const { classes, features: count } = h.linear;
  const ids = i32(count);
  const weights = f64((count + 1) * classes);
  if (at !== buf.byteLength) return undefined;
  const features = Array.from(ids, (i) => names[i]);
  if (features.some((f) => f === undefined)) return undefined;
  return { labels, lexicon, stems, index, linear: { features: features as string[], classes, weights } };
}

function copyAligned(file: Buffer): Buffer {
  const bytes = new Uint8Array(new ArrayBuffer(file.byteLength));
  bytes.set(file);
  return Buffer.from(bytes.buffer);
}

/** A hash of the model code as built (the .js beside this file, or the .ts under ts-jest). */
function codeFingerprint(): string {
  const hash = createHash('sha256');
  const ext = path.extname(__filename);
  for (const name of MODEL_CODE) {
    try {
      hash.update(fs.readFileSync(path.join(__dirname, `${name}${ext}`)));
    } catch {
      hash.update(`missing:${name}`);
    }
  }
  return hash.digest('hex');
}

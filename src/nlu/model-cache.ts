/**
 * A file store for the router's trained model (router.ts ModelCache), so a start with the same
 * flows, vocabulary and settings as the last one skips training (about half of content-to-ready).
 * One JSON file per model in a cache folder; the file name is a hash of the router's key and of
 * this build's model code (router, normaliser, spelling, TF-IDF, regression), so new code never
 * reads an old model. Weights are stored as base64 of their bytes, so a cached model answers
 * exactly as a freshly trained one. Anything wrong with the folder or a file (missing, read-only,
 * corrupt) means "not cached": the router trains as usual; a start never fails because of it.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ModelCache, TrainedModel } from './router';

/** The model code whose changes must invalidate every cached model (files beside this one). */
const MODEL_CODE = ['router', 'normalise', 'spelling', 'natural', 'vocabulary', 'who-what', 'tfidf', 'bigrams', 'linear', 'lbfgs', 'neighbours', 'model-cache'];

/** How many cached models are kept; older files are removed when a new one is written. */
const KEEP = 8;

const PREFIX = 'router-';

/** The default cache folder: $SAFESTEP_CACHE_DIR, else safestep-cache in the system's temporary folder. */
export function defaultCacheDir(): string {
  return process.env.SAFESTEP_CACHE_DIR || path.join(os.tmpdir(), 'safestep-cache');
}

/** A ModelCache over JSON files in `dir` (created when first written). */
export function createFileModelCache(dir: string = defaultCacheDir()): ModelCache {
  const code = codeFingerprint();
  const file = (key: string) => path.join(dir, `${PREFIX}${createHash('sha256').update(`${code}:${key}`).digest('hex').slice(0, 32)}.json`);
  return {
    read(key) {
      try {
        return decode(JSON.parse(fs.readFileSync(file(key), 'utf8')) as unknown);
      } catch {
        return undefined;
      }
    },
    write(key, model) {
      try {
        fs.mkdirSync(dir, { recursive: true });
        const target = file(key);
        const temporary = `${target}.${process.pid}.tmp`;
        fs.writeFileSync(temporary, JSON.stringify(encode(model)));
        fs.renameSync(temporary, target);
        prune(dir);
      } catch {
        // A cache that cannot be written only costs the next start its training time.
      }
    },
  };
}

interface Stored {
  lexicon: [string, number][];
  index: TrainedModel['index'];
  linear?: { features: string[]; classes: number; weights: string };
}

function encode(model: TrainedModel): Stored {
  const { linear, ...rest } = model;
  if (!linear) return rest;
  const bytes = Buffer.from(linear.weights.buffer, linear.weights.byteOffset, linear.weights.byteLength);
  return { ...rest, linear: { features: linear.features, classes: linear.classes, weights: bytes.toString('base64') } };
}

/** The stored model, or undefined when the file is not one this code wrote. */
function decode(data: unknown): TrainedModel | undefined {
  const s = data as Partial<Stored> | null;
  if (!s || !Array.isArray(s.lexicon) || !s.index || !Array.isArray(s.index.idf) || !Array.isArray(s.index.documents)) return undefined;
  if (!s.linear) return { lexicon: s.lexicon, index: s.index };
  const bytes = Buffer.from(s.linear.weights, 'base64');
  if (bytes.length % 8 !== 0) return undefined;
  const weights = new Float64Array(bytes.length / 8);
  new Uint8Array(weights.buffer).set(bytes);
  return { lexicon: s.lexicon, index: s.index, linear: { features: s.linear.features, classes: s.linear.classes, weights } };
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

/** Keeps the KEEP newest cached models in `dir`. */
function prune(dir: string): void {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(PREFIX) && f.endsWith('.json'))
    .map((f) => ({ f, t: fs.statSync(path.join(dir, f)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  for (const { f } of files.slice(KEEP)) fs.rmSync(path.join(dir, f), { force: true });
}

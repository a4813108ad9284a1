/**
 * What the router takes from word vectors (embeddings.ts), behind content/nlu/router.yaml
 * `model.embeddings` (each part off at 0):
 * - `map`: a word of the message the router never saw (its stem is in no training text) also
 *   counts as the known word nearest to it in the table, when their cosine is at least `map`
 *   ("contusion" → "bruise"). Known words are the training texts' words in the table.
 * - `dense`: the message's vector (frequency-weighted mean of its words' unit vectors, then
 *   L2-normalised), times `dense`, is appended to the TF-IDF features as 100 more features
 *   (`~0` … `~99`) for the logistic regression.
 * - `nearest`: share in the blend of a nearest-example scorer on those message vectors (cosine
 *   to each training text's vector, the `neighbours` best per class averaged, softmax at
 *   its own `temperature`).
 * Word weights follow smooth inverse frequency (Arora et al. 2017): a / (a + p(w)), with p(w)
 * from the word's rank in the full table by Zipf's law, so "the" and "said" count for little.
 */
import type { Vocabulary } from './vocabulary';
import type { EmbeddingTable } from './embeddings';
import { porterStem } from './natural';
import type { SparseVector } from './tfidf';

/** router.yaml `model.embeddings`; every part is off at 0. */
export interface EmbeddingSettings {
  /** Minimum cosine for an unseen word to count as its nearest known word (0: off). */
  map: number;
  /** Scale of the dense message vector appended to the regression's features (0: off). */
  dense: number;
  /** Share of the dense nearest-example scorer in the blend (0: off). */
  nearest: number;
  /** Softmax temperature of that scorer (message vectors' cosines are close together, so small). */
  temperature: number;
}

export const EMBEDDINGS_OFF: EmbeddingSettings = { map: 0, dense: 0, nearest: 0, temperature: 0.02 };

/** The router's use of the table. Pure after construction (apart from a bounded cache). */
export interface EmbeddingHook {
  /** Extra features for `words`' unseen words (`map`), given the stems the index knows. */
  mapped(words: readonly string[]): string[];
  /** `v` with the dense features added (`dense`), or `v` itself. */
  augment(v: SparseVector, words: readonly string[]): SparseVector;
  /** Class probabilities from the dense nearest-example scorer, or undefined when it is off or no word is in the table. */
  nearest(words: readonly string[]): Float64Array | undefined;
}

/** Smooth-inverse-frequency constant. */
const SIF_A = 1e-3;
/** Zipf normaliser for a 400k-word vocabulary: p(rank r) ≈ 1 / ((r + 1) · H), H ≈ ln(400k) + 0.58. */
const ZIPF_H = Math.log(400_000) + 0.58;

/** What the hook needs from the router. */
export interface HookContext {
  vocabulary: Vocabulary;
  /** Whether the TF-IDF index knows a stem. */
  knows: (stem: string) => boolean;
  /** Words of the training texts (the spelling lexicon). */
  knownWords: Iterable<string>;
  /** The training texts' words (normaliser.words) and labels; read only for `nearest`. */
  training: () => { words: readonly string[]; label: number }[];
  classes: number;
  neighbours: number;
}

/** The hook when a table is given and some part is on; otherwise undefined (the router as before). */
export function embeddingHookFor(table: EmbeddingTable | undefined, settings: EmbeddingSettings, context: HookContext): EmbeddingHook | undefined {
  const on = settings.map > 0 || settings.dense > 0 || settings.nearest > 0;
  return table && on ? createEmbeddingHook(table, settings, context) : undefined;
}

/** Builds the hook over `table` for `settings`. */
export function createEmbeddingHook(table: EmbeddingTable, settings: EmbeddingSettings, context: HookContext): EmbeddingHook {
  const stop = new Set(context.vocabulary.stopwords);
  const dims = table.dims;
  const weight = (row: number) => SIF_A / (SIF_A + 1 / ((table.rank(row) + 1) * ZIPF_H));
  const messageVector = (words: readonly string[]): Float64Array | undefined => {
    const out = new Float64Array(dims);
    let any = false;
    for (const w of words) {
      if (stop.has(w) || /^\d+$/.test(w)) continue;
      const row = table.indexOf(w);
      if (row < 0) continue;
      table.addTo(out, row, weight(row));
      any = true;
    }
    if (!any) return undefined;
    let n = 0;
    for (let d = 0; d < dims; d++) n += out[d]! * out[d]!;
    n = Math.sqrt(n) || 1;
    for (let d = 0; d < dims; d++) out[d]! /= n;
    return out;
  };

  let anchors: number[] | undefined; // the known words' rows, found on first use (only `map` needs them)
  const knownRows = (): number[] => {
    anchors ??= [...context.knownWords].map((w) => (context.knows(porterStem(w)) ? table.indexOf(w) : -1)).filter((row) => row >= 0);
    return anchors;
  };
  const nearestKnown = new Map<string, string | null>();
  const mapWord = (w: string): string | null => {
    let out = nearestKnown.get(w);
    if (out !== undefined) return out;
    out = null;
    const row = table.indexOf(w);
    if (row >= 0) {
      let best = settings.map;
      for (const a of knownRows()) {
        const c = table.cosine(row, a);
        if (c >= best) (best = c), (out = porterStem(table.word(a)));
      }
    }
    if (nearestKnown.size > 20_000) nearestKnown.clear();
    nearestKnown.set(w, out);
    return out;
  };

  const docs = settings.nearest > 0 ? context.training().map((t) => ({ v: messageVector(t.words), label: t.label })) : [];
  const k = Math.max(1, context.neighbours);
  const sizes = new Array<number>(context.classes).fill(0);
  for (const d of docs) if (d.v) sizes[d.label]!++;

  return {
    mapped(words) {
      if (settings.map <= 0) return [];
      const out: string[] = [];
      for (const w of words) {
        if (stop.has(w) || /^\d+$/.test(w) || context.knows(porterStem(w))) continue;
        const m = mapWord(w);
        if (m) out.push(m);
      }
      return out;
    },
    augment(v, words) {
      if (settings.dense <= 0) return v;
      const m = messageVector(words);
      if (!m) return v;
      const out = new Map(v);
      for (let d = 0; d < dims; d++) out.set(`~${d}`, m[d]! * settings.dense);
      return out;
    },
    nearest(words) {
      if (settings.nearest <= 0) return undefined;
      const m = messageVector(words);
      if (!m) return undefined;
      const classes = context.classes;
      const top = new Float64Array(classes * k).fill(-1);
      for (const d of docs) {
        if (!d.v) continue;
        let s = 0;
        for (let i = 0; i < dims; i++) s += m[i]! * d.v[i]!;
        const c = d.label;
        if (s <= top[c * k + k - 1]!) continue;
        let j = c * k + k - 1;
        while (j > c * k && top[j - 1]! < s) (top[j] = top[j - 1]!), j--;
        top[j] = s;
      }
      const out = new Float64Array(classes);
      let max = -Infinity;
      for (let c = 0; c < classes; c++) {
        let sum = 0;
        const n = Math.max(1, Math.min(k, sizes[c] ?? 0));
        for (let j = 0; j < n; j++) sum += Math.max(0, top[c * k + j]!);
        out[c] = sum / n;
        max = Math.max(max, out[c]!);
      }
      let total = 0;
      for (let c = 0; c < classes; c++) total += out[c] = Math.exp((out[c]! - max) / settings.temperature);
      for (let c = 0; c < classes; c++) out[c]! /= total;
      return out;
    },
  };
}

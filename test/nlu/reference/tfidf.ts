/**
 * A small TF-IDF index over the training examples: sparse, L2-normalised vectors (sublinear
 * term frequency × smoothed inverse document frequency, raised to `idfPower`) and an inverted
 * index, so the cosine similarity of a message to every example costs only the postings of its
 * few stems.
 * natural's TfIdf scores a query by summing term weights per document (no cosine, one pass over
 * every document per query), so SafeStep keeps its own few lines here.
 */

/** A sparse vector: term → weight, L2-normalised. */
export type SparseVector = ReadonlyMap<string, number>;

/** The cosine-similarity index of a fixed set of documents. Pure after construction. */
export interface TfIdfIndex {
  /** Number of documents. */
  readonly size: number;
  /** The document's own vector. */
  document(i: number): SparseVector;
  /** Weights a bag of terms; terms unknown to the index are dropped (the map may be empty). */
  vector(terms: readonly string[]): SparseVector;
  /** Cosine similarity of `v` to every document (0 where they share no term). */
  similarities(v: SparseVector): Float64Array;
  /** Everything the index holds, for a cache (restoreTfIdfIndex rebuilds it exactly). */
  state(): TfIdfState;
}

/**
 * An index as data, packed for a cache (model-cache.ts stores these arrays as they are): the
 * terms in order and each one's IDF weight; document d's entries are `start[d]` … `start[d+1]`-1
 * of `term` (an index into `terms`) and `weight`, in the document's own order.
 */
export interface TfIdfState {
  terms: string[];
  idf: Float64Array;
  start: Int32Array;
  term: Int32Array;
  weight: Float64Array;
}

/**
 * Builds the index from each document's terms (stems). `idfPower` softens (below 1) or sharpens
 * how much rare terms outweigh common ones; 1 is classic TF-IDF. `weight`: a factor on a term's
 * IDF (default 1), e.g. to count derived features less than words.
 */
export function createTfIdfIndex(
  documents: readonly (readonly string[])[],
  options: { idfPower?: number; weight?: (term: string) => number } = {},
): TfIdfIndex {
  const power = options.idfPower ?? 1;
  const weight = options.weight ?? (() => 1);
  const n = documents.length;
  const df = new Map<string, number>();
  for (const terms of documents) for (const t of new Set(terms)) df.set(t, (df.get(t) ?? 0) + 1);
  const terms = [...df.keys()];
  const ids = new Map(terms.map((t, i) => [t, i]));
  const idf = Float64Array.from(terms, (t) => Math.pow(Math.log((n + 1) / (df.get(t)! + 1)) + 1, power) * weight(t));
  const vectors = documents.map(vectoriser(ids, idf));
  let nnz = 0;
  for (const v of vectors) nnz += v.size;
  const start = new Int32Array(n + 1);
  const term = new Int32Array(nnz);
  const weights = new Float64Array(nnz);
  let at = 0;
  vectors.forEach((v, d) => {
    start[d] = at;
    for (const [t, w] of v) (term[at] = ids.get(t)!), (weights[at++] = w);
  });
  start[n] = at;
  return indexOf({ terms, idf, start, term, weight: weights }, ids);
}

/** Rebuilds an index from its state (see TfIdfIndex.state); throws if the state is inconsistent. */
export function restoreTfIdfIndex(state: TfIdfState): TfIdfIndex {
  if (!isConsistent(state)) throw new Error('tf-idf state: arrays do not match');
  return indexOf(state, new Map(state.terms.map((t, i) => [t, i])));
}

/** Whether the arrays of `state` fit together (offsets in order, every term index in range). */
export function isConsistent(state: TfIdfState): boolean {
  const { terms, idf, start, term, weight } = state;
  const n = start.length - 1;
  if (idf.length !== terms.length || n < 0 || start[0] !== 0 || start[n] !== term.length || term.length !== weight.length) return false;
  for (let d = 0; d < n; d++) if (start[d]! > start[d + 1]!) return false;
  for (let k = 0; k < term.length; k++) if (term[k]! < 0 || term[k]! >= terms.length) return false;
  return true;
}

/** Weights a bag of terms by `idf` (sublinear TF, L2-normalised); `ids`: term → its index in `idf`. */
function vectoriser(ids: ReadonlyMap<string, number>, idf: Float64Array): (terms: readonly string[]) => SparseVector {
  return (terms) => {
    const counts = new Map<string, number>();
    for (const t of terms) if (ids.has(t)) counts.set(t, (counts.get(t) ?? 0) + 1);
    let norm = 0;
    const out = new Map<string, number>();
    for (const [t, c] of counts) {
      const w = (1 + Math.log(c)) * idf[ids.get(t)!]!;
      out.set(t, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    for (const [t, w] of out) out.set(t, w / norm);
    return out;
  };
}

/**
 * The index over documents already weighted. The postings (term → documents) are packed like the
 * documents, in document order, so a message's similarities add up in the same order as ever.
 */
function indexOf(state: TfIdfState, ids: ReadonlyMap<string, number>): TfIdfIndex {
  const { terms, idf, start, term, weight } = state;
  const n = start.length - 1;
  const vector = vectoriser(ids, idf);
  const postStart = new Int32Array(terms.length + 1);
  for (let k = 0; k < term.length; k++) postStart[term[k]! + 1]!++;
  for (let t = 0; t < terms.length; t++) postStart[t + 1]! += postStart[t]!;
  const postDoc = new Int32Array(term.length);
  const postWeight = new Float64Array(term.length);
  const fill = postStart.slice(0, terms.length);
  for (let d = 0; d < n; d++) {
    for (let k = start[d]!; k < start[d + 1]!; k++) {
      const at = fill[term[k]!]!++;
      postDoc[at] = d;
      postWeight[at] = weight[k]!;
    }
  }

  return {
    size: n,
    document(i) {
      const v = new Map<string, number>();
      if (i >= 0 && i < n) for (let k = start[i]!; k < start[i + 1]!; k++) v.set(terms[term[k]!]!, weight[k]!);
      return v;
    },
    vector,
    similarities(v: SparseVector): Float64Array {
      const sims = new Float64Array(n);
      for (const [t, w] of v) {
        const id = ids.get(t);
        if (id === undefined) continue;
        for (let k = postStart[id]!; k < postStart[id + 1]!; k++) sims[postDoc[k]!] = sims[postDoc[k]!]! + w * postWeight[k]!;
      }
      return sims;
    },
    state: () => state,
  };
}

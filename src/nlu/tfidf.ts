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

/** An index as plain data: each term's IDF weight, and each document's terms and weights in order. */
export interface TfIdfState {
  idf: [string, number][];
  documents: { terms: string[]; weights: number[] }[];
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
  const idf = new Map<string, number>();
  for (const [t, d] of df) idf.set(t, Math.pow(Math.log((n + 1) / (d + 1)) + 1, power) * weight(t));
  const vectorOf = vectoriser(idf);
  return indexOf(idf, documents.map(vectorOf));
}

/** Rebuilds an index from its state (see TfIdfIndex.state). */
export function restoreTfIdfIndex(state: TfIdfState): TfIdfIndex {
  const idf = new Map(state.idf);
  return indexOf(idf, state.documents.map((d) => new Map(d.terms.map((t, i) => [t, d.weights[i]!]))));
}

/** Weights a bag of terms by `idf` (sublinear TF, L2-normalised). */
function vectoriser(idf: ReadonlyMap<string, number>): (terms: readonly string[]) => SparseVector {
  return (terms) => {
    const counts = new Map<string, number>();
    for (const t of terms) if (idf.has(t)) counts.set(t, (counts.get(t) ?? 0) + 1);
    let norm = 0;
    const out = new Map<string, number>();
    for (const [t, c] of counts) {
      const w = (1 + Math.log(c)) * (idf.get(t) ?? 0);
      out.set(t, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    for (const [t, w] of out) out.set(t, w / norm);
    return out;
  };
}

/** The index over documents already weighted. */
function indexOf(idf: ReadonlyMap<string, number>, vectors: readonly SparseVector[]): TfIdfIndex {
  const n = vectors.length;
  const vector = vectoriser(idf);
  const postings = new Map<string, { doc: number; weight: number }[]>();
  vectors.forEach((v, doc) => {
    for (const [t, weight] of v) {
      const list = postings.get(t) ?? [];
      list.push({ doc, weight });
      postings.set(t, list);
    }
  });

  return {
    size: n,
    document: (i) => vectors[i] ?? new Map<string, number>(),
    vector,
    similarities(v: SparseVector): Float64Array {
      const sims = new Float64Array(n);
      for (const [t, w] of v) for (const p of postings.get(t) ?? []) sims[p.doc] = (sims[p.doc] ?? 0) + w * p.weight;
      return sims;
    },
    state: () => ({ idf: [...idf], documents: vectors.map((v) => ({ terms: [...v.keys()], weights: [...v.values()] })) }),
  };
}
